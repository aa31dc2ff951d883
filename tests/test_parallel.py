"""Supervised workers (claimcheck.parallel): a stuck or dead worker costs one input."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.api import FileResult, Linter
from claimcheck.cli import cli
from claimcheck.extract.text import parse_plain
from claimcheck.inputs import load
from claimcheck.inputs.load import Unparsed
from claimcheck.lexicon.model import RuleSet
from claimcheck.parallel import check_parallel
from claimcheck.rules import KIND_SPECS

pytestmark = pytest.mark.skipif(
    "fork" not in mp.get_all_start_methods(), reason="the patched code reaches workers by fork"
)
OK = "Walking every day is pleasant.\n\nMany people enjoy it in spring."
BAD = "Cupping cures anxiety and removes toxins from the blood."


@pytest.fixture
def linter(ruleset: RuleSet, monkeypatch: pytest.MonkeyPatch) -> Linter:
    """A Linter whose evaluation hangs on 'HANG' and kills its process on 'DIE'."""
    real = Linter.evaluate
    parent = os.getpid()

    def evaluate(self: Linter, ctx: object, rules: object = None) -> object:
        text = ctx.document.text  # type: ignore[attr-defined]
        if os.getpid() == parent:  # the parent evaluates only the run-level rules
            return real(self, ctx, rules)  # type: ignore[arg-type]
        if "HANG" in text:
            time.sleep(600)
        if "DIE" in text:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(self, ctx, rules)  # type: ignore[arg-type]

    monkeypatch.setattr(Linter, "evaluate", evaluate)
    return Linter(ruleset)


def _docs(*texts: str) -> list[object]:
    return [parse_plain(f"d{i}.txt", t) for i, t in enumerate(texts)]


def _outcome(results: Iterator[FileResult]) -> list[tuple[str, str | None, int]]:
    return [(r.origin, r.error, len(r.findings)) for r in results]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_stuck_input_is_stopped_and_the_run_goes_on(linter: Linter, jobs: int) -> None:
    started = time.monotonic()
    found = _outcome(check_parallel(linter, _docs(OK, "HANG " + OK, BAD, OK), jobs, 1.0))
    assert time.monotonic() - started < 60  # not the 600 s the input would take
    assert [o for o, _, _ in found] == ["d0.txt", "d1.txt", "d2.txt", "d3.txt"]
    assert found[1][1] is not None and "stopped after 1 s (--doc-timeout)" in found[1][1]
    assert found[0][1] is found[2][1] is found[3][1] is None
    assert found[2][2] > 0  # the inputs after the stuck one are still checked


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_dead_worker_costs_one_input(linter: Linter, jobs: int) -> None:
    docs = _docs(*[OK] * 5, "DIE " + OK, *[BAD] * 5)
    found = _outcome(check_parallel(linter, docs, jobs, 60.0))
    assert [o for o, _, _ in found] == [f"d{i}.txt" for i in range(11)]
    errors = [(o, e) for o, e, _ in found if e]
    assert errors == [("d5.txt", "the worker process checking it died (killed by signal 9)")]
    assert all(n > 0 for _, _, n in found[6:])


def test_results_equal_an_in_process_run(ruleset: RuleSet) -> None:
    docs = _docs(OK, BAD, "Magnesium may ease cramps, but evidence is limited.", BAD)
    here = list(Linter(ruleset).check_many(docs))
    for jobs in (1, 2):
        assert list(check_parallel(Linter(ruleset), docs, jobs, 30.0)) == here


def test_parsing_runs_in_the_worker_under_the_deadline(
    ruleset: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = load.parse_bytes

    def parse_bytes(origin: str, data: bytes, fmt: str, base_url: str | None = None) -> object:
        if b"HANG" in data:
            time.sleep(600)
        return real(origin, data, fmt, base_url)

    monkeypatch.setattr(load, "parse_bytes", parse_bytes)
    items = [Unparsed.of_bytes("a.md", b"HANG <div>", "md"),
             Unparsed.of_bytes("b.md", BAD.encode(), "md")]  # fmt: skip
    found = _outcome(check_parallel(Linter(ruleset), items, 1, 1.0))
    assert found[0][0] == "a.md" and "--doc-timeout" in (found[0][1] or "")
    assert found[1][0] == "b.md" and found[1][1] is None and found[1][2] > 0


def test_unparsed_input_that_fails_to_parse_is_one_error(ruleset: RuleSet) -> None:
    items = [Unparsed.of_bytes("empty.html", b"<html><script>x</script></html>", "html")]
    (result,) = check_parallel(Linter(ruleset), items, 1, 30.0)
    assert result.error == "no text found after removing markup"


def test_stopping_early_leaves_no_worker_behind(ruleset: RuleSet) -> None:
    results = check_parallel(Linter(ruleset), _docs(*[OK] * 40), 2, 30.0)
    next(results)
    results.close()  # the consumer stops (Ctrl-C, a closed pipe)
    deadline = time.monotonic() + 10
    while mp.active_children() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert mp.active_children() == []


def test_cli_reports_a_stopped_input_in_one_line_and_checks_the_rest(
    linter: Linter, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("HANG " + OK, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BAD, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--doc-timeout", "1", str(tmp_path)])
    assert result.exit_code == 3  # an input could not be checked; the others were
    lines = [line for line in result.stderr.splitlines() if "a.txt" in line]
    assert len(lines) == 1 and "stopped after 1 s (--doc-timeout)" in lines[0]
    assert "b.txt" in result.stdout


def test_run_level_rules_run_last_in_process_as_in_the_parent(ruleset: RuleSet) -> None:
    # under --jobs the parent adds run-level findings after the workers' rules ran, so a rule
    # that reads findings (CC409) never sees them; in one process it must not either
    specs = [KIND_SPECS[r.kind] for r in Linter(ruleset).rules]
    order = [(s.run_level, s.reads_findings) for s in specs]
    assert order == sorted(order)
    assert order[-1] == (True, False) and (False, True) in order
