"""Every claim pattern's, shape's and framed list's YAML examples: it matches each `flag` text
and none of its `pass` texts.

Matches are read after the pattern's own context (``lead``, ``not_after``), before triggers
compete, so each example tests the one pattern it sits under. A shape that works only in a
health document (``health_only``, framed lists) is tried after a sentence about health, so its
`pass` examples are near misses in a health text, where they matter.
"""

from __future__ import annotations

import pytest

from claimcheck.api import Linter
from claimcheck.extract.text import parse_plain
from claimcheck.lexicon.loader import load_lexicon
from claimcheck.nlp.context import CLAIMS_KEY, RULE_HITS_KEY
from claimcheck.nlp.triggers import apply_pattern_context

RULESET = load_lexicon()
PATTERNS = RULESET.claim_patterns
SHAPES = (*RULESET.claim_shapes, *RULESET.framed_lists)
HEALTH_CONTEXT = "Joint pain, headaches and poor sleep are common complaints.\n\n"
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


def shape_hits(linter: Linter, text: str) -> set[str]:
    """Claim-pattern and shape names, and the rule ids of boilerplate-shape hits, for ``text``."""
    doc = linter.nlp(linter._make_doc(parse_plain("example", text)))
    rules = {s.id_ for s in doc.spans.get(RULE_HITS_KEY, [])}
    return {s.id_ for s in doc.spans[CLAIMS_KEY]} | rules


def _key(shape: object) -> str:
    """What a shape's match is identified by: its rule (boilerplate) or its name (claims)."""
    return getattr(shape, "rule", None) or shape.name  # type: ignore[attr-defined]


def _in_context(shape: object, text: str) -> str:
    """The example, after a health sentence when the shape needs a health document."""
    return HEALTH_CONTEXT + text if getattr(shape, "health_only", True) else text


def test_every_shape_has_flag_and_pass_examples() -> None:
    missing = [s.name for s in SHAPES if not (s.examples_flag and s.examples_pass)]
    assert missing == []


@pytest.mark.parametrize(
    ("shape", "text"), [(s, t) for s in SHAPES for t in s.examples_flag], ids=lambda x: str(x)[:40]
)
def test_shape_flag_examples_match(linter: Linter, shape: object, text: str) -> None:
    assert _key(shape) in shape_hits(linter, _in_context(shape, text))


@pytest.mark.parametrize(
    ("shape", "text"), [(s, t) for s in SHAPES for t in s.examples_pass], ids=lambda x: str(x)[:40]
)
def test_shape_pass_examples_do_not_match(linter: Linter, shape: object, text: str) -> None:
    assert _key(shape) not in shape_hits(linter, _in_context(shape, text))
