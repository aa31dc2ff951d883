"""Sentence-gated matching (nlp/gate.py): same matches as a Matcher, on fewer tokens."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc

from claimcheck.api import Linter
from claimcheck.extract.text import parse_plain
from claimcheck.nlp.gate import GatedMatcher, pattern_anchor

PATTERNS: list[list[dict[str, Any]]] = [
    [{"LOWER": "may"}, {"LOWER": {"IN": ["ease", "soothe"]}}],
    [{"LOWER": {"IN": ["the", "a"]}, "OP": "?"}, {"LOWER": "remedy"}, {"OP": "*"},
     {"LOWER": "works"}],
    [{"IS_DIGIT": True}, {"LOWER": "percent"}],
    [{"LOWER": "of", "OP": "+"}, {"LOWER": {"IN": ["joints", "muscles"]}}],
]  # fmt: skip
TEXTS = [
    "The remedy soon works. It may soothe aching joints. 40 percent of muscles ache.",
    "Nothing here. A remedy that never works",
    "may ease",
    "",
]


def sentences_doc(text: str) -> Doc:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp(text)


@pytest.mark.parametrize("text", TEXTS)
def test_gated_matches_equal_a_matcher_run_per_sentence(text: str) -> None:
    doc = sentences_doc(text)
    plain = Matcher(doc.vocab)
    gated = GatedMatcher(doc.vocab, {})
    for i, steps in enumerate(PATTERNS):
        plain.add(f"p{i}", [steps])
        gated.add(f"p{i}", steps)
    expected = sorted(
        (key, s.start + start, s.start + end) for s in doc.sents for key, start, end in plain(s)
    )
    assert sorted(gated(doc)) == expected
    assert len(gated) == len(PATTERNS)


def test_patterns_without_an_anchor_run_on_the_whole_document() -> None:
    doc = sentences_doc("12 percent. 3 percent.")
    gated = GatedMatcher(doc.vocab, {})
    gated.add("digits", [{"IS_DIGIT": True}, {"IS_ALPHA": True}])  # no word list to anchor on
    assert len(gated.everywhere) == 1 and not gated.groups
    assert len(gated(doc)) == 2


def test_a_set_of_groups_met_often_gets_a_matcher_of_its_own() -> None:
    doc = sentences_doc("The remedy may ease it and works. " * 40)
    gated = GatedMatcher(doc.vocab, {})
    for i, steps in enumerate(PATTERNS):
        gated.add(f"p{i}", steps)
    first = sorted(gated(doc))
    # one set of two groups in every sentence: its own Matcher once the passes it saves
    # outweigh its build, and the same matches before and after
    assert len(gated._combined) == 1 and not gated._seen
    assert sorted(gated(doc)) == first and len(first) == 3 * 40


def test_a_set_of_groups_met_once_costs_no_build() -> None:
    doc = sentences_doc("The remedy may ease it and works.")
    gated = GatedMatcher(doc.vocab, {})
    for i, steps in enumerate(PATTERNS):
        gated.add(f"p{i}", steps)
    assert len(gated(doc)) == 3  # "may ease", "(The) remedy ... works"
    assert not gated._combined and len(gated._seen) == 1


def test_the_anchor_is_a_required_rare_word() -> None:
    anchor = pattern_anchor(PATTERNS[1], {})
    assert anchor is not None and anchor.words in ({"works"}, {"remedy"})
    # a stop word ("may") loses to a content word list, and optional steps never anchor
    may = pattern_anchor(PATTERNS[0], {})
    assert may is not None and may.words == {"ease", "soothe"}
    assert pattern_anchor([{"LOWER": "cure", "OP": "?"}, {"IS_PUNCT": True}], {}) is None


def test_a_flag_with_a_word_list_is_preferred_to_one_without() -> None:
    steps = [{"FLAG40": True}, {"FLAG41": True}]
    anchor = pattern_anchor(steps, {41: frozenset({"detox", "cleanse"})})
    assert anchor is not None and anchor.attr == 41 and anchor.values == {1}


def test_a_flag_without_a_word_list_anchors_only_when_nothing_else_does() -> None:
    # a regex flag: unknown extent, but still a test every match passes
    only = pattern_anchor([{"FLAG40": True}], {})
    assert only is not None and only.attr == 40 and only.values == {1}
    steps = [{"FLAG40": True}, {"LOWER": "cleanse"}]
    anchor = pattern_anchor(steps, {})
    assert anchor is not None and anchor.words == {"cleanse"}


def test_the_pipeline_rulers_find_claims_in_every_sentence(linter: Linter) -> None:
    text = "Intro line here. This tea cures arthritis. Another line. The oil reduces inflammation."
    doc = linter.nlp(linter._make_doc(parse_plain("t", text)))
    found = {s.text for s in doc.spans["cc_claims"]}
    assert any("cures" in s for s in found) and any("reduces" in s for s in found)
