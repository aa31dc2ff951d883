"""Small spaCy components: block-aware sentence starts, lower-case lemmas, health terms, regexes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import (  # type: ignore[import-not-found]
    IDX,
    IS_PUNCT,
    LEMMA,
    LENGTH,
    LOWER,
    ORTH,
    SENT_START,
)
from spacy.errors import Errors
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from claimcheck.lexicon.model import ModifierGroup
from claimcheck.nlp.arrays import member

BLOCKS_KEY = "cc_blocks"  # doc.user_data: tuple of (start_char, end_char, role)
LINKS_KEY = "cc_links"  # doc.user_data: tuple of (start_char, end_char, href)
MODS_KEY = "cc_mods"  # doc.spans: modifier spans, label = type, id = group id
TEXT_KEY = "cc_text"  # doc.user_data: the text the doc was made from (== doc.text)
SENTS_KEY = "cc_sents"  # doc.user_data: the SentenceTable, made on first use

TERM_ATTR = "ENT_ID"  # where health-term types live (no NER here), tested in C by rulers


def _term_type(token: Token) -> str:
    """``token._.cc_term``: the type of the health term the token is in, or ""."""
    return token.ent_id_


if not Token.has_extension("cc_term"):
    Token.set_extension("cc_term", getter=_term_type)


def doc_text(doc: Doc) -> str:
    """The doc's text: the input kept by ``Linter`` (``doc.text`` joins every token anew)."""
    text = doc.user_data.get(TEXT_KEY)
    return text if isinstance(text, str) else doc.text


@dataclass(frozen=True)
class SentenceTable:
    """A processed doc's sentences as plain bounds: ``tokens[i]`` is (start, end) in tokens and
    ``chars[i]`` (start_char, end_char), as ``doc.sents`` gives them, without making a Span
    per sentence each time a rule asks."""

    tokens: list[tuple[int, int]]
    chars: list[tuple[int, int]]


def sentence_table(doc: Doc) -> SentenceTable:
    """The doc's sentences (read once from the token arrays, then kept in ``doc.user_data``)."""
    table = doc.user_data.get(SENTS_KEY)
    if isinstance(table, SentenceTable):
        return table
    if not len(doc):
        table = SentenceTable([], [])
    else:
        rows = doc.to_array([SENT_START, IDX, LENGTH]).astype(np.int64)
        starts = np.flatnonzero(rows[:, 0] == 1)
        if not len(starts) or starts[0] != 0:
            starts = np.concatenate(([0], starts))
        ends = np.concatenate((starts[1:], [len(doc)]))
        first = rows[starts, 1]
        last = rows[ends - 1, 1] + rows[ends - 1, 2]
        table = SentenceTable(list(zip(starts.tolist(), ends.tolist(), strict=True)),
                              list(zip(first.tolist(), last.tolist(), strict=True)))  # fmt: skip
    doc.user_data[SENTS_KEY] = table
    return table


class BlockSentences:
    """Sentence starts: at every block start, and after sentence-final punctuation.

    The punctuation rule is spaCy's ``Sentencizer`` (its default characters), computed on
    token arrays instead of a Python loop over tokens: a word token starts a sentence when a
    sentence-final character (".", "!", "?", ...) stands between it and the previous word
    token. Block starts come first, so headings never merge with paragraphs.
    """

    def __init__(self) -> None:
        self._finals: np.ndarray[Any, Any] | None = None

    def _final_ids(self) -> np.ndarray[Any, Any]:
        """Hashes of the sentence-final characters (spaCy's string ids are stable)."""
        if self._finals is None:
            chars = Sentencizer.default_punct_chars
            self._finals = np.unique(np.fromiter((get_string_id(c) for c in chars),
                                                 dtype=np.uint64))  # sorted, for ``member``
        return self._finals

    def __call__(self, doc: Doc) -> Doc:
        """Set ``SENT_START`` on every token: 1 for a sentence start, -1 otherwise."""
        if not len(doc):
            return doc
        if doc.has_annotation("DEP"):
            raise ValueError(Errors.E043)
        table = doc.to_array([ORTH, IS_PUNCT, IDX]).astype(np.uint64)
        final = member(table[:, 0], self._final_ids())
        word = ~final & (table[:, 1] == 0)
        marks = np.full(len(doc), -1, dtype=np.int32)
        marks[0] = 1
        words = np.flatnonzero(word)
        if len(words):
            seen = np.cumsum(final)[words]  # finals up to each word (a word is not one)
            before = np.concatenate(([0], seen[:-1]))
            marks[words[seen > before]] = 1
        blocks = doc.user_data.get(BLOCKS_KEY, ())
        if blocks:
            # the tokens holding each block's first and last characters ("expand" alignment)
            chars = np.array([(start, end) for start, end, _kind in blocks if end > start])
            offsets = table[:, 2].astype(np.int64)
            if len(chars):
                first = np.searchsorted(offsets, chars[:, 0], side="right") - 1
                after = np.searchsorted(offsets, chars[:, 1] - 1, side="right")
                keep = (after > first) & (first >= 0)
                marks[first[keep]] = 1
                ends = after[keep]
                marks[ends[ends < len(doc)]] = 1
        doc.from_array([SENT_START], marks.astype(np.uint64))  # type: ignore[arg-type]
        return doc


class LowerLemmas:
    """Lookup lemmatizer keyed on the lower-cased form (spaCy's own lookup is case-sensitive)."""

    def __init__(self, table: Mapping[str, str]) -> None:
        self._table = table  # flags.lemma_table: spaCy's lookup plus the lexicon's overrides
        self._cache: dict[int, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Set ``token.lemma`` for every token from the lookup table (one array write)."""
        if not len(doc):
            return doc
        cache = self._cache
        strings = doc.vocab.strings
        lowers = doc.to_array([LOWER]).tolist()
        for lower in set(lowers).difference(cache):
            text = strings[lower]
            cache[lower] = strings.add(self._table.get(text, text))
        lemmas = np.fromiter((cache[x] for x in lowers), dtype=np.uint64, count=len(lowers))
        doc.from_array([LEMMA], lemmas)  # type: ignore[arg-type]
        return doc


class RegexModifiers:
    """Add regex-matched modifier spans (URLs, DOIs, citations) to ``doc.spans[MODS_KEY]``."""

    def __init__(self, groups: Iterable[ModifierGroup]) -> None:
        self._rules = [(g, re.compile(r)) for g in groups for r in g.regex]

    def __call__(self, doc: Doc) -> Doc:
        """Append every regex match, expanded to whole tokens."""
        found: list[Span] = []
        text = doc_text(doc)
        for group, rx in self._rules:
            for m in rx.finditer(text):
                span = doc.char_span(m.start(), m.end(), label=group.type, span_id=group.id,
                                     alignment_mode="expand")
                if span is not None and len(span):
                    found.append(span)
        if found:
            group_spans = doc.spans.get(MODS_KEY, [])
            doc.spans[MODS_KEY] = [*group_spans, *found]
        return doc
