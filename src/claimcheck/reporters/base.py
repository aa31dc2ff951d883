"""The reporter lifecycle: start, one call per result, finish (flake8's BaseFormatter)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, TextIO

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
