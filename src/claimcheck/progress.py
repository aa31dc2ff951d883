"""Progress of a batch on stderr: a live bar on a terminal, a plain line now and then in a log.

On a terminal the bar (rich's) shows documents done, failed and flagged and the rate; it is
drawn only when the report does not go to the same terminal (``-o FILE`` or stdout
redirected), so it never tears the report. Elsewhere (CI logs, ``nohup``) one line is written
every ``every`` seconds, and none at all for a run shorter than that: checking one draft
stays silent. ``--quiet`` turns both off.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Protocol, TextIO

from claimcheck.results import FileResult

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress


class Progress(Protocol):
    """Told of each result as it is reported; closed when the run ends or is interrupted."""

    def add(self, result: FileResult) -> None:
        """Count one result."""
        ...

    def close(self) -> None:
        """Stop drawing."""
        ...


class Counts:
    """Documents done, failed (unreadable) and flagged (with at least one finding)."""

    def __init__(self) -> None:
        self.done = self.failed = self.flagged = 0
        self.started = time.monotonic()

    def add(self, result: FileResult) -> None:
        """Count one result."""
        self.done += 1
        if result.error is not None and not result.skipped:
            self.failed += 1
        elif result.findings:
            self.flagged += 1

    def line(self) -> str:
        """``120 done, 2 failed, 87 flagged, 31.5 docs/s``."""
        rate = self.done / max(time.monotonic() - self.started, 1e-9)
        return (f"{self.done} done, {self.failed} failed, {self.flagged} flagged, "
                f"{rate:.1f} docs/s")  # fmt: skip


class NoProgress:
    """Nothing shown (``--quiet``, or a report written to the terminal)."""

    def add(self, result: FileResult) -> None:
        """Ignore the result."""

    def close(self) -> None:
        """Nothing to stop."""


class LogProgress:
    """A plain line every ``every`` seconds, for logs."""

    def __init__(self, err: TextIO, every: float = 10.0) -> None:
        self.err = err
        self.every = every
        self.counts = Counts()
        self.next_at = self.counts.started + every

    def add(self, result: FileResult) -> None:
        """Count one result; write the line when it is due."""
        self.counts.add(result)
        now = time.monotonic()
        if now >= self.next_at:
            self.err.write(f"claimcheck: progress: {self.counts.line()}\n")
            self.err.flush()
            self.next_at = now + self.every

    def close(self) -> None:
        """Nothing to stop: the summary follows."""


class BarProgress:
    """rich's live bar on the terminal: counts and rate, refreshed in the background."""

    def __init__(self, err: TextIO) -> None:
        from rich.console import Console
        from rich.progress import Progress as RichProgress
        from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

        self.counts = Counts()
        self.bar: RichProgress = RichProgress(
            SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
            console=Console(file=err), transient=True,
        )  # fmt: skip
        self.task = self.bar.add_task("starting", total=None)
        self.bar.start()

    def add(self, result: FileResult) -> None:
        """Count one result and redraw the counts."""
        self.counts.add(result)
        self.bar.update(self.task, description=self.counts.line())

    def close(self) -> None:
        """Remove the bar (the summary follows)."""
        self.bar.stop()


def make_progress(err: TextIO, out: TextIO, quiet: bool) -> Progress:
    """The progress display the run gets: none when quiet or when the report goes to the
    same terminal, a bar on a terminal, periodic lines elsewhere."""
    if quiet:
        return NoProgress()
    if _is_tty(err):
        return NoProgress() if _is_tty(out) else BarProgress(err)
    return LogProgress(err)


def _is_tty(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal (False for streams without ``isatty``)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
