"""Run token patterns only on the sentences where they can match.

spaCy's Matcher walks every token of a document for every pattern, making a Python ``Token``
per token and testing each pattern's first step there. Most patterns need one word from a
short list somewhere in every match ("reduce" or "lower" in a causal pattern; "associated" in
an association pattern). Such a required test is the pattern's *anchor*: a sentence with no
token passing it cannot hold a match. ``GatedMatcher`` finds, with one array read per document,
the sentences holding the anchor of a group of patterns, and runs the group there only;
patterns without an anchor run on the whole document. The matches are the same as
one Matcher over the document gives, for patterns that do not cross a sentence boundary
(none of ours may: claims and notices are read per sentence).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import IDS, SENT_START  # type: ignore[import-not-found]  # Cython, no stubs
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

_ANCHOR_ATTRS = {"LOWER": "LOWER", "ORTH": "ORTH", "TEXT": "ORTH", "LEMMA": "LEMMA",
                 "NORM": "NORM", "ENT_ID": "ENT_ID"}  # fmt: skip
_STOP_WEIGHT = 40  # a stop word passes about as often as this many other words


@dataclass(frozen=True)
class Anchor:
    """A test every match of a pattern passes at one of its tokens: attribute in values.

    ``words`` are the strings behind ``values`` (for choosing among anchors); a lexeme flag
    is attribute ``FLAGn`` with value 1 and the words of its predicate.
    """

    attr: int
    values: frozenset[int]
    words: frozenset[str]

    @property
    def rank(self) -> int:
        """Lower is more selective: an estimate of how many tokens pass the test.

        Without word frequencies at hand, a stop word counts as forty ordinary words, and a
        lemma as the three forms it stands for.
        """
        forms = 3 if self.attr == IDS["LEMMA"] else 1
        return forms * sum(_STOP_WEIGHT if w.lower() in STOP_WORDS else 1 for w in self.words)


def _required(step: Mapping[str, Any]) -> bool:
    """Whether every match of the pattern has a token for this step."""
    op = str(step.get("OP", "1"))
    if op in ("1", "+"):
        return True
    if op.startswith("{"):
        low = op[1:].split(",")[0].rstrip("}")
        return low.isdigit() and int(low) >= 1
    return False


def step_anchor(attr: str, value: Any) -> Anchor | None:
    """The anchor of one test of a required step, when it is an equality or set test."""
    if attr.startswith("FLAG") and attr[4:].isdigit() and value is True:
        return Anchor(int(attr[4:]), frozenset({1}), frozenset())
    name = _ANCHOR_ATTRS.get(attr.upper())
    if name is None:
        return None
    words: list[str] | None = None
    if isinstance(value, str):
        words = [value]
    elif isinstance(value, dict) and len(value) == 1 and isinstance(value.get("IN"), list):
        words = [v for v in value["IN"] if isinstance(v, str)]
        if len(words) != len(value["IN"]):
            return None
    if not words:
        return None
    return Anchor(IDS[name], frozenset(get_string_id(w) for w in words), frozenset(words))


def pattern_anchor(
    steps: list[dict[str, Any]], flag_words: Mapping[int, frozenset[str]]
) -> Anchor | None:
    """The most selective anchor of a token pattern, or None if it has none.

    ``flag_words`` gives the words behind each lexeme flag bit, so a flagged set test is
    ranked like the word list it stands for.
    """
    best: Anchor | None = None
    for step in steps:
        if not _required(step):
            continue
        for attr, value in step.items():
            anchor = step_anchor(attr, value)
            if anchor is None:
                continue
            if attr.startswith("FLAG"):
                if anchor.attr not in flag_words:
                    continue  # a regex or NOT_IN flag: no word list to rank it by
                anchor = Anchor(anchor.attr, anchor.values, flag_words[anchor.attr])
            if best is None or anchor.rank < best.rank:
                best = anchor
    return best


class GatedMatcher:
    """Token patterns grouped by anchor, each group run only on the sentences holding its
    anchor; patterns without an anchor run on the whole document.

    ``add`` takes a match key and one pattern; ``__call__`` returns ``(key, start, end)`` like
    ``Matcher``, in document offsets. The matcher's cost is about tokens x patterns, so a
    group whose anchor occurs in a tenth of the sentences costs a tenth.
    """

    def __init__(self, vocab: Vocab, flag_words: Mapping[int, frozenset[str]]) -> None:
        self.vocab = vocab
        self.everywhere = Matcher(vocab, validate=False)
        self.flag_words = flag_words
        self.groups: dict[tuple[int, frozenset[int]], Matcher] = {}
        self._index: dict[int, dict[int, list[int]]] = {}  # attr -> value -> group numbers
        self._compiled: tuple[list[int], list[np.ndarray[Any, Any]]] | None = None

    def __len__(self) -> int:
        return len(self.everywhere) + sum(len(m) for m in self.groups.values())

    def add(self, key: str, steps: list[dict[str, Any]]) -> None:
        """Add one token pattern under ``key``."""
        anchor = pattern_anchor(steps, self.flag_words)
        if anchor is None:
            self.everywhere.add(key, [steps])
            return
        group = (anchor.attr, anchor.values)
        if group not in self.groups:
            number = len(self.groups)
            self.groups[group] = Matcher(self.vocab, validate=False)
            by_value = self._index.setdefault(anchor.attr, {})
            for value in anchor.values:
                by_value.setdefault(value, []).append(number)
            self._compiled = None
        self.groups[group].add(key, [steps])

    def _tables(self) -> tuple[list[int], list[np.ndarray[Any, Any]]]:
        """The anchor attributes and, for each, every anchor value (for one ``isin``)."""
        if self._compiled is None:
            attrs = sorted(self._index)
            values = [np.fromiter(self._index[a], dtype=np.uint64) for a in attrs]
            self._compiled = (attrs, values)
        return self._compiled

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Every match within a sentence (a match across a sentence break is dropped)."""
        found: list[tuple[int, int, int]] = []
        if len(self.everywhere):
            found.extend(self.everywhere(doc))
        if not self.groups or not len(doc):
            return found
        attrs, values = self._tables()
        table = doc.to_array([*attrs, SENT_START]).astype(np.uint64)
        starts = np.flatnonzero(table[:, -1] == 1)
        if not len(starts) or starts[0] != 0:
            starts = np.concatenate(([0], starts))
        # sentences holding each group's anchor
        where: dict[int, set[int]] = {}
        for column, (attr, anchors) in enumerate(zip(attrs, values, strict=True)):
            hits = np.flatnonzero(np.isin(table[:, column], anchors))
            if not len(hits):
                continue
            sentence = (np.searchsorted(starts, hits, side="right") - 1).tolist()
            by_value = self._index[attr]
            for value, index in zip(table[hits, column].tolist(), sentence, strict=True):
                for number in by_value[value]:
                    where.setdefault(number, set()).add(index)
        bounds = [*starts.tolist(), len(doc)]
        matchers = list(self.groups.values())
        for number, indices in where.items():
            for first, last in _runs(sorted(indices)):  # neighbouring sentences: one call
                start, end = bounds[first], bounds[last + 1]
                for key, s, e in matchers[number](doc[start:end]):
                    s, e = s + start, e + start
                    if first == last or bisect_right(bounds, s) == bisect_right(bounds, e - 1):
                        found.append((key, s, e))
        return found


def _runs(indices: list[int]) -> Iterator[tuple[int, int]]:
    """(first, last) of each run of consecutive numbers in a sorted list."""
    first = prev = indices[0]
    for i in indices[1:]:
        if i != prev + 1:
            yield first, prev
            first = i
        prev = i
    yield first, prev
