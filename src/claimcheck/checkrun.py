"""What ``claimcheck check`` does once its options are read and its Linter is built: read the
inputs lazily, check them (supervised workers, result cache), stream the results to the
reporter and the progress display, and return the run's summary for the exit code.

The command (claimcheck.cli) validates options and builds the Linter; this module runs it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from typing import Any

import click

from claimcheck.api import Linter
from claimcheck.batch import report_all, stopped_message
from claimcheck.errors import InputError
from claimcheck.escape import visible
from claimcheck.inputs import LoadOptions, iter_inputs
from claimcheck.inputs.files import Loaded, is_web_url
from claimcheck.inputs.submissions import iter_submissions, read_url_list
from claimcheck.outcome import RunSummary
from claimcheck.output import open_report, use_color
from claimcheck.parallel import check_parallel
from claimcheck.progress import make_progress
from claimcheck.reporters import get_reporter
from claimcheck.reporters.jsonl import read_finished

TRIM_AFTER = 100  # a run of this many documents trims the result cache when it ends


@dataclass(frozen=True)
class FetchSettings:
    """How URLs are fetched: ``--timeout``, ``--allow-private-hosts``, ``--ignore-robots``,
    ``--no-cache``."""

    timeout: float = 20.0
    allow_private_hosts: bool = False
    ignore_robots: bool = False
    no_cache: bool = False

    def options(self) -> Any:
        """The fetch layer's FetchOptions (imported only when something is fetched: requests
        takes about 0.15 s to load)."""
        from claimcheck.inputs.options import FetchOptions

        return FetchOptions(
            timeout_connect=min(self.timeout, 10.0), timeout_read=self.timeout,
            timeout_total=self.timeout, allow_private_hosts=self.allow_private_hosts,
            ignore_robots=self.ignore_robots, no_cache=self.no_cache,
        )  # fmt: skip


@dataclass(frozen=True)
class RunSettings:
    """One run of ``check``: its inputs, where and how it reports, and how it checks."""

    targets: tuple[str, ...] = ()
    fmt: str = "text"
    output_file: str | None = None
    jsonl_file: str | None = None
    urls_file: str | None = None
    resume: bool = False
    top: int = 10
    jobs: int = 1
    doc_timeout: float | None = None
    quiet: bool = False
    color: bool | None = None
    load: LoadOptions = field(default_factory=LoadOptions)
    fetch: FetchSettings = field(default_factory=FetchSettings)

    @property
    def named_files(self) -> list[str]:
        """Every input named on the command line: the report may not overwrite one."""
        return [*self.targets, *(f for f in (self.jsonl_file, self.urls_file) if f)]


def execute(linter: Linter, run: RunSettings) -> RunSummary:
    """Check and report everything ``run`` names; the summary decides the exit code."""
    finished = read_finished(run.output_file) if run.resume and run.output_file else None
    never_raise_on_output(utf8=run.fmt != "text")
    summary = RunSummary(top=run.top)
    report = (open_report(run.output_file, run.named_files,
                          keep=finished.keep if finished else None)
              if run.output_file else nullcontext(sys.stdout))  # fmt: skip
    with report as out:
        reporter = get_reporter(run.fmt, out, sys.stderr, use_color(run.color), linter.rules,
                                run.quiet)  # fmt: skip
        if finished is None or not finished.keep:
            reporter.start()
        try:
            results = check_parallel(linter, inputs(run), run.jobs, run.doc_timeout)
            stopped = report_all(results, reporter, summary,
                                 make_progress(sys.stderr, out, run.quiet),
                                 finished.done if finished else frozenset())  # fmt: skip
        finally:
            close_fetcher()
        reporter.finish(summary)
    if linter.result_cache is not None and summary.documents >= TRIM_AFTER:
        linter.result_cache.trim()
    if stopped is not None:
        resumable = run.fmt == "jsonl" and bool(run.output_file)
        click.echo(visible(stopped_message(stopped, resumable)), err=True)
    return summary


def inputs(run: RunSettings) -> Iterator[Loaded]:
    """The run's inputs, read lazily: TARGETS, then the --urls list, then the --jsonl
    submissions. Fetch options are made only when something may be fetched."""
    listed: Sequence[str] | InputError = read_url_list(run.urls_file) if run.urls_file else []
    if isinstance(listed, InputError):
        yield listed
        listed = []
    everything = [*run.targets, *listed]
    web = any(is_web_url(t) for t in everything) or run.jsonl_file is not None
    load = replace(run.load, fetch=run.fetch.options()) if web else run.load
    yield from iter_inputs(everything, load)
    if run.jsonl_file:
        yield from iter_submissions(run.jsonl_file, load.max_bytes, load.html_mode, load.fetch)


def never_raise_on_output(utf8: bool) -> None:
    """Make stdout and stderr escape what they cannot encode instead of cutting the output.

    JSON and SARIF are UTF-8 by definition, so for them stdout is UTF-8 whatever the locale.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            encoding = "utf-8" if utf8 and stream is sys.stdout else None
            reconfigure(encoding=encoding, errors="backslashreplace")


def close_fetcher() -> None:
    """Release the shared HTTP session and cache, if URLs were fetched."""
    fetch = sys.modules.get("claimcheck.inputs.fetch")
    if fetch is not None:
        fetch.close_shared()
