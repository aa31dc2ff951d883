"""Claim kinds are lexicon data: a pack declares a kind, its priority and its treatment, and
adding a kind is one lexicon file plus its examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.api import Linter
from claimcheck.errors import LexiconError
from claimcheck.extract.text import parse_plain
from claimcheck.lexicon.loader import load_lexicon

DOSAGE = """
claim_kinds:
  - {name: dosage, priority: 75}
patterns:
  - kind: dosage
    name: take-a-dose
    pattern: [{LOWER: take}, {LIKE_NUM: true}, {LOWER: {IN: [mg, grams, capsules, drops]}}]
    examples: {flag: ["Take 500 mg a day to calm your joints."], pass: ["Take a walk."]}
"""


def pack(tmp_path: Path, body: str) -> Path:
    directory = tmp_path / "pack"
    directory.mkdir()
    (directory / "meta.yml").write_text("name: test\nversion: 1\n", encoding="utf-8")
    (directory / "dosage.yml").write_text(body, encoding="utf-8")
    return directory


def test_the_default_kinds_come_by_priority_with_their_treatment() -> None:
    rs = load_lexicon()
    assert rs.kind_names[0] == "cure" and rs.kind_names[-1] == "causal"
    assert rs.kinds_where(absolute=True) == {"cure"}
    assert rs.kinds_where(effect=False) == {"statistic"}
    assert rs.kinds_where(science=True) == {"association", "causal"}
    assert rs.kinds_where(generic=True) == {"causal"}


def test_a_kind_added_by_one_lexicon_file_is_found(tmp_path: Path) -> None:
    rs = load_lexicon([pack(tmp_path, DOSAGE)])
    assert rs.kind_names.index("dosage") == rs.kind_names.index("efficacy") - 1
    result = Linter(rs).check_document(parse_plain("t", "Take 500 mg of turmeric every day."))
    assert [c.kind for c in result.claims] == ["dosage"]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (DOSAGE.replace("  - {name: dosage, priority: 75}\n", "  - {name: cure, priority: 5}\n"),
         "claim kind 1: 'cure' is already declared in"),
        (DOSAGE.replace("claim_kinds:\n  - {name: dosage, priority: 75}\n", ""),
         "pattern 1: key 'kind' is 'dosage', not a declared claim kind"),
        (DOSAGE.replace("priority: 75", "priority: high"),
         "key 'priority' must be an integer, got 'high'"),
        (DOSAGE.replace("priority: 75", "priority: 75, loud: true"), "unknown key 'loud'"),
    ],
)
def test_a_bad_declaration_names_the_file_and_the_reason(
    tmp_path: Path, body: str, says: str
) -> None:
    with pytest.raises(LexiconError, match=r"dosage\.yml") as info:
        load_lexicon([pack(tmp_path, body)])
    assert says in str(info.value)
