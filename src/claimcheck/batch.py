"""The reporting loop of a run: results to the reporter, the summary and the progress display;
documents an earlier run finished left out (``--resume``); Ctrl-C ends it cleanly.

A resumed run still checks the documents it leaves out of the report: cross-document rules
(CC430 templates) must see every earlier document to report the later ones as an
uninterrupted run would, and the summary counts the whole batch. Only their records are not
written again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from claimcheck.escape import valid_unicode
from claimcheck.outcome import RunSummary
from claimcheck.progress import Progress
from claimcheck.reporters.base import Reporter
from claimcheck.results import FileResult


@dataclass(frozen=True)
class Stopped:
    """Where an interrupted run stopped: documents reported, and the last one."""

    reported: int
    last: str | None


def report_all(
    results: Iterable[FileResult],
    reporter: Reporter,
    summary: RunSummary,
    progress: Progress,
    finished: frozenset[tuple[str, str]] = frozenset(),
) -> Stopped | None:
    """Report every result not in ``finished`` (source, digest); None when all were, else
    where Ctrl-C stopped the run (``summary.interrupted`` is then set)."""
    reported, last = 0, None
    try:
        for result in results:
            summary.add(result)
            progress.add(result)
            if (valid_unicode(result.origin), result.digest) not in finished:
                reporter.result(result)
            reported, last = reported + 1, result.origin
    except KeyboardInterrupt:
        summary.interrupted = True
        return Stopped(reported, last)
    finally:
        progress.close()
    return None


def stopped_message(stopped: Stopped, resumable: bool) -> str:
    """The line on stderr after Ctrl-C: what was finished and what was not."""
    after = f" (the last: {stopped.last})" if stopped.last else ""
    hint = ("run the same command with --resume to check the rest" if resumable
            else "write --format jsonl -o FILE to be able to --resume")  # fmt: skip
    return (f"claimcheck: interrupted: {stopped.reported} document(s) finished and reported"
            f"{after}; the inputs after it were not checked: {hint}")  # fmt: skip
