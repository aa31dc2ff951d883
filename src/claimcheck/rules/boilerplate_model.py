"""Kind ``boilerplate_model``: sentences the boilerplate model scores as site text.

## What it does
Scores every sentence of a page (``min_tokens`` tokens or more) with the boilerplate
sentence model (``claimcheck/nlp/boilerplate_model.py``, weights read from ``model_from``)
and reports those at or above the model's threshold that no boilerplate rule evaluated before
it has reported, naming the features that weighed most.

## Why is this bad?
Boilerplate takes many wordings that no phrase list foresees - a shop's "Only 7 left",
a press release's "About the university" paragraph, a forum's "You must be logged in". A
reader recognises it by its place and its surface; so does the model, and an editor can
strip it before the article is judged.

## Example
"Auto-replenish every 6 weeks and save 10%" under a product page -> reported, with the
reasons "a percentage, 'save', no closing punctuation".
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from itertools import accumulate

from claimcheck.findings import Finding
from claimcheck.lexicon.model import Rule
from claimcheck.nlp.boilerplate_model import (
    BoilerplateModel,
    Marks,
    chrome,
    found_in,
    unit_features,
    unit_parts,
    units,
)
from claimcheck.nlp.components import sentence_table
from claimcheck.rules.base import COMMON_PLACEHOLDERS, CheckContext, KindSpec

SPEC = KindSpec(
    required=frozenset({"model_from", "boilerplate_kind"}),
    optional=frozenset({"min_tokens"}),
    placeholders=COMMON_PLACEHOLDERS | {"score", "reasons"},
    reads_findings=True,
)


class Covered:
    """Whether a span overlaps any of some spans, in O(log n): the spans sorted by start, with
    the furthest end reached so far (a long finding that starts early still counts)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach = list(accumulate((e for _s, e in ordered), max))

    def __call__(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)  # the spans that start before ``end``
        return bool(i) and self.reach[i - 1] > start


class BoilerplateSentences:
    """Report the sentences the model scores as boilerplate and the rules missed."""

    spec = SPEC

    def __init__(self) -> None:
        self._models: dict[str, BoilerplateModel] = {}

    def _model(self, rule: Rule) -> BoilerplateModel:
        """The rule's model, built once from the JSON the loader read."""
        if rule.id not in self._models:
            self._models[rule.id] = BoilerplateModel.from_json(rule.param("model"))
        return self._models[rule.id]

    def evaluate(self, ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
        """Yield one finding per model-scored sentence that no earlier rule reported."""
        if len(ctx.doc) < int(rule.param("min_tokens", 120)):
            return  # the model learnt from pages: a sentence or a caption is left to the rules
        model = self._model(rule)
        text = ctx.document.text
        taken = sorted((f.start, f.end) for found in ctx.produced.values() for f in found
                       if f.category == "boilerplate")  # fmt: skip
        covered = Covered(taken)
        blocks = [(b.start, b.end, b.kind) for b in ctx.document.blocks]
        kind = rule.param("boilerplate_kind")
        claims = [(c.start, c.end) for c in ctx.context.claims]
        modifiers = [(m.start, m.end, m.type) for m in ctx.context.modifiers]
        edges = chrome(blocks, taken)
        marks = Marks(text)
        for unit in units(blocks, sentence_table(ctx.doc).chars):
            if covered(unit.start, unit.end):
                continue  # a rule reported it: its message says more than the model's
            if not any(ch.isalpha() for ch in text[unit.start : unit.end]):
                continue
            found = found_in(unit, claims, modifiers)
            score = model.score_parts(*unit_parts(text, unit, found, edges, marks))
            if score >= model.threshold:
                features = unit_features(text, unit, found, edges, marks)
                values = {"score": f"{score:.2f}", "reasons": ", ".join(model.reasons(features))}
                yield ctx.finding(rule, unit.start, unit.end, values, kind)
