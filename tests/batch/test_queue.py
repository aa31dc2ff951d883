"""The moderators' queue: JSON Lines and CSV output, ranking, groups, template clusters,
Ctrl-C and --resume."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimcheck.batch import report_all
from claimcheck.cli import cli, main
from claimcheck.document import Submission
from claimcheck.findings import Finding, Severity
from claimcheck.outcome import ExitCode, RunSummary
from claimcheck.progress import BarProgress, LogProgress, NoProgress, make_progress
from claimcheck.reporters.csv import CsvReporter, safe_cell
from claimcheck.reporters.jsonl import JsonLinesReporter, read_finished
from claimcheck.results import FileResult
from tests.batch.posts import write_submissions


def finding(rule: str = "CC101", severity: Severity = Severity.ERROR,
            related: tuple[str, ...] = ()) -> Finding:  # fmt: skip
    """A finding of ``rule``."""
    return Finding(rule=rule, name="n", category="claim", severity=severity, start=0, end=1,
                   line=1, column=1, text="x", message="m", related=related)  # fmt: skip


def result(origin: str, score: int, *findings: Finding, author: str | None = None,
           site: str | None = None) -> FileResult:  # fmt: skip
    """A checked document."""
    sub = Submission(origin, author=author, site=site) if author or site else None
    return FileResult(origin=origin, findings=findings, score=score, words=10,
                      digest=f"d-{origin}", submission=sub)  # fmt: skip


def run(*args: str) -> tuple[int, str, str]:
    """The CLI's exit code, stdout and stderr."""
    done = CliRunner().invoke(cli, list(args), standalone_mode=True)
    return done.exit_code, done.stdout, done.stderr


def test_ties_at_the_score_cap_are_ranked_by_errors_then_warnings() -> None:
    summary = RunSummary(top=3)
    summary.add(result("b", 100, finding()))
    summary.add(result("a", 100, finding(severity=Severity.WARNING)))
    summary.add(result("c", 100, finding(), finding()))
    summary.add(result("d", 40, finding(), finding(), finding()))
    assert [r.origin for r in summary.riskiest()] == ["c", "b", "a"]


def test_the_summary_counts_authors_and_sites_and_joins_template_clusters() -> None:
    summary = RunSummary()
    summary.add(result("p1", 50, author="jo", site="forum"))
    summary.add(result("p2", 70, finding(related=("p1",)), author="jo", site="blog"))
    summary.add(result("p3", 10, finding(related=("p9",))))
    summary.add(result("p4", 30, finding(related=("p2", "p1"))))
    assert summary.authors["jo"].documents == 2 and summary.authors["jo"].max_score == 70
    assert summary.authors["jo"].mean_score == 60.0 and summary.authors["jo"].flagged == 1
    assert set(summary.sites) == {"forum", "blog"}
    assert summary.clusters.members() == [["p1", "p2", "p4"], ["p3", "p9"]]


def test_jsonl_writes_a_line_per_document_and_reads_back_only_whole_records(
    tmp_path: Path,
) -> None:
    out = io.StringIO()
    reporter = JsonLinesReporter(out, io.StringIO(), None)
    reporter.start()
    reporter.result(result("p1", 20, author="jo"))
    reporter.result(FileResult(origin="broken.html", error="no text found"))
    summary = RunSummary()
    summary.interrupted = True
    reporter.finish(summary)
    lines = out.getvalue().splitlines()
    first = json.loads(lines[0])
    assert (first["source"], first["id"], first["author"], first["digest"]) == (
        "p1", "p1", "jo", "d-p1")
    assert json.loads(lines[1])["error"] == "no text found"
    assert json.loads(lines[2])["summary"]["interrupted"] is True
    path = tmp_path / "out.jsonl"
    path.write_text(lines[0] + "\n" + lines[1] + "\n" + lines[0][:30], encoding="utf-8")
    found = read_finished(str(path))
    assert found.done == {("p1", "d-p1"), ("broken.html", "")}
    assert found.keep == len((lines[0] + "\n" + lines[1] + "\n").encode())
    assert read_finished(str(tmp_path / "none.jsonl")).done == frozenset()


def test_csv_ranks_every_document_and_defuses_formulas() -> None:
    out = io.StringIO()
    reporter = CsvReporter(out, io.StringIO(), None)
    reporter.result(result("calm.md", 5, finding("CC300", Severity.INFO)))
    reporter.result(FileResult(origin="gone.txt", error="file not found"))
    reporter.result(result("=HYPERLINK(1)", 90, finding("CC101"), finding("CC405",
                    Severity.WARNING), finding("CC101"), author="@bob"))  # fmt: skip
    reporter.finish(RunSummary())
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["source"] for r in rows] == ["'=HYPERLINK(1)", "calm.md", "gone.txt"]
    assert [r["rank"] for r in rows] == ["1", "2", "3"]
    top = rows[0]
    assert (top["author"], top["worst_rule"], top["errors"], top["warnings"]) == (
        "'@bob", "CC101", "2", "1")
    assert rows[2]["error"] == "file not found" and rows[2]["score"] == ""
    assert safe_cell("-1+2") == "'-1+2" and safe_cell("plain") == "plain"


def interrupted_after(results: list[FileResult], n: int) -> Iterator[FileResult]:
    """The results, then Ctrl-C after ``n`` of them."""
    yield from results[:n]
    raise KeyboardInterrupt


def test_ctrl_c_keeps_what_was_reported_and_the_exit_code_is_130() -> None:
    seen: list[str] = []

    class Collect:
        def result(self, r: FileResult) -> None:
            seen.append(r.origin)

        def start(self) -> None: ...

        def finish(self, summary: RunSummary) -> None: ...

    summary = RunSummary()
    results = [result(f"p{i}", i) for i in range(5)]
    stopped = report_all(interrupted_after(results, 3), Collect(), summary, NoProgress(),
                         frozenset({("p1", "d-p1")}))  # fmt: skip
    assert stopped is not None and (stopped.reported, stopped.last) == (3, "p2")
    assert seen == ["p0", "p2"]  # p1 was finished by an earlier run
    assert summary.documents == 3 and summary.interrupted
    assert summary.exit_code(Severity.ERROR) is ExitCode.INTERRUPTED


def test_cli_ctrl_c_ends_the_json_lines_cleanly_with_exit_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import claimcheck.checkrun

    real = claimcheck.checkrun.check_parallel

    def stop_after_two(*args: Any, **kwargs: Any) -> Iterable[FileResult]:
        return interrupted_after(list(real(*args, **kwargs)), 2)

    monkeypatch.setattr(claimcheck.checkrun, "check_parallel", stop_after_two)
    subs = write_submissions(tmp_path / "subs.jsonl", 5)
    out = tmp_path / "out.jsonl"
    code, _, err = run("check", "--jsonl", str(subs), "--format", "jsonl", "-o", str(out))
    assert code == 130
    assert "interrupted: 2 document(s) finished" in err and "--resume" in err
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d.get("id") for d in lines[:2]] == ["post-00000", "post-00001"]
    assert lines[2]["summary"]["interrupted"] is True


def test_resume_after_a_torn_run_gives_the_uninterrupted_output(tmp_path: Path) -> None:
    subs = write_submissions(tmp_path / "subs.jsonl", 40)
    full, part = tmp_path / "full.jsonl", tmp_path / "part.jsonl"
    args = ["check", "--jsonl", str(subs), "--format", "jsonl", "--fail-on", "never"]
    assert run(*args, "-o", str(full))[0] == 0
    lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) == 41 and '"template_clusters"' in lines[-1]  # CC430 across the batch
    part.write_text("".join(lines[:17]) + lines[17][:50], encoding="utf-8")  # killed mid-line
    code, _, _ = run(*args, "-o", str(part), "--resume")
    assert code == 0
    assert part.read_text(encoding="utf-8") == full.read_text(encoding="utf-8")


def test_resume_needs_a_json_lines_output_file_and_something_to_check(tmp_path: Path) -> None:
    code, _, err = run("check", "--resume", "x.txt")
    assert code == 2 and "--resume needs --format jsonl and -o FILE" in err
    code, _, err = run("check")
    assert code == 2 and "nothing to check" in err


def test_urls_file_and_private_addresses_are_one_error_each(tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text("http://127.0.0.1:9/a\n# skipped\nhttp://10.0.0.1/b\n", encoding="utf-8")
    code, out, _ = run("check", "--urls", str(urls), "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 3
    assert [r["source"] for r in records[:2]] == ["http://127.0.0.1:9/a", "http://10.0.0.1/b"]
    assert all("private" in r["error"] for r in records[:2])


class FakeTty(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_progress_is_a_bar_on_a_terminal_lines_in_a_log_and_silent_when_quiet() -> None:
    assert isinstance(make_progress(FakeTty(), io.StringIO(), quiet=False), BarProgress)
    assert isinstance(make_progress(FakeTty(), FakeTty(), quiet=False), NoProgress)
    assert isinstance(make_progress(io.StringIO(), io.StringIO(), quiet=False), LogProgress)
    assert isinstance(make_progress(FakeTty(), io.StringIO(), quiet=True), NoProgress)
    log = io.StringIO()
    progress = LogProgress(log, every=0.0)
    progress.add(result("p1", 10, finding()))
    progress.add(FileResult(origin="bad", error="unreadable"))
    progress.close()
    assert log.getvalue().splitlines()[-1].startswith(
        "claimcheck: progress: 2 done, 1 failed, 1 flagged,")
    bar_stream = FakeTty()
    bar = BarProgress(bar_stream)
    bar.add(result("p1", 10, finding()))
    bar.close()
    assert bar.counts.done == 1 and bar.counts.flagged == 1


def test_the_output_file_may_not_be_the_submissions_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    subs = write_submissions(tmp_path / "subs.jsonl", 2)
    before = subs.read_bytes()
    code = main(["check", "--jsonl", str(subs), "--format", "jsonl", "-o", str(subs)])
    assert code == 2 and "is also an input" in capsys.readouterr().err
    assert subs.read_bytes() == before
