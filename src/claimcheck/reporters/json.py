"""Versioned JSON output, streamed one document at a time (schema in README.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from claimcheck.api import FileResult
from claimcheck.claims import Claim, Modifier
from claimcheck.findings import Finding
from claimcheck.lexicon.model import Rule
from claimcheck.outcome import RunSummary

SCHEMA_VERSION = 1


class JsonReporter:
    """Writes ``{"version", "documents": [...], "summary"}`` without holding all results."""

    def __init__(
        self, out: TextIO, err: TextIO, color: bool | None, rules: Sequence[Rule] = ()
    ) -> None:
        self.out = out
        self.first = True

    def start(self) -> None:
        """Open the top-level object and the documents array."""
        self.out.write(f'{{"version": {SCHEMA_VERSION}, "documents": [\n')

    def result(self, result: FileResult) -> None:
        """Write one document object."""
        if not self.first:
            self.out.write(",\n")
        self.first = False
        self.out.write(json.dumps(document_json(result), ensure_ascii=False))

    def finish(self, summary: RunSummary) -> None:
        """Close the array and write the summary."""
        data = {
            "documents": summary.documents, "checked": summary.checked,
            "errors": summary.errors, "skipped": summary.skipped, "words": summary.words,
            "claims": summary.claims, "unsupported_claims": summary.unsupported_claims,
            "findings": summary.by_severity,
            "highest_risk": [{"source": o, "score": s} for s, o in summary.scores[:10]],
        }  # fmt: skip
        self.out.write(f'\n], "summary": {json.dumps(data, ensure_ascii=False)}}}\n')


def document_json(result: FileResult) -> dict[str, Any]:
    """The JSON object of one document."""
    return {
        "source": result.origin,
        "words": result.words,
        "score": result.score,
        "claims": [claim_json(c) for c in result.claims],
        "findings": [finding_json(f) for f in result.findings],
        "notes": list(result.notes),
        "error": result.error,
        "skipped": result.skipped,
    }


def claim_json(c: Claim) -> dict[str, Any]:
    """One claim with its linked caveats and sources."""
    return {
        "start": c.start, "end": c.end, "text": c.text, "kind": c.kind, "kinds": list(c.kinds),
        "strength": c.strength, "support": c.support, "negated": c.negated,
        "attributed": c.attributed, "trigger": {"start": c.trigger_start, "end": c.trigger_end},
        "caveats": [_modifier(m) for m in c.caveats],
        "sources": [_modifier(m) for m in c.sources],
        "vague_attributions": [_modifier(m) for m in c.vague],
        "negations": [_modifier(m) for m in c.negations],
    }  # fmt: skip


def finding_json(f: Finding) -> dict[str, Any]:
    """One finding as a flat object."""
    return {
        "rule": f.rule, "name": f.name, "category": f.category, "severity": str(f.severity),
        "start": f.start, "end": f.end, "line": f.line, "column": f.column, "text": f.text,
        "message": f.message, "suggestion": f.suggestion, "kind": f.kind,
    }  # fmt: skip


def _modifier(m: Modifier) -> dict[str, Any]:
    """A linked caveat or source."""
    return {"start": m.start, "end": m.end, "text": m.text, "type": m.type}
