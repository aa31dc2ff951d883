"""Drive a reporter through its lifecycle, as the command line does."""

from __future__ import annotations

from collections.abc import Iterable

from claimcheck.outcome import RunSummary
from claimcheck.reporters.base import Reporter
from claimcheck.results import FileResult


def drive(reporter: Reporter, results: Iterable[FileResult]) -> RunSummary:
    """Start ``reporter``, give it each result (counted in the summary), finish it."""
    summary = RunSummary()
    reporter.start()
    for result in results:
        summary.add(result)
        reporter.result(result)
    reporter.finish(summary)
    return summary
