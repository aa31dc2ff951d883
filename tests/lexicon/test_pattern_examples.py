"""Every claim pattern's YAML examples: it matches each `flag` text and none of its `pass` texts.

Matches are read after the pattern's own context (``lead``, ``not_after``), before triggers
compete, so each example tests the one pattern it sits under.
"""

from __future__ import annotations

import pytest

from claimcheck.api import Linter
from claimcheck.extract.text import parse_plain
from claimcheck.lexicon.loader import load_lexicon
from claimcheck.nlp.context import CLAIMS_KEY
from claimcheck.nlp.triggers import apply_pattern_context

PATTERNS = load_lexicon().claim_patterns
LEAD = {p.name: p.lead for p in PATTERNS if p.lead}
NOT_AFTER = {p.name: p.not_after for p in PATTERNS if p.not_after}


def matched(linter: Linter, text: str) -> set[str]:
    """The names of the claim patterns that match ``text``."""
    doc = linter.nlp(linter._make_doc(parse_plain("example", text)))
    return {s.id_ for s in apply_pattern_context(doc.spans[CLAIMS_KEY], LEAD, NOT_AFTER)}


def test_every_claim_pattern_has_flag_and_pass_examples() -> None:
    missing = [p.name for p in PATTERNS if not (p.examples_flag and p.examples_pass)]
    assert missing == []


@pytest.mark.parametrize(("name", "text"), [(p.name, t) for p in PATTERNS for t in p.examples_flag])
def test_flag_examples_match(linter: Linter, name: str, text: str) -> None:
    assert name in matched(linter, text)


@pytest.mark.parametrize(("name", "text"), [(p.name, t) for p in PATTERNS for t in p.examples_pass])
def test_pass_examples_do_not_match(linter: Linter, name: str, text: str) -> None:
    assert name not in matched(linter, text)
