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

from collections.abc import Iterator

from claimcheck.findings import Finding
from claimcheck.lexicon.kinds import KIND_SPECS
from claimcheck.lexicon.model import Rule
from claimcheck.lexicon.params import BoilerplateModelParams
from claimcheck.nlp.boilerplate_model import BoilerplateModel, Covered, Page
from claimcheck.nlp.components import sentence_table
from claimcheck.rules.base import CheckContext

SPEC = KIND_SPECS["boilerplate_model"]


class BoilerplateSentences:
    """Report the sentences the model scores as boilerplate and the rules missed."""

    spec = SPEC

    def __init__(self) -> None:
        self._models: dict[str, BoilerplateModel] = {}

    def _model(self, rule: Rule) -> BoilerplateModel:
        """The rule's model, built once from the JSON the loader read."""
        if rule.id not in self._models:
            self._models[rule.id] = BoilerplateModel.from_json(
                rule.params_as(BoilerplateModelParams).model
            )
        return self._models[rule.id]

    def evaluate(self, ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
        """Yield one finding per model-scored sentence that no earlier rule reported."""
        if len(ctx.doc) < rule.params_as(BoilerplateModelParams).min_tokens:
            return  # the model learnt from pages: a sentence or a caption is left to the rules
        model = self._model(rule)
        text = ctx.document.text
        taken = sorted((f.start, f.end) for found in ctx.produced.values() for f in found
                       if f.category == "boilerplate")  # fmt: skip
        covered = Covered(taken)
        blocks = [(b.start, b.end, b.role) for b in ctx.document.blocks]
        claims = [(c.start, c.end) for c in ctx.analysis.claims]
        modifiers = [(m.start, m.end, m.type) for m in ctx.analysis.modifiers]
        page = Page(text, blocks, sentence_table(ctx.doc).chars, claims, modifiers, taken)
        topic = rule.params_as(BoilerplateModelParams).boilerplate_kind
        for unit in page.units:
            if covered(unit.start, unit.end):
                continue  # a rule reported it: its message says more than the model's
            score = model.score_parts(*page.parts(unit))
            if score >= model.threshold:
                features = page.features(unit)
                values = {"score": f"{score:.2f}", "reasons": ", ".join(model.reasons(features))}
                yield ctx.finding(rule, unit.start, unit.end, values, topic)
