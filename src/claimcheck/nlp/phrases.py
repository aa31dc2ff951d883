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


class PhraseIndex:
    """Case-insensitive (``LOWER``, homoglyph-folded) lookup of a list of phrases.

    ``find`` returns ``(phrase number, start, end)`` for every occurrence of every phrase, like
    a PhraseMatcher whose keys are the phrase numbers.
    """

    def __init__(self, phrases: Sequence[str]) -> None:
        by_first: dict[int, list[tuple[tuple[int, ...], int]]] = {}
        for number, phrase in enumerate(phrases):
            key = tuple(get_string_id(folded_lower(w)) for w in known_words(phrase))
            if key:
                by_first.setdefault(key[0], []).append((key[1:], number))
        self.by_first = by_first
        self.firsts = np.sort(np.fromiter(by_first, dtype=np.uint64, count=len(by_first)))

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_first.values())

    def find(self, doc: Doc | Span) -> list[tuple[int, int, int]]:
        """Every match in ``doc`` (offsets within it, as a Matcher over a Span gives)."""
        if not len(doc) or not len(self.firsts):
            return []
        lowers = doc.to_array("LOWER") if isinstance(doc, Doc) else doc.doc.to_array("LOWER")[
            doc.start : doc.end
        ]
        pos = np.searchsorted(self.firsts, lowers)
        pos[pos == len(self.firsts)] = 0
        starts = np.flatnonzero(self.firsts[pos] == lowers)
        if not len(starts):
            return []
        values = lowers.tolist()
        found = []
        for i in starts.tolist():
            for rest, number in self.by_first[values[i]]:
                n = len(rest)
                if not n or tuple(values[i + 1 : i + 1 + n]) == rest:
                    found.append((number, i, i + 1 + n))
        return found
