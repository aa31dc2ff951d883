"""Phrase lists (nlp/phrases.py): PhraseMatcher results without vocabulary entries; cached."""

from __future__ import annotations

import pytest
import spacy
from spacy.matcher import PhraseMatcher

from claimcheck.api import Linter
from claimcheck.extract.text import parse_plain
from claimcheck.nlp import cache, phrases
from claimcheck.nlp.phrases import PhraseIndex
from claimcheck.rules import rule_phrases
from claimcheck.rules.matchers import longest_matches, phrase_matcher

PHRASES = ["bosom malignant growth", "malignant growth", "sun based", "don't", "e-mail"]
TEXTS = [
    "Bosom malignant growth and MALIGNANT growth; sun based power.",
    "I don't know. Send an e-mail.",
    "growth malignant",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_same_longest_matches_as_a_phrase_matcher(text: str) -> None:
    nlp = spacy.blank("en")
    doc = nlp(text)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for i, phrase in enumerate(PHRASES):
        matcher.add(str(i), [nlp.make_doc(phrase)])
    index = PhraseIndex(PHRASES)
    expected = sorted((int(nlp.vocab.strings[k]), s, e) for k, s, e in matcher(doc))
    assert sorted(index.find(doc)) == expected
    assert [(i, s.text) for i, s in longest_matches(index, doc)] == [
        (i, s.text) for i, s in longest_matches(phrase_matcher(nlp.vocab, PHRASES), doc)
    ]


def test_longest_match_wins_and_spans_are_the_docs(linter: Linter) -> None:
    doc = linter.nlp(linter._make_doc(parse_plain("t", "Intro. Bosom malignant growth here.")))
    sentence = list(doc.sents)[1]
    found = longest_matches(PhraseIndex(PHRASES), sentence)
    assert [(i, s.text, s.start) for i, s in found] == [(0, "Bosom malignant growth", 2)]


def test_homoglyphs_are_folded(linter: Linter) -> None:
    doc = linter.nlp(linter._make_doc(parse_plain("t", "A m\u0430lignant growth.")))
    assert [s.text for _, s in longest_matches(PhraseIndex(PHRASES), doc)] == [
        "m\u0430lignant growth"
    ]


def test_cached_pipeline_carries_the_rules_phrases(monkeypatch: pytest.MonkeyPatch) -> None:
    def listed(rs):  # type: ignore[no-untyped-def]
        return rule_phrases(rs.rules)

    ruleset, _ = cache.cached_pipeline((), listed)  # builds or loads; either way stored
    wanted = rule_phrases(ruleset.rules)
    assert wanted, "the shipped rules look up phrase lists"
    monkeypatch.setattr(phrases, "_KNOWN", {})
    cache.cached_pipeline((), listed)  # a later process: loads from the cache file
    monkeypatch.setattr(phrases, "_tokenizer", lambda: pytest.fail("tokenizer made"))
    assert all(phrases.known_words(p) for p in wanted)
