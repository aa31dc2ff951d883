"""Word lists tokenized like article text, and looked up in documents without a PhraseMatcher.

A spaCy PhraseMatcher needs each phrase as a Doc of the document's own vocabulary: every new
word becomes a lexeme there and runs every lexeme-flag getter of the pipeline (``flags.py``),
and the matcher re-adds its phrase documents when unpickled. Here phrases are tokenized on a
vocabulary of their own (one blank English tokenizer per process, made on first use) and kept
as tuples of string hashes; a document is matched through its ``LOWER`` array.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from claimcheck.nlp.fold import folded_lower


@cache
def _tokenizer() -> Any:
    """spaCy's English tokenizer on a vocabulary of its own (spacy.tokenizer has no stubs)."""
    import spacy

    return spacy.blank("en").tokenizer


_KNOWN: dict[str, tuple[str, ...]] = {}  # phrase -> words, for the rules' phrase lists


def phrase_words(phrase: str) -> list[str]:
    """The words of ``phrase`` as the English tokenizer splits article text."""
    return [t.text for t in _tokenizer()(phrase)]


def known_words(phrase: str) -> tuple[str, ...]:
    """``phrase_words``, remembered: the rules' phrase lists are tokenized when the pipeline
    is built and travel in its cache (``remember``), so a check that loads a cached pipeline
    never makes a tokenizer (about 0.2 s) for them."""
    words = _KNOWN.get(phrase)
    if words is None:
        words = _KNOWN[phrase] = tuple(phrase_words(phrase))
    return words


def remembered() -> dict[str, tuple[str, ...]]:
    """Every phrase tokenized through ``known_words`` in this process."""
    return dict(_KNOWN)


def remember(table: dict[str, tuple[str, ...]]) -> None:
    """Adopt tokenized phrases from a pipeline cache."""
    _KNOWN.update(table)


# function words that start many phrases ("to", "the", "not my beer"): a phrase is looked up
# by another of its words when it has one, so common words do not make candidates everywhere
_COMMON = frozenset({
    "a", "an", "the", "to", "of", "in", "on", "at", "by", "for", "from", "with", "and", "or",
    "not", "no", "is", "are", "was", "were", "be", "been", "it", "its", "i", "you", "we",
    "they", "he", "she", "my", "your", "our", "their", "this", "that", "these", "those", "do",
    "does", "did", "have", "has", "had", "when", "if", "as", "so", "but",
})  # fmt: skip


def _anchor(words: Sequence[str]) -> int:
    """The position of the word a phrase is looked up by: its longest uncommon word (the
    first among equals), or its first word when all are common."""
    best = -1
    for i, word in enumerate(words):
        if word.lower() not in _COMMON and (best < 0 or len(word) > len(words[best])):
            best = i
    return max(best, 0)


class PhraseIndex:
    """Case-insensitive (``LOWER``, homoglyph-folded) lookup of a list of phrases.

    ``find`` returns ``(phrase number, start, end)`` for every occurrence of every phrase, like
    a PhraseMatcher whose keys are the phrase numbers, in text order. Each phrase is indexed by
    one anchor word (``_anchor``): the document's tokens are compared with the anchors in one
    array search, and only the hits are checked word by word.
    """

    def __init__(self, phrases: Sequence[str]) -> None:
        by_anchor: dict[int, list[tuple[tuple[int, ...], int, int]]] = {}
        for number, phrase in enumerate(phrases):
            words = known_words(phrase)
            key = tuple(get_string_id(folded_lower(w)) for w in words)
            if key:
                at = _anchor(words)
                by_anchor.setdefault(key[at], []).append((key, at, number))
        self.by_anchor = by_anchor
        self.anchors = np.sort(np.fromiter(by_anchor, dtype=np.uint64, count=len(by_anchor)))

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_anchor.values())

    def find(self, doc: Doc | Span) -> list[tuple[int, int, int]]:
        """Every match in ``doc`` (offsets within it, as a Matcher over a Span gives)."""
        if not len(doc) or not len(self.anchors):
            return []
        lowers = doc.to_array("LOWER") if isinstance(doc, Doc) else doc.doc.to_array("LOWER")[
            doc.start : doc.end
        ]
        pos = np.searchsorted(self.anchors, lowers)
        pos[pos == len(self.anchors)] = 0
        hits = np.flatnonzero(self.anchors[pos] == lowers)
        if not len(hits):
            return []
        values = lowers.tolist()
        found = []
        for i in hits.tolist():
            for key, at, number in self.by_anchor[values[i]]:
                start = i - at
                if start >= 0 and tuple(values[start : start + len(key)]) == key:
                    found.append((number, start, start + len(key)))
        found.sort(key=lambda m: (m[1], m[0]))
        return found
