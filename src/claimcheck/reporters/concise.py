"""One line per finding, ``path:line:col: CC101 message``, for editors' problem matchers and
``grep``: no colour, no quoted text, no suggestion.

Findings of a document are ordered by position, then rule id (``Finding.sort_key``),
whatever order the rules ran in; documents keep the input order. Input errors are one line
each on stderr (``path: error: reason``), followed by the summary line unless ``quiet``.
Strings from the input pass through ``claimcheck.escape.visible``, so each finding stays on
one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from claimcheck.escape import visible
from claimcheck.findings import Finding
from claimcheck.lexicon.model import Rule
from claimcheck.outcome import RunSummary
from claimcheck.reporters.base import ReporterClass, summary_line
from claimcheck.results import FileResult


class ConciseReporter:
    """Findings to ``out``, one line each; input errors and the summary to ``err``."""

    def __init__(
        self, out: TextIO, err: TextIO, color: bool | None, rules: Sequence[Rule] = ()
    ) -> None:
        self.out, self.err = out, err
        self.quiet = False

    def start(self) -> None:
        """Nothing precedes the first result."""

    def result(self, result: FileResult) -> None:
        """One line per finding, or one line for an input that failed."""
        origin = visible(result.origin)
        if result.error is not None:
            label = "skipped" if result.skipped else "error"
            reason = visible(result.error.removeprefix("skipped: "))
            self.err.write(f"{origin}: {label}: {reason}\n")
            return
        for f in sorted(result.findings, key=Finding.sort_key):
            self.out.write(f"{origin}:{f.line}:{f.column}: {f.rule} {visible(f.message)}\n")

    def finish(self, summary: RunSummary) -> None:
        """The summary line on ``err``, unless quiet."""
        if not self.quiet:
            self.err.write(summary_line(summary) + "\n")


REPORTER: ReporterClass = ConciseReporter  # this module is --format concise
