"""Versioned JSON output, streamed one document at a time (schema in README.md).

The output is always valid UTF-8, whatever the inputs hold. A file name that is not valid
UTF-8 (a Linux name with byte 0xFF reaches Python as a str with the lone surrogate U+DCFF)
cannot be written as a JSON string that strict parsers accept, so it is reported twice:
``source`` is the name with each undecodable byte replaced by U+FFFD (for display), and
``source_bytes`` is the exact name, its raw bytes percent-encoded (RFC 3986; ``b"bad\\xffname"``
is ``"bad%FFname"``; in Python ``os.fsdecode(urllib.parse.unquote_to_bytes(value))``).
``source_bytes`` is present only when ``source`` lost something. Any other string with such
characters (an error message naming the file) gets U+FFFD only. JSON escapes C0 control
characters itself (``\\u001b``); DEL and C1 controls are written as ``\\u00XX`` escapes too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from claimcheck.claims import Claim, Modifier
from claimcheck.escape import is_lossy, json_text, percent_encoded, valid_unicode
from claimcheck.findings import Finding
from claimcheck.lexicon.model import Rule
from claimcheck.outcome import Group, RunSummary
from claimcheck.reporters.base import ReporterClass
from claimcheck.results import FileResult

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
        self.out.write(json_text(document_json(result)))

    def finish(self, summary: RunSummary) -> None:
        """Close the array and write the summary."""
        self.out.write(f'\n], "summary": {json_text(summary_json(summary))}}}\n')


def summary_json(summary: RunSummary) -> dict[str, Any]:
    """The run's summary object. Per-author and per-site counts, template clusters and the
    interruption mark are present only when there is something to say."""
    data: dict[str, Any] = {
        "documents": summary.documents, "checked": summary.checked,
        "errors": summary.errors, "skipped": summary.skipped, "words": summary.words,
        "claims": summary.claims, "unsupported_claims": summary.unsupported_claims,
        "findings": summary.by_severity,
        "highest_risk": [source_json(r.origin) | {"score": r.score} for r in summary.riskiest()],
    }  # fmt: skip
    for key, groups in (("authors", summary.authors), ("sites", summary.sites)):
        if groups:
            data[key] = {name: group_json(g) for name, g in sorted(groups.items())}
    clusters = summary.clusters.members()
    if clusters:
        data["template_clusters"] = [[valid_unicode(m) for m in c] for c in clusters]
    if summary.interrupted:
        data["interrupted"] = True
    return data


def group_json(group: Group) -> dict[str, Any]:
    """The counts of one author's or one site's documents."""
    return {
        "documents": group.documents, "flagged": group.flagged, "findings": group.findings,
        "max_score": group.max_score, "mean_score": round(group.mean_score, 1),
    }  # fmt: skip


def source_json(origin: str) -> dict[str, str]:
    """``{"source": ...}``, plus ``source_bytes`` when the name is not valid Unicode."""
    if is_lossy(origin):
        return {"source": valid_unicode(origin), "source_bytes": percent_encoded(origin)}
    return {"source": origin}


def document_json(result: FileResult) -> dict[str, Any]:
    """The JSON object of one document."""
    return source_json(result.origin) | {
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
        "start": c.start, "end": c.end, "line": c.line, "column": c.column,
        "end_line": c.end_line, "end_column": c.end_column,
        "text": c.text, "kind": c.kind, "kinds": list(c.kinds),
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
        "start": f.start, "end": f.end, "line": f.line, "column": f.column,
        "end_line": f.end_line, "end_column": f.end_column, "text": f.text,
        "message": f.message, "suggestion": f.suggestion, "kind": f.topic,
    }  # fmt: skip


def _modifier(m: Modifier) -> dict[str, Any]:
    """A linked caveat or source."""
    return {"start": m.start, "end": m.end, "text": m.text, "type": m.type}


REPORTER: ReporterClass = JsonReporter  # this module is --format json
