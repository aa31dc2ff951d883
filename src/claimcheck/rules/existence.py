"""Kind ``existence``: a pattern or a modifier type is present (Vale's ``existence``)."""

from __future__ import annotations

from collections.abc import Iterator

from claimcheck.findings import Finding
from claimcheck.lexicon.kinds import KIND_SPECS
from claimcheck.lexicon.model import Rule
from claimcheck.lexicon.params import ExistenceParams, MatchParams
from claimcheck.nlp.context import RULE_HITS_KEY
from claimcheck.nlp.scope import Intervals
from claimcheck.rules.base import CheckContext

SPEC = KIND_SPECS["existence"]


class Existence:
    """Report each match of the rule's own patterns, or of the listed modifier types."""

    spec = SPEC

    def evaluate(self, ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
        """Yield a finding per match (merged where matches overlap)."""
        topic = rule.params_as(MatchParams).boilerplate_kind
        for start, end in _merge(self._matches(ctx, rule)):
            yield ctx.finding(rule, start, end, {}, topic)

    def _matches(self, ctx: CheckContext, rule: Rule) -> list[tuple[int, int]]:
        """Character spans of the rule's pattern hits and modifier matches."""
        out: list[tuple[int, int]] = []
        if RULE_HITS_KEY in ctx.doc.spans:
            out += [
                (s.start_char, s.end_char) for s in ctx.doc.spans[RULE_HITS_KEY] if s.id_ == rule.id
            ]
        params = rule.params_as(MatchParams)
        types = set(params.modifier_types)
        own = params if isinstance(params, ExistenceParams) else ExistenceParams()
        sourced = Intervals(ctx.analysis.sourced_sentences if own.unless_sourced else ())
        linked = None
        if own.linked_to_claim:  # only cues that a claim of the text leans on
            linked = {(m.start, m.end) for c in ctx.analysis.claims if not c.negated
                      for m in (*c.vague, *c.caveats, *c.sources)}  # fmt: skip
        for m in ctx.analysis.modifiers:
            if (
                m.type in types
                and not sourced.contains(m.start)
                and (linked is None or (m.start, m.end) in linked)
            ):
                out.append((m.start, m.end))
        return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort spans and merge overlapping ones, so one phrase yields one finding."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
