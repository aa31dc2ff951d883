"""Wording a page shows without asserting it: scare quotes and navigation trails.

A word or two in quotation marks ("a 'miracle' cure", “immune boosting” drips) is held at a
distance: the writer names other people's wording, often to doubt it. A longer quotation is
someone's statement and stays a (reported) claim. A line of links joined by breadcrumb
separators ("Home > Health > Back pain", also with U+203A or U+00BB) is site navigation. Claim
triggers inside a trail, or starting inside scare quotes, are no claims of the page.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable

import numpy as np
from spacy.attrs import ORTH  # type: ignore[import-not-found]
from spacy.strings import get_string_id
from spacy.tokens import Doc

from claimcheck.nlp.arrays import member

MAX_SCARE_WORDS = 3  # words inside the quotes
_PAIRS = {"\u201c": "\u201d", "\u2018": "\u2019", '"': '"'}  # opening -> closing mark
_TRAIL = frozenset({"\u203a", "\u00bb", ">", "\u2192"})  # breadcrumb separators


def scare_quoted(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges inside quotation marks holding one to ``MAX_SCARE_WORDS`` words."""
    out: list[tuple[int, int]] = []
    n = len(doc)
    after = -1  # a pair taken: its closing mark opens nothing
    for i in _indices(doc, _PAIRS):
        if i <= after:
            continue
        close = _PAIRS[doc[i].text]
        j = i + 1
        while j < n and j - i <= MAX_SCARE_WORDS + 2 and doc[j].text != close:
            j += 1
        if j >= n or doc[j].text != close:
            continue
        inside = doc[i + 1 : j]
        words = sum(1 for t in inside if not t.is_punct)
        if 1 <= words <= MAX_SCARE_WORDS:
            if not any(t.is_sent_start for t in inside):
                out.append((i + 1, j))
            after = j
    return out


def navigation_trails(doc: Doc, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences (token ranges) with two or more breadcrumb separators."""
    marks = _indices(doc, _TRAIL)
    if len(marks) < 2:
        return []
    starts = [s for s, _e in bounds]
    per_sentence = Counter(bisect.bisect_right(starts, int(k)) - 1 for k in marks)
    return [bounds[si] for si, count in sorted(per_sentence.items()) if count >= 2 and si >= 0]


def _indices(doc: Doc, texts: Iterable[str]) -> list[int]:
    """Indices of the tokens whose text is one of ``texts`` (one array scan, not a token loop)."""
    ids = sorted({get_string_id(t) for t in texts})  # spaCy's string hashes: no vocabulary lookup
    orths = doc.to_array(ORTH)
    return [int(k) for k in np.flatnonzero(member(orths, np.array(ids, dtype=np.uint64)))]
