"""ConText scope: which modifier reaches which claim trigger (direction, scope, terminators).

After Harkema et al. (2009) and medspaCy's ``ConText``.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Span

from claimcheck.lexicon.model import OVERLAP_ALLOWED, ModifierGroup


@dataclass(frozen=True)
class Mod:
    """A modifier span with its group, in token offsets."""

    start: int  # token offsets
    end: int
    group: ModifierGroup
    span: Span


@dataclass
class Sentences:
    """Token -> sentence and sentence -> block lookups for one doc."""

    starts: list[int]
    bounds: list[tuple[int, int]]
    blocks: list[int]

    def index(self, token_i: int) -> int:
        """The sentence index of a token."""
        return bisect.bisect_right(self.starts, token_i) - 1


class Linker:
    """Decides whether a modifier reaches a trigger (direction, scope, terminators)."""

    def __init__(self, sents: Sentences, terminators: list[int]) -> None:
        self.sents = sents
        self.terminators = terminators

    def links(self, m: Mod, t: Span) -> bool:
        """ConText scope test for one modifier and one trigger."""
        g = m.group
        if g.direction == "terminate" or g.type == "pseudo":
            return False
        if m.start < t.end and t.start < m.end:
            return g.type in OVERLAP_ALLOWED
        sm, st = self.sents.index(m.start), self.sents.index(t.start)
        if sm != st:
            return self.cross_sentence(g.scope, sm, st)
        forward = m.end <= t.start
        if (g.direction == "forward" and not forward) or (g.direction == "backward" and forward):
            return False
        lo, hi = (m.end, t.start) if forward else (t.end, m.start)
        if g.max_scope is not None and hi - lo > g.max_scope:
            return False
        if g.cut_by_terminators:
            i = bisect.bisect_left(self.terminators, lo)
            if i < len(self.terminators) and self.terminators[i] < hi:
                return False
        return True

    def cross_sentence(self, scope: str, sm: int, st: int) -> bool:
        """Scopes that reach a neighbouring sentence of the same block."""
        if scope == "document":
            return True
        if self.sents.blocks[sm] != self.sents.blocks[st]:
            return False
        return (
            scope == "block"
            or (scope == "next-sentence" and st == sm + 1)
            or (scope == "previous-sentence" and st == sm - 1)
            or (scope == "adjacent" and abs(st - sm) == 1)
        )


def by_sentence(mods: Iterable[Mod], sents: Sentences) -> dict[int, list[Mod]]:
    """Modifiers indexed by sentence: a claim only looks at its own and adjacent sentences
    (plus block- and document-scoped modifiers), so long articles stay linear."""
    out: dict[int, list[Mod]] = {}
    for m in mods:
        if m.group.scope not in ("block", "document"):
            out.setdefault(sents.index(m.start), []).append(m)
    return out


class Extent(Protocol):
    """Anything with token offsets: a Mod, a Span."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class Intervals:
    """Half-open intervals indexed for overlap and containment tests in O(log n).

    Sorted starts with a running maximum of ends: the intervals starting before a point are a
    prefix, and one of them reaches past the point when the prefix's furthest end does. Testing
    every claim of a page against every blocked span with ``any`` made long pages quadratic.
    """

    def __init__(self, pairs: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(pairs)
        self._starts = [s for s, _e in ordered]
        self._reach = list(itertools.accumulate((e for _s, e in ordered), max))

    @classmethod
    def of(cls, extents: Iterable[Extent]) -> Intervals:
        """The index of spans or modifiers (token offsets)."""
        return cls((x.start, x.end) for x in extents)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some interval ``(s, e)`` has ``s < end and start < e``."""
        i = bisect.bisect_left(self._starts, end)
        return i > 0 and self._reach[i - 1] > start

    def contains(self, point: int) -> bool:
        """Whether some interval ``(s, e)`` has ``s <= point < e``."""
        i = bisect.bisect_right(self._starts, point)
        return i > 0 and self._reach[i - 1] > point
