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

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import (  # type: ignore[import-not-found]  # Cython, no stubs
    IDS,
    NORM,
    ORTH,
    SENT_START,
)
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

_ANCHOR_ATTRS = {"LOWER": "LOWER", "ORTH": "ORTH", "TEXT": "ORTH", "LEMMA": "LEMMA",
                 "NORM": "NORM", "ENT_ID": "ENT_ID"}  # fmt: skip
_FLAGS_END = 64  # attribute ids below this are lexeme flag bits
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
    ranked like the word list it stands for; a flag with no word list (a regex, a NOT_IN)
    anchors a pattern only when nothing else does (unranked, it still narrows the pattern to
    the sentences holding a flagged word).
    """
    best: Anchor | None = None
    unranked: Anchor | None = None
    for step in steps:
        if not _required(step):
            continue
        for attr, value in step.items():
            anchor = step_anchor(attr, value)
            if anchor is None:
                continue
            if attr.startswith("FLAG"):
                if anchor.attr not in flag_words:  # a regex or NOT_IN flag: no words to rank
                    unranked = unranked or anchor
                    continue
                anchor = Anchor(anchor.attr, anchor.values, flag_words[anchor.attr])
            if best is None or anchor.rank < best.rank:
                best = anchor
    return best or unranked


class GatedMatcher:
    """Token patterns grouped by anchor; a sentence is matched against the groups whose
    anchors it holds, and patterns without an anchor run on the whole document.

    ``add`` takes a match key and one pattern; ``__call__`` returns ``(key, start, end)`` like
    ``Matcher``, in document offsets. A Matcher's cost is about tokens x patterns, plus a
    Python ``Token`` per token per call; a set of groups met often enough for its build to
    pay is therefore matched once, by a Matcher made for that set (kept, at most
    ``MAX_COMBINATIONS``: sentences repeat the same sets), and otherwise by each group's own.
    """

    MAX_COMBINATIONS = 4096
    # costs in token visits of one Matcher pass (about 0.4 us each, spaCy 3.8): one call costs
    # about 8 on top of its tokens; building a Matcher about 100 per group of patterns (the set
    # predicates' set-up), and 200 ran fastest on the speed corpus (bench/README.md, "Gated
    # matching")
    BUILD_TOKENS = 200
    CALL_TOKENS = 8

    def __init__(self, vocab: Vocab, flag_words: Mapping[int, frozenset[str]]) -> None:
        self.vocab = vocab
        self.everywhere = Matcher(vocab, validate=False)
        self.flag_words = flag_words
        self.groups: dict[tuple[int, frozenset[int]], list[tuple[str, list[dict[str, Any]]]]]
        self.groups = {}
        self._index: dict[int, dict[int, list[int]]] = {}  # attr -> value -> group numbers
        self._plan: _Plan | None = None
        self._combined: dict[frozenset[int], Matcher] = {}
        self._seen: dict[frozenset[int], int] = {}  # sets of groups met, and how often
        self._single: list[Matcher] | None = None  # one Matcher per group

    def __len__(self) -> int:
        return len(self.everywhere) + sum(len(p) for p in self.groups.values())

    def __getstate__(self) -> dict[str, Any]:
        """Pickle without the combined Matchers (rebuilt on need)."""
        return {**self.__dict__, "_combined": {}, "_plan": None, "_seen": {}, "_single": None}

    def add(self, key: str, steps: list[dict[str, Any]]) -> None:
        """Add one token pattern under ``key``."""
        Matcher(self.vocab, validate=False).add(key, [steps])  # a bad pattern fails here
        self._plan = None  # the anchor values may change
        anchor = pattern_anchor(steps, self.flag_words)
        if anchor is None:
            self.everywhere.add(key, [steps])
            return
        group = (anchor.attr, anchor.values)
        if group not in self.groups:
            number = len(self.groups)
            self.groups[group] = []
            by_value = self._index.setdefault(anchor.attr, {})
            for value in anchor.values:
                by_value.setdefault(value, []).append(number)
        self.groups[group].append((key, steps))
        self._plan = None
        self._combined = {}
        self._seen = {}
        self._single = None

    def _matchers(self, numbers: frozenset[int], tokens: int) -> list[Matcher]:
        """Matchers that together hold the patterns of a set of groups, for a sentence of
        ``tokens`` tokens.

        A set of several groups is matched by the groups' own Matchers (one pass over the
        sentence each) until the passes a Matcher of its own would have saved outweigh the
        cost of building one (``BUILD_TOKENS`` token visits per group); from then on the set
        has its own. A set met once or twice, as in one article, costs no build.
        """
        combined = self._combined.get(numbers)
        if combined is not None:
            return [combined]
        if self._single is None:
            self._single = [self._build([n]) for n in range(len(self.groups))]
        if len(numbers) == 1:
            return [self._single[next(iter(numbers))]]
        saved = self._seen.get(numbers, 0) + (len(numbers) - 1) * (tokens + self.CALL_TOKENS)
        if saved < self.BUILD_TOKENS * len(numbers):
            if len(self._seen) >= self.MAX_COMBINATIONS:
                self._seen.pop(next(iter(self._seen)))
            self._seen[numbers] = saved
            return [self._single[n] for n in sorted(numbers)]
        self._seen.pop(numbers, None)
        if len(self._combined) >= self.MAX_COMBINATIONS:
            self._combined.pop(next(iter(self._combined)))  # the oldest
        combined = self._combined[numbers] = self._build(sorted(numbers))
        return [combined]

    def _build(self, numbers: list[int]) -> Matcher:
        """A Matcher of the patterns of the given groups."""
        matcher = Matcher(self.vocab, validate=False)
        patterns = list(self.groups.values())
        for number in numbers:
            for key, steps in patterns[number]:
                matcher.add(key, [steps])
        return matcher

    def _reads(self) -> _Plan:
        """What ``__call__`` reads per token (made once per set of patterns)."""
        if self._plan is None:
            self._plan = _Plan(self._index)
        return self._plan

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Every match within a sentence (a match across a sentence break is dropped)."""
        found: list[tuple[int, int, int]] = []
        if len(self.everywhere):
            found.extend(self.everywhere(doc))
        if not self.groups or not len(doc):
            return found
        # one array read per document: sentence starts, then every anchor attribute (lexeme
        # flags are read through the tokens' lexemes, as the Matcher reads them)
        plan = self._reads()
        columns = [SENT_START, *(ORTH if attr == NORM else attr for attr in plan.attrs)]
        table = doc.to_array(columns).astype(np.uint64).reshape(len(doc), len(columns))
        starts = np.flatnonzero(table[:, 0] == 1)
        if not len(starts) or starts[0] != 0:
            starts = np.concatenate(([0], starts))
        rows: list[np.ndarray[Any, Any]] = []
        entries: list[np.ndarray[Any, Any]] = []  # the plan's entry (group list) of each hit
        flags = plan.flags  # columns 1 .. flags, whose entries are 0 .. flags - 1
        if flags:  # the tokens where each flag is set
            flag_rows, flag_entries = np.nonzero(table[:, 1 : 1 + flags])
            rows.append(flag_rows)
            entries.append(flag_entries.astype(np.int64))
        for column, (attr, keys, offset) in enumerate(plan.reads[flags:], start=1 + flags):
            assert keys is not None  # the flags come first
            values = table[:, column]
            if attr == NORM:  # the vocabulary entry's norm (by its text), as before
                values = np.fromiter((self.vocab[o].norm for o in values.tolist()),
                                     dtype=np.uint64, count=len(values))  # fmt: skip
            at = np.searchsorted(keys, values)
            np.minimum(at, len(keys) - 1, out=at)
            hits = np.flatnonzero(keys[at] == values)
            rows.append(hits)
            entries.append(at[hits] + offset)
        hit_rows = np.concatenate(rows)
        if not len(hit_rows):
            return found
        # the groups whose anchor each sentence holds: each (sentence, entry) pair once
        sentences = np.searchsorted(starts, hit_rows, side="right") - 1
        width = len(plan.groups)
        pairs = np.unique(sentences.astype(np.int64) * width + np.concatenate(entries))
        where: dict[int, set[int]] = {}
        entry_groups = plan.groups
        for index, entry in zip((pairs // width).tolist(), (pairs % width).tolist(), strict=True):
            held = where.get(index)
            if held is None:
                where[index] = set(entry_groups[entry])
            else:
                held.update(entry_groups[entry])
        bounds = [*starts.tolist(), len(doc)]
        for index, held in where.items():
            start, end = bounds[index], bounds[index + 1]
            sentence = doc[start:end]
            for matcher in self._matchers(frozenset(held), end - start):
                found.extend((key, s + start, e + start) for key, s, e in matcher(sentence))
        return found


class _Plan:
    """The anchor tests of a ``GatedMatcher`` as array reads: ``attrs`` to read per token;
    ``reads`` gives each its sorted anchor values (None for a flag: value 1) and the number of
    its first entry in ``groups``, the group numbers of each (attribute, value). The
    ``flags`` flag anchors come first."""

    def __init__(self, index: Mapping[int, Mapping[int, list[int]]]) -> None:
        self.attrs: list[int] = []
        self.reads: list[tuple[int, np.ndarray[Any, Any] | None, int]] = []
        self.groups: list[list[int]] = []
        flags = [(a, v) for a, v in index.items() if a < _FLAGS_END and v.get(1)]  # flag bits
        self.flags = len(flags)  # read first: flag i is column i + 1 and entry i
        values = [(a, v) for a, v in index.items() if a >= _FLAGS_END]
        for attr, by_value in flags:
            self.attrs.append(attr)
            self.reads.append((attr, None, len(self.groups)))
            self.groups.append(list(by_value.get(1, [])))  # a flag anchor tests value 1
        for attr, by_value in values:
            keys = sorted(by_value)
            self.attrs.append(attr)
            self.reads.append((attr, np.array(keys, dtype=np.uint64), len(self.groups)))
            self.groups.extend(list(by_value[k]) for k in keys)
