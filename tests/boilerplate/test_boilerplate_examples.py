"""Every CC4xx rule's YAML examples: each `flag` example flags, each `pass` example does not."""

from __future__ import annotations

import pytest

from claimcheck.api import FileResult, Linter
from claimcheck.extract.text import parse_plain
from claimcheck.lexicon.loader import load_lexicon
from claimcheck.lexicon.model import Rule
from claimcheck.rules.crossdoc import EXAMPLE_SEPARATOR

BOILERPLATE_KINDS = frozenset({
    "platform-disclaimer", "platform-call-to-action", "template-opener", "template-closer",
    "call-to-action", "generic-disclaimer", "spun-text", "keyword-stuffing",
    "promotional-language", "cross-document-template", "author-box", "site-text",
})  # fmt: skip
RULES = [r for r in load_lexicon().rules if r.id.startswith("CC4")]
FLAG = [(r.id, i) for r in RULES for i in range(len(r.examples_flag))]
PASS = [(r.id, i) for r in RULES for i in range(len(r.examples_pass))]


def _rule(rule_id: str) -> Rule:
    return next(r for r in RULES if r.id == rule_id)


def _run(linter: Linter, example: str) -> FileResult:
    """Check an example; a multi-document example is one run, judged on its last document."""
    linter.run_state.clear()
    texts = example.split(EXAMPLE_SEPARATOR)
    docs = [parse_plain(f"<example {i}>", t) for i, t in enumerate(texts)]
    return list(linter.check_many(docs))[-1]


def test_boilerplate_rules_exist() -> None:
    ids = {r.id for r in RULES}
    assert {
        "CC401",
        "CC402",
        "CC403",
        "CC404",
        "CC405",
        "CC406",
        "CC410",
        "CC420",
        "CC421",
        "CC430",
    } <= ids


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_documented(rule: Rule) -> None:
    assert rule.category == "boilerplate"
    assert getattr(rule.params, "boilerplate_kind", None) in BOILERPLATE_KINDS
    assert rule.examples_flag and rule.examples_pass, "needs flag and pass examples"
    assert rule.suggestion and rule.rationale and rule.references


@pytest.mark.parametrize(("rule_id", "i"), FLAG)
def test_flag_example(linter: Linter, rule_id: str, i: int) -> None:
    rule = _rule(rule_id)
    result = _run(linter, rule.examples_flag[i])
    hits = [f for f in result.findings if f.rule == rule_id]
    assert hits, f"{rule_id} did not flag: {rule.examples_flag[i][:80]!r}"
    kind = getattr(rule.params, "boilerplate_kind", None)
    assert all(f.category == "boilerplate" and f.topic == kind for f in hits)


@pytest.mark.parametrize(("rule_id", "i"), PASS)
def test_pass_example(linter: Linter, rule_id: str, i: int) -> None:
    rule = _rule(rule_id)
    result = _run(linter, rule.examples_pass[i])
    assert not [f for f in result.findings if f.rule == rule_id], rule.examples_pass[i][:80]
