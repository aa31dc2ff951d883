"""SARIF 2.1.0 output for code-scanning dashboards (GitHub code scanning, after ruff's).

The log is built from sarif-om's object model and written once, as JSON, by
``claimcheck.escape.json_text`` (valid UTF-8 whatever the inputs' names hold): one SARIF log
is one JSON document, so results are kept (as SARIF records, not the FileResults) until the
run ends.

- Rules (``tool.driver.rules``) carry the rule docs: short and full descriptions, ``help``
  as text and Markdown, ``helpUri`` when a reference is a web address, the default level.
- A result's region is the finding's span in the source file: start and end line and
  column (in Unicode code points, the run's ``columnKind``) and the text as a snippet. No
  ``charOffset``: a finding's offsets are in the extracted text, which for Markdown and HTML
  is not the file, and a region whose offsets and lines disagree misleads a viewer.
- ``partialFingerprints`` follow the finding's text, not its line
  (``claimcheck.reporters._sarif_fingerprints``).
- Artifact locations are URIs relative to ``SRCROOT`` (the current directory) where they
  can be (``claimcheck.reporters._sarif_places``).
- Inputs that failed are ``toolExecutionNotifications`` of the invocation, which is not
  ``executionSuccessful`` when any failed (skipped inputs are notes and do not count).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from sarif_om import (
    ArtifactContent,
    Invocation,
    Location,
    Message,
    MultiformatMessageString,
    Notification,
    PhysicalLocation,
    Region,
    ReportingConfiguration,
    ReportingDescriptor,
    Result,
    Run,
    SarifLog,
    Tool,
    ToolComponent,
)

from claimcheck.escape import json_text, uri_reference
from claimcheck.findings import Finding
from claimcheck.lexicon.model import Rule
from claimcheck.outcome import RunSummary
from claimcheck.reporters._sarif_data import sarif_data
from claimcheck.reporters._sarif_fingerprints import KEY, fingerprints
from claimcheck.reporters._sarif_places import Places
from claimcheck.reporters.base import ReporterClass
from claimcheck.results import FileResult
from claimcheck.rules_doc import explain_rule, explain_rule_markdown, reference_url, summary
from claimcheck.version import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"info": "note", "warning": "warning", "error": "error"}
COLUMN_KIND = "unicodeCodePoints"  # columns count str characters, as LineIndex does


class SarifReporter:
    """One SARIF run: the rules table, one result per finding, one invocation."""

    def __init__(self, out: TextIO, err: TextIO, color: bool | None,
                 rules: Sequence[Rule] = ()) -> None:  # fmt: skip
        self.out, self.err = out, err
        self.rules = list(rules)
        self.index = {r.id: i for i, r in enumerate(self.rules)}
        self.places = Places.here()
        self.results: list[Result] = []
        self.failed: list[Notification] = []

    def start(self) -> None:
        """Nothing: the log is one JSON document, written when the run ends."""

    def result(self, result: FileResult) -> None:
        """Keep the findings of one input as SARIF results; a failed input as a notification."""
        if result.error is not None:
            self.failed.append(Notification(
                message=Message(text=f"{result.origin}: {result.error}"),
                level="note" if result.skipped else "error",
                locations=[self._location(result.origin)],
            ))  # fmt: skip
            return
        for f, fingerprint in zip(result.findings, fingerprints(result.findings), strict=True):
            self.results.append(self._result(result.origin, f, fingerprint))

    def finish(self, summary: RunSummary) -> None:
        """Write the log."""
        invocation = Invocation(execution_successful=not summary.errors,
                                tool_execution_notifications=self.failed or None)  # fmt: skip
        driver = ToolComponent(
            name="claimcheck", version=__version__,
            information_uri="https://pypi.org/project/claimcheck/",
            rules=[_descriptor(r) for r in self.rules],
        )  # fmt: skip
        run = Run(
            tool=Tool(driver=driver), results=self.results, invocations=[invocation],
            column_kind=COLUMN_KIND, original_uri_base_ids=self.places.base_ids(),
        )  # fmt: skip
        data = sarif_data(SarifLog(version="2.1.0", schema_uri=SCHEMA, runs=[run]))
        head = {"$schema": SCHEMA, "version": "2.1.0"}  # first, where readers sniff for them
        self.out.write(json_text({**head, **data}) + "\n")

    def _location(self, origin: str, region: Region | None = None) -> Location:
        """The Location of an input, or of a region in it."""
        artifact = self.places.location(origin)
        return Location(physical_location=PhysicalLocation(artifact_location=artifact,
                                                           region=region))  # fmt: skip

    def _result(self, origin: str, f: Finding, fingerprint: str) -> Result:
        """One SARIF result with a full region."""
        text = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
        return Result(
            message=Message(text=text), rule_id=f.rule, rule_index=self.index.get(f.rule, -1),
            level=LEVELS[str(f.severity)], locations=[self._location(origin, _region(f))],
            partial_fingerprints={KEY: fingerprint},
        )  # fmt: skip


def _region(f: Finding) -> Region:
    """The finding's span: 1-based lines and columns, the end column exclusive."""
    lines = f.text.count("\n")
    end_column = (len(f.text) - f.text.rfind("\n")) if lines else f.column + len(f.text)
    end_line = f.line + lines
    if f.end_line:  # the end in the source file (Markdown and HTML: not the extracted text)
        end_line, end_column = f.end_line, f.end_column
    return Region(
        start_line=f.line, start_column=f.column, end_line=end_line,
        end_column=end_column, snippet=ArtifactContent(text=f.text),
    )  # fmt: skip


def _descriptor(rule: Rule) -> ReportingDescriptor:
    """A rule's reportingDescriptor for the rules table."""
    url = reference_url(rule)
    return ReportingDescriptor(
        id=rule.id, name=rule.name,
        short_description=MultiformatMessageString(text=summary(rule)),
        full_description=MultiformatMessageString(
            text=" ".join(rule.rationale.split()) or rule.name),
        help=MultiformatMessageString(text=explain_rule(rule),
                                      markdown=explain_rule_markdown(rule)),
        help_uri=uri_reference(url) if url else None,
        default_configuration=ReportingConfiguration(level=LEVELS[rule.severity]),
        properties={"category": rule.category, "kind": rule.kind, "tags": [rule.category]},
    )  # fmt: skip


REPORTER: ReporterClass = SarifReporter  # this module is --format sarif
