"""Kind ``absence``: a document lacks something it needs (sources, risk disclosure, byline)."""

from __future__ import annotations

from collections.abc import Iterator

from claimcheck.findings import Finding
from claimcheck.lexicon.kinds import KIND_SPECS
from claimcheck.lexicon.model import Rule
from claimcheck.lexicon.params import AbsenceParams
from claimcheck.rules.base import CheckContext

SPEC = KIND_SPECS["absence"]


class Absence:
    """Document-level findings, reported at the start of the text (ruff's file-level E902).

    Only for documents that make at least one claim of the ``when_claims`` kinds.
    """

    spec = SPEC

    def evaluate(self, ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
        """Yield one finding when the document lacks every required element."""
        params = rule.params_as(AbsenceParams)
        kinds = set(params.when_claims)
        claims = [c for c in ctx.analysis.claims if not c.negated and set(c.kinds) & kinds]
        if not claims:
            return
        fields = params.requires_metadata
        if fields:
            yield from self._metadata(ctx, rule, list(fields))
            return
        present = ctx.analysis.types_present()
        if ctx.document.links and "link" in params.requires:
            return
        if present & set(params.requires):
            return
        yield self._at_start(ctx, rule, {"count": str(len(claims)), "missing": ""})

    def _metadata(self, ctx: CheckContext, rule: Rule, fields: list[str]) -> Iterator[Finding]:
        """Missing author/date, only for inputs that can carry metadata."""
        meta = ctx.document.metadata
        if meta is None:
            return
        missing = [f for f in fields if not getattr(meta, f, None)]
        if missing:
            yield self._at_start(ctx, rule, {"missing": " or ".join(missing), "count": "0"})

    def _at_start(self, ctx: CheckContext, rule: Rule, values: dict[str, str]) -> Finding:
        """A zero-width finding at the first non-blank character."""
        text = ctx.document.text
        start = len(text) - len(text.lstrip())
        return ctx.finding(rule, start, start, values)
