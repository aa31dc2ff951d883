"""Sentence starts (nlp/components.py BlockSentences): spaCy's sentencizer rule, plus blocks."""

from __future__ import annotations

import pytest
import spacy

from claimcheck.nlp.components import BLOCKS_KEY, BlockSentences

TEXTS = [
    "It works. Really! Does it? Yes...",
    'He said "it cures." Then he left. (It did not.) Fine',
    "Dr. Smith et al. found 3.5 mg/dl. OK",
    "... leading dots. And: a colon; a semicolon",
    "No final punctuation at all",
    "!!!",
    "Ends with a quote.” Next one starts here.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_same_starts_as_spacys_sentencizer(text: str) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    expected = [t.is_sent_start for t in nlp(text)]
    assert [t.is_sent_start for t in BlockSentences()(nlp.make_doc(text))] == expected


def test_every_block_starts_a_sentence() -> None:
    text = "Heading without a stop\nA paragraph follows. Two sentences"
    doc = spacy.blank("en").make_doc(text)
    para = text.index("A paragraph")
    doc.user_data[BLOCKS_KEY] = ((0, para - 1, "heading"), (para, len(text), "paragraph"))
    sentences = [s.text for s in BlockSentences()(doc).sents if s.text.strip()]
    assert sentences == ["Heading without a stop", "A paragraph follows.", "Two sentences"]
