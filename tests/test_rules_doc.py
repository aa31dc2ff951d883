"""``claimcheck rules RULE``: no placeholder of a message template reaches the reader raw."""

from __future__ import annotations

import re

import pytest

from claimcheck.lexicon.loader import load_lexicon
from claimcheck.lexicon.model import Rule
from claimcheck.rules_doc import explain_rule, fill_placeholders

RULES = load_lexicon([]).rules


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_no_rule_doc_shows_an_unfilled_placeholder(rule: Rule) -> None:
    # 'claimcheck rules CC101' used to print "e.g. '{softened}'"
    text = explain_rule(rule)
    assert not re.search(r"\{\w*\}", text), text


def test_placeholders_are_described() -> None:
    assert fill_placeholders("e.g. '{softened} [source]'") == "e.g. '<the claim, hedged> [source]'"
    assert fill_placeholders("{match} ({new_thing})") == "<text> (<new thing>)"
