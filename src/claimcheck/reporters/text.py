"""Human-readable output: ``path:line:col: CC101 [error] message``, the text and a suggestion.

Every string that comes from the input (file names, article text, messages quoting it, notes,
reasons) passes through ``claimcheck.escape.visible``: control characters a terminal would
obey (ESC sequences, carriage return, backspace) and bytes of a file name that are not UTF-8
are shown as escapes (``\\x1b``, ``\\r``, ``\\x08``, ``\\xff``). Only the report's own
line breaks reach the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

import click

from claimcheck.escape import visible
from claimcheck.findings import Finding
from claimcheck.lexicon.model import Rule
from claimcheck.outcome import RunSummary
from claimcheck.reporters.base import ReporterClass, input_error_line, summary_line
from claimcheck.results import FileResult

COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}


class TextReporter:
    """Findings to ``out``; input errors to ``err``; colour only on a terminal. Unless
    ``quiet``: notes to ``err``, the riskiest documents to ``out``, a summary to ``err``."""

    def __init__(
        self, out: TextIO, err: TextIO, color: bool | None, rules: Sequence[Rule] = ()
    ) -> None:
        self.out, self.err, self.color = out, err, color
        self.quiet = False

    def start(self) -> None:
        """Nothing precedes the first result."""

    def result(self, result: FileResult) -> None:
        """Print each finding with its quoted text and suggestion."""
        origin = visible(result.origin)
        if result.error is not None:
            self._echo(input_error_line(result), err=True,
                       fg="yellow" if result.skipped else "red")  # fmt: skip
            return
        for note in () if self.quiet else result.notes:
            self._echo(f"{origin}: note: {visible(note)}", err=True, dim=True)
        for f in result.findings:
            self._finding(origin, f)

    def _finding(self, origin: str, f: Finding) -> None:
        """One finding: location line, quoted text, suggestion (``origin`` already visible)."""
        sev = click.style(f"[{f.severity}]", fg=COLORS[str(f.severity)], bold=True)
        rule = click.style(f.rule, bold=True)
        self._echo(f"{origin}:{f.line}:{f.column}: {rule} {sev} {visible(f.message)} ({f.name})")
        if f.text.strip():
            quoted = visible(" ".join(f.text.split()))
            self._echo(f"    | {quoted}", dim=True)
        if f.suggestion:
            self._echo(f"    = suggestion: {visible(f.suggestion)}", fg="green")

    def finish(self, summary: RunSummary) -> None:
        """A closing summary line, plus the riskiest documents when several were checked."""
        if self.quiet:
            return
        if summary.checked > 1:
            self._echo("\nHighest risk scores (0-100):", bold=True)
            for entry in summary.riskiest():
                self._echo(f"  {entry.score:3d}  {visible(entry.origin)}")
            for members in summary.clusters.members()[: summary.top]:
                shown = ", ".join(visible(m) for m in members[:5])
                more = f" and {len(members) - 5} more" if len(members) > 5 else ""
                self._echo(f"Shared template: {len(members)} documents: {shown}{more}")
        self._echo(summary_line(summary), err=True, bold=True)

    def _echo(self, message: str, err: bool = False, **style: object) -> None:
        """Write a line; click drops the colour codes when the stream is not a terminal."""
        styled = click.style(message, **style) if style else message  # type: ignore[arg-type]
        click.echo(styled, file=self.err if err else self.out, color=self.color)


REPORTER: ReporterClass = TextReporter  # this module is --format text
