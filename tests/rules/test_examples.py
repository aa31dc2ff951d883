"""Every rule's YAML examples: each `flag` example triggers it, no `pass` example does."""

from __future__ import annotations

import pytest

from claimcheck.api import Linter
from claimcheck.lexicon.loader import load_lexicon
from tests.conftest import run_text

RULES = [r for r in load_lexicon().rules if r.status != "removed"]
PREVIEW = {r.id for r in RULES if r.status == "preview"}


def test_every_rule_has_flag_and_pass_examples() -> None:
    """Meta-test (proselint test_check_examples_exist): no rule ships untested."""
    missing = [r.id for r in RULES if not (r.examples_flag and r.examples_pass)]
    assert missing == []


@pytest.mark.parametrize(
    ("rule_id", "text"),
    [(r.id, e) for r in RULES for e in r.examples_flag],
)
def test_flag_examples(linter: Linter, preview: Linter, rule_id: str, text: str) -> None:
    """A flag example produces a finding of that rule (preview rules with --preview)."""
    result = run_text(preview if rule_id in PREVIEW else linter, text)
    assert rule_id in {f.rule for f in result.findings}, [(f.rule, f.text) for f in result.findings]


@pytest.mark.parametrize(
    ("rule_id", "text"),
    [(r.id, e) for r in RULES for e in r.examples_pass],
)
def test_pass_examples(preview: Linter, rule_id: str, text: str) -> None:
    """A pass example produces no finding of that rule, even with preview rules on."""
    result = run_text(preview, text)
    hits = [(f.rule, f.text) for f in result.findings if f.rule == rule_id]
    assert hits == []
