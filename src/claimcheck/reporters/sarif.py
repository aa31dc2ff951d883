"""SARIF 2.1.0 output for code-scanning dashboards (after ruff's sarif.rs), streamed.

``artifactLocation.uri`` is a URI reference, as SARIF requires: a file path is its raw bytes
percent-encoded (RFC 3986) except unreserved characters and ``/``, so ``a b.txt`` is
``a%20b.txt`` and a Linux name with the undecodable byte 0xFF is ``bad%FFname.txt``, which
is ASCII and lossless (``os.fsdecode(urllib.parse.unquote_to_bytes(uri))``). A URL keeps its
syntax; only spaces, controls and non-ASCII in it are encoded. Message texts replace such
bytes by U+FFFD, so the log is always valid UTF-8.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from claimcheck import __version__
from claimcheck.escape import json_text, uri_reference
from claimcheck.findings import Finding
from claimcheck.lexicon.model import Rule
from claimcheck.outcome import RunSummary
from claimcheck.reporters.base import ReporterClass
from claimcheck.results import FileResult
from claimcheck.rules_doc import summary

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"info": "note", "warning": "warning", "error": "error"}


class SarifReporter:
    """One SARIF run: the rules table up front, then one result per finding."""

    def __init__(self, out: TextIO, err: TextIO, color: bool | None,
                 rules: Sequence[Rule] = ()) -> None:  # fmt: skip
        self.out, self.err = out, err
        self.rules = list(rules)
        self.index = {r.id: i for i, r in enumerate(self.rules)}
        self.first = True
        self.failed: list[dict[str, Any]] = []

    def start(self) -> None:
        """Open the log, the run, the tool description and the results array."""
        driver = {
            "name": "claimcheck", "version": __version__,
            "informationUri": "https://pypi.org/project/claimcheck/",
            "rules": [_rule(r) for r in self.rules],
        }  # fmt: skip
        head = {"$schema": SCHEMA, "version": "2.1.0"}
        self.out.write(json_text(head)[:-1] + ', "runs": [{"tool": {"driver": ')
        self.out.write(json_text(driver) + '}, "results": [\n')

    def result(self, result: FileResult) -> None:
        """Write the findings of one input; remember inputs that failed."""
        if result.error is not None:
            self.failed.append({
                "level": "note" if result.skipped else "error",
                "message": {"text": f"{result.origin}: {result.error}"},
            })  # fmt: skip
            return
        for f in result.findings:
            if not self.first:
                self.out.write(",\n")
            self.first = False
            self.out.write(json_text(self._result(result.origin, f)))

    def finish(self, summary: RunSummary) -> None:
        """Close the results; input errors become tool execution notifications."""
        invocation = {"executionSuccessful": not summary.errors,
                      "toolExecutionNotifications": self.failed}  # fmt: skip
        tail = json_text(invocation)
        self.out.write(f'\n], "invocations": [{tail}]}}]}}\n')

    def _result(self, origin: str, f: Finding) -> dict[str, Any]:
        """One SARIF result with a precise region."""
        text = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
        out: dict[str, Any] = {
            "ruleId": f.rule, "level": LEVELS[str(f.severity)], "message": {"text": text},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri_reference(origin)},
                "region": {"startLine": f.line, "startColumn": f.column,
                           "charOffset": f.start, "charLength": f.end - f.start,
                           "snippet": {"text": f.text}},
            }}],
        }  # fmt: skip
        if f.rule in self.index:
            out["ruleIndex"] = self.index[f.rule]
        return out


def _rule(rule: Rule) -> dict[str, Any]:
    """A reportingDescriptor for the rules table."""
    return {
        "id": rule.id, "name": rule.name,
        "shortDescription": {"text": summary(rule)},
        "fullDescription": {"text": " ".join(rule.rationale.split()) or rule.name},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "kind": rule.kind},
    }  # fmt: skip


REPORTER: ReporterClass = SarifReporter  # this module is --format sarif
