"""Kind ``unsupported``: a claim whose kind, strength and support match the rule.

Rules of this kind partition claims (by ``claim_kinds`` x ``strengths`` x ``support``), so each
claim gets at most one claim finding; a test checks the shipped rules never overlap.
"""

from __future__ import annotations

from collections.abc import Iterator

from claimcheck.findings import Finding
from claimcheck.lexicon.kinds import KIND_SPECS
from claimcheck.lexicon.model import STRENGTHS, Rule
from claimcheck.lexicon.params import UnsupportedParams
from claimcheck.rules.base import CheckContext
from claimcheck.rules.soften import soften

SPEC = KIND_SPECS["unsupported"]


class Unsupported:
    """Claims lacking the support the rule asks for (Vale's ``conditional``, inverted)."""

    spec = SPEC

    def evaluate(self, ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
        """Yield one finding per matching claim, at its trigger wording."""
        params = rule.params_as(UnsupportedParams)
        kinds = set(params.claim_kinds or ctx.ruleset.kind_names)
        strengths = set(params.strengths or STRENGTHS)
        support = set(params.support)
        for claim in ctx.analysis.claims:
            if claim.negated or claim.kind not in kinds:
                continue
            if claim.strength not in strengths or claim.support not in support:
                continue
            hedged, bare = soften(ctx.doc, claim, ctx.ruleset.softeners)
            values = {
                "kind": claim.kind,
                "softened": hedged,
                "softened_bare": bare,
                "caveat": ", ".join(f"'{m.text}'" for m in claim.caveats[:2]) or "none",
                "intensifier": ", ".join(m.text for m in claim.intensifiers) or "strong wording",
                "vague": ", ".join(f"'{m.text}'" for m in claim.vague) or "",
            }
            yield ctx.finding(rule, claim.trigger_start, claim.trigger_end, values, claim.kind)
