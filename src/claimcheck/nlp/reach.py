"""Which modifiers reach which claim triggers of one sentence, without testing every pair.

``Linker.links`` answers for one (modifier, trigger) pair; asking it for every pair of a
sentence costs triggers x modifiers, and a 1.5 MB paragraph of links and claim words made that
hours. Here each modifier's reach is written as at most three *pieces* of the sentence's
triggers (``Linker.links`` read backwards):

- ``START a b``: triggers starting at a token in ``[a, b]`` (what a forward modifier reaches);
- ``END a b``: triggers ending at a token in ``[a, b]`` (what a backward modifier reaches);
- ``OVERLAP``: triggers overlapping the modifier (for the types that count when they do).

Counting with difference arrays over the triggers sorted by start and by end, and finding the
first chosen trigger of a piece by bisection (and a sparse table for ``END``), the sentence
costs O((T + M) log T) and gives the same answer as every pair through ``Linker.links``
(``tests/nlp/test_reach.py`` compares the two on random sentences).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span

from claimcheck.lexicon.model import OVERLAP_ALLOWED
from claimcheck.nlp.scope import Linker, Mod

_FAR = 1 << 62  # beyond any token offset
START, END, OVERLAP = "start", "end", "overlap"


@dataclass(frozen=True)
class Piece:
    """Part of a modifier's reach: triggers whose start (or end) lies in ``[lo, hi]``, or
    (``OVERLAP``) the triggers overlapping the modifier's tokens ``[lo, hi)``."""

    bound: str  # START, END or OVERLAP: which end of a trigger lies in the piece
    lo: int
    hi: int


def pieces(linker: Linker, m: Mod, si: int) -> list[Piece]:
    """The triggers of sentence ``si`` that ``m`` reaches, as disjoint pieces."""
    g = m.group
    if g.direction == "terminate" or g.type == "pseudo":
        return []
    out = [Piece(OVERLAP, m.start, m.end)] if g.type in OVERLAP_ALLOWED else []
    sm = linker.sents.index(m.start)
    if sm != si:  # every trigger it does not overlap, or none
        if linker.cross_sentence(g.scope, sm, si):
            out += [Piece(START, m.end, _FAR), Piece(END, -_FAR, m.start)]
        return out
    terms = linker.terminators
    if g.direction != "backward":  # forward: t.start - m.end within max_scope, no terminator
        hi = _FAR if g.max_scope is None else m.end + g.max_scope
        i = bisect.bisect_left(terms, m.end)
        if g.cut_by_terminators and i < len(terms):
            hi = min(hi, terms[i])
        out.append(Piece(START, m.end, hi))
    if g.direction != "forward":  # backward: m.start - t.end within max_scope, no terminator
        lo = -_FAR if g.max_scope is None else m.start - g.max_scope
        i = bisect.bisect_left(terms, m.start)
        if g.cut_by_terminators and i > 0:
            lo = max(lo, terms[i - 1] + 1)
        out.append(Piece(END, lo, m.start))
    return out


class _Order:
    """Triggers sorted by one offset (start or end): index ranges of an offset interval."""

    def __init__(self, keys: Sequence[int]) -> None:
        self.perm: list[int] = sorted(range(len(keys)), key=lambda k: keys[k])
        self.keys = [keys[k] for k in self.perm]

    def span(self, lo: int, hi: int) -> tuple[int, int]:
        """Positions ``[i, j)`` in sorted order of the triggers with ``lo <= key <= hi``."""
        return bisect.bisect_left(self.keys, lo), bisect.bisect_right(self.keys, hi)


def _signed(p: Piece) -> list[tuple[str, int, int, int]]:
    """A piece as signed ranges of start or end offsets: the triggers overlapping a modifier
    are those starting before it ends, less those ending before it starts."""
    if p.bound == OVERLAP:
        return [(START, -_FAR, p.hi - 1, 1), (END, -_FAR, p.lo, -1)]
    return [(p.bound, p.lo, p.hi, 1)]


def reaching_types(
    linker: Linker, si: int, triggers: Sequence[Span], mods: Sequence[Mod], wanted: frozenset[str]
) -> list[set[str]]:
    """For each trigger, which of the ``wanted`` modifier types reach it."""
    n = len(triggers)
    by = {START: _Order([t.start for t in triggers]), END: _Order([t.end for t in triggers])}
    counts: dict[tuple[str, str], list[int]] = {}
    for m in mods:
        if m.group.type not in wanted:
            continue
        for p in pieces(linker, m, si):
            for bound, lo, hi, sign in _signed(p):
                i, j = by[bound].span(lo, hi)
                if i < j:
                    diff = counts.setdefault((m.group.type, bound), [0] * (n + 1))
                    diff[i] += sign
                    diff[j] -= sign
    out: list[set[str]] = [set() for _ in range(n)]
    total: dict[str, list[int]] = {}
    for (type_, bound), diff in counts.items():
        per = total.setdefault(type_, [0] * n)
        for pos, value in enumerate(itertools.accumulate(diff[:n])):
            per[by[bound].perm[pos]] += value
    for type_, per in total.items():
        for k, value in enumerate(per):
            if value > 0:
                out[k].add(type_)
    return out


class _Chosen:
    """The chosen triggers (indices sorted by start), for "first chosen trigger in a piece"."""

    def __init__(self, triggers: Sequence[Span], chosen: Sequence[int]) -> None:
        self.starts = [triggers[k].start for k in chosen]
        self.reach = list(itertools.accumulate((triggers[k].end for k in chosen), max))
        ends = _Order([triggers[k].end for k in chosen])
        self.ends = ends
        # a sparse table: table[level][i] is the least position among 2**level entries from i
        self.table: list[list[int]] = [ends.perm]
        while 1 << len(self.table) <= len(ends.perm):
            row, step = self.table[-1], 1 << (len(self.table) - 1)
            self.table.append([min(row[i], row[i + step]) for i in range(len(row) - step)])

    def first(self, p: Piece) -> int | None:
        """The position (in ``chosen``) of the first chosen trigger in piece ``p``."""
        if p.bound == START:
            i = bisect.bisect_left(self.starts, p.lo)
            return i if i < len(self.starts) and self.starts[i] <= p.hi else None
        if p.bound == OVERLAP:  # the first ending after p.lo, if it starts before p.hi
            i = bisect.bisect_right(self.reach, p.lo)
            return i if i < len(self.starts) and self.starts[i] < p.hi else None
        i, j = self.ends.span(p.lo, p.hi)
        if i >= j:
            return None
        level = (j - i).bit_length() - 1
        row = self.table[level]
        return min(row[i], row[j - (1 << level)])


def linked_mods(
    linker: Linker, si: int, triggers: Sequence[Span], chosen: Sequence[int], mods: Sequence[Mod]
) -> list[Mod]:
    """The modifiers reaching any chosen trigger, in the order a loop over the chosen
    triggers, then the modifiers, would first meet them (``chosen`` ascending; triggers sorted
    by start)."""
    index = _Chosen(triggers, chosen)
    found: list[tuple[int, int, Mod]] = []
    for pos, m in enumerate(mods):
        firsts = [f for f in (index.first(p) for p in pieces(linker, m, si)) if f is not None]
        if firsts:
            found.append((min(firsts), pos, m))
    return [m for _f, _pos, m in sorted(found, key=lambda x: (x[0], x[1]))]


FLAG_TYPES = frozenset({"purpose", "negation", "reported", "rebuttal"})


@dataclass(frozen=True)
class Judged:
    """A sentence's claim triggers (the asserted ones, else the negated ones) and the
    modifiers reaching them, in pairwise-loop order (repeats possible on the reference path)."""

    triggers: tuple[Span, ...]
    linked: tuple[Mod, ...]
    negated: bool


def _verdict(types: set[str]) -> str:
    """A trigger is a purpose ("to relieve pain"), negated or asserted by the types reaching it."""
    if "purpose" in types:
        return "purpose"
    if "negation" in types or ("reported" in types and "rebuttal" in types):
        return "negated"
    return "active"


def judge(linker: Linker, si: int, triggers: Sequence[Span], mods: Sequence[Mod]) -> Judged | None:
    """Judge sentence ``si``'s triggers against the candidate modifiers (None: all purposes).

    Triggers come sorted by start (``innermost``); in any other order, or with an empty
    trigger, every pair goes through ``Linker.links`` instead, the reference this module
    reproduces.
    """
    fast = all(a.start <= b.start for a, b in itertools.pairwise(triggers)) and all(
        t.start < t.end for t in triggers
    )
    if fast:
        types = reaching_types(linker, si, triggers, mods, FLAG_TYPES)
    else:
        types = [{m.group.type for m in mods if linker.links(m, t)} for t in triggers]
    verdicts = [_verdict(ts) for ts in types]
    active = [k for k, v in enumerate(verdicts) if v == "active"]
    chosen = active or [k for k, v in enumerate(verdicts) if v == "negated"]
    if not chosen:
        return None
    if fast:
        linked = linked_mods(linker, si, triggers, chosen, mods)
    else:
        linked = [m for k in chosen for m in mods if linker.links(m, triggers[k])]
    return Judged(tuple(triggers[k] for k in chosen), tuple(linked), not active)
