"""The reporter lifecycle: start, one call per result, finish (flake8's BaseFormatter)."""

from __future__ import annotations

from typing import Protocol

from claimcheck.outcome import RunSummary
from claimcheck.results import FileResult


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
