"""Homoglyph folding (nlp/fold.py): look-alike letters never hide a claim."""

from __future__ import annotations

from claimcheck.api import Linter
from claimcheck.nlp.fold import fold, is_obfuscated
from tests.conftest import asserted

E, A, Y, C, T = "\u0435", "\u0430", "\u0443", "\u0441", "\u0422"  # Cyrillic look-alikes


def test_cyrillic_look_alikes_fold_to_latin() -> None:
    assert fold(f"R{E}v{E}rs{E}") == "Reverse"
    assert fold(f"Di{A}b{E}tes") == "Diabetes"
    assert is_obfuscated(f"N{A}turall{Y}")


def test_genuine_words_are_left_alone() -> None:
    assert fold("\u041c\u043e\u0441\u043a\u0432\u0430") == "\u041c\u043e\u0441\u043a\u0432\u0430"
    assert fold("café") == "café"
    assert not is_obfuscated("naïve")


def test_a_claim_in_obfuscated_text_is_found(linter: Linter) -> None:
    text = f"{T}his t{E}{A} {C}ur{E}s di{A}b{E}t{E}s in 30 d{A}{Y}s."
    (claim,) = asserted(linter, text)
    assert claim.kind == "cure"
