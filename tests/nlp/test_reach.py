"""nlp/reach.py gives what testing every (modifier, trigger) pair with Linker.links gives."""

from __future__ import annotations

import random

import pytest
import spacy
from spacy.tokens import Doc, Span

from claimcheck.lexicon.model import ModifierGroup
from claimcheck.nlp.reach import judge
from claimcheck.nlp.scope import Intervals, Linker, Mod, Sentences

TYPES = ("hedge", "negation", "purpose", "reported", "rebuttal", "intensifier",
         "vague-attribution", "link", "pseudo", "terminate", "limitation")  # fmt: skip
DIRECTIONS = ("forward", "backward", "bidirectional")
SCOPES = ("sentence", "adjacent", "next-sentence", "previous-sentence", "block", "document")


def _group(rng: random.Random, i: int) -> ModifierGroup:
    """A random modifier group."""
    type_ = rng.choice(TYPES)
    return ModifierGroup(
        id=f"g{i}", type=type_,
        direction="terminate" if type_ == "terminate" else rng.choice(DIRECTIONS),
        scope=rng.choice(SCOPES), max_scope=rng.choice((None, None, 1, 3, 8)),
        cut_by_terminators=rng.random() < 0.5,
    )  # fmt: skip


def _reference(
    linker: Linker, triggers: list[Span], mods: list[Mod]
) -> tuple[list[Span], list[Mod], bool] | None:
    """The pairwise loop that ``judge`` replaces (context.py before the change)."""
    active: list[Span] = []
    negated: list[Span] = []
    linked: list[Mod] = []
    linked_negated: list[Mod] = []
    for trig in triggers:
        here = [m for m in mods if linker.links(m, trig)]
        types = {m.group.type for m in here}
        if "purpose" in types:
            continue
        if "negation" in types or ("reported" in types and "rebuttal" in types):
            negated.append(trig)
            linked_negated.extend(here)
        else:
            active.append(trig)
            linked.extend(here)
    if active:
        return active, linked, False
    if negated:
        return negated, linked_negated, True
    return None


def _first_seen(mods: list[Mod]) -> list[tuple[int, int, str]]:
    """What ``_build`` keeps of a linked list: each (start, end, type) once, in first order."""
    return list({(m.start, m.end, m.group.type): None for m in mods})


def _case(rng: random.Random, doc: Doc) -> tuple[Linker, int, list[Span], list[Mod]]:
    """A random sentence layout with triggers (sorted by start) and modifiers."""
    n = len(doc)
    cuts = sorted(rng.sample(range(1, n), rng.randint(0, 4)))
    bounds = list(zip([0, *cuts], [*cuts, n], strict=True))
    sents = Sentences([b[0] for b in bounds], bounds, [rng.randint(0, 1) for _ in bounds])
    si = rng.randrange(len(bounds))
    lo, hi = bounds[si]
    starts = sorted(rng.randint(lo, hi - 1) for _ in range(rng.randint(1, 6)))
    triggers = [Span(doc, s, min(s + rng.randint(1, 4), n), label="efficacy") for s in starts]
    groups = [_group(rng, i) for i in range(6)]
    mods = []
    for _ in range(rng.randint(0, 14)):
        s = rng.randrange(n)
        e = min(s + rng.randint(1, 3), n)
        mods.append(Mod(s, e, rng.choice(groups), doc[s:e]))
    terminators = sorted(rng.sample(range(n), rng.randint(0, 3)))
    return Linker(sents, terminators), si, triggers, mods


@pytest.mark.parametrize("seed", range(40))
def test_judge_matches_the_pairwise_loop(seed: int) -> None:
    rng = random.Random(seed)
    nlp = spacy.blank("en")
    doc = nlp(" ".join(["w"] * 30))
    for _ in range(200):
        linker, si, triggers, mods = _case(rng, doc)
        expected = _reference(linker, triggers, mods)
        got = judge(linker, si, triggers, mods)
        if expected is None:
            assert got is None
            continue
        assert got is not None
        assert list(got.triggers) == expected[0]
        assert got.negated == expected[2]
        assert _first_seen(list(got.linked)) == _first_seen(expected[1])


def test_intervals_answer_as_any_over_all_pairs() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        pairs = [(a, a + rng.randint(0, 6)) for a in (rng.randint(0, 30) for _ in range(6))]
        index = Intervals(pairs[: rng.randint(0, 6)])
        kept = list(zip(index._starts, index._reach, strict=True))  # sorted, running maximum
        assert kept == sorted(kept)
        for a in range(-2, 40):
            chosen = sorted(pairs[: len(index._starts)])
            assert index.contains(a) == any(s <= a < e for s, e in chosen)
            for b in range(a + 1, a + 8):
                assert index.overlaps(a, b) == any(s < b and a < e for s, e in chosen)
