"""One line per finding, ``path:line:col: CC101 message``, for editors' problem matchers and
``grep``: no colour, no quoted text, no suggestion.

Findings of a document are ordered by position, then rule id (``Finding.sort_key``),
whatever order the rules ran in; documents keep the input order. Input errors are one line
each on stderr (``path: error: reason``), followed by the summary line unless ``quiet``.
Strings from the input pass through ``claimcheck.escape.visible``, so each finding stays on
one line.
"""

from __future__ import annotations

from claimcheck.escape import visible
from claimcheck.findings import Finding
from claimcheck.reporters.base import LineReporter, ReporterClass, input_error_line
from claimcheck.results import FileResult


class ConciseReporter(LineReporter):
    """Findings to ``out``, one line each; input errors and the summary to ``err``."""

    def result(self, result: FileResult) -> None:
        """One line per finding, or one line for an input that failed."""
        if result.error is not None:
            self.err.write(input_error_line(result) + "\n")
            return
        origin = visible(result.origin)
        for f in sorted(result.findings, key=Finding.sort_key):
            self.out.write(f"{origin}:{f.line}:{f.column}: {f.rule} {visible(f.message)}\n")


REPORTER: ReporterClass = ConciseReporter  # this module is --format concise
