"""The reporter lifecycle: start, one call per result, finish (flake8's BaseFormatter)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, TextIO, runtime_checkable

from claimcheck.escape import visible
from claimcheck.outcome import RunSummary
from claimcheck.results import FileResult

if TYPE_CHECKING:
    from claimcheck.lexicon.model import Rule


class Reporter(Protocol):
    """Formats results as they stream past; checking code never prints."""

    def start(self) -> None:
        """Write anything that precedes the first result."""
        ...

    def result(self, result: FileResult) -> None:
        """Write one input's result."""
        ...

    def finish(self, summary: RunSummary) -> None:
        """Write the summary and close the output."""
        ...


class ReporterClass(Protocol):
    """What each output format module names ``REPORTER``: a reporter made from the streams,
    the colour choice (None: on a terminal) and the enabled rules."""

    def __call__(
        self, out: TextIO, err: TextIO, color: bool | None, rules: Sequence[Rule] = ()
    ) -> Reporter:
        """A reporter writing to ``out`` (results) and ``err`` (input errors, summary)."""
        ...


@runtime_checkable
class Quietable(Protocol):
    """A reporter that writes run information to stderr besides input errors (notes, the
    summary line) and leaves it out when ``quiet`` (``check --quiet``)."""

    quiet: bool


@runtime_checkable
class NeedsText(Protocol):
    """A reporter that shows each document's checked text (``--format html``): declared by a
    true class attribute ``needs_text``, and only then is ``FileResult.text`` filled in."""

    needs_text: bool


def summary_line(summary: RunSummary) -> str:
    """The closing line on stderr of the line-oriented formats (text, concise, github)."""
    sev = summary.by_severity
    parts = [
        f"{summary.checked} document(s) checked",
        f"{summary.claims} claim(s), {summary.unsupported_claims} unsupported",
        f"{sev['error']} error(s), {sev['warning']} warning(s), {sev['info']} info",
    ]
    if summary.errors:
        parts.append(f"{summary.errors} input(s) could not be read")
    if summary.skipped:
        parts.append(f"{summary.skipped} skipped")
    return "; ".join(parts) + "."


def input_error_line(result: FileResult) -> str:
    """``origin: error: reason`` (or ``skipped``) for an input that was not checked, with the
    input's strings made visible (no terminal control characters)."""
    label = "skipped" if result.skipped else "error"
    reason = visible((result.error or "").removeprefix("skipped: "))
    return f"{visible(result.origin)}: {label}: {reason}"


class LineReporter:
    """The stream formats (concise, github): results to ``out`` as they come, nothing
    before them, and the summary line on ``err`` at the end unless ``quiet``."""

    def __init__(
        self, out: TextIO, err: TextIO, color: bool | None, rules: Sequence[Rule] = ()
    ) -> None:
        self.out, self.err = out, err
        self.quiet = False

    def start(self) -> None:
        """Nothing precedes the first result."""

    def finish(self, summary: RunSummary) -> None:
        """The summary line on ``err``, unless quiet."""
        if not self.quiet:
            self.err.write(summary_line(summary) + "\n")
