"""--format concise: one line per finding, stable order, no colour, one line per input error."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner

from claimcheck.cli import cli
from claimcheck.findings import Finding, Severity
from claimcheck.reporters import get_reporter
from claimcheck.results import FileResult
from tests.reporting import drive


def finding(rule: str, start: int, line: int, column: int, message: str) -> Finding:
    return Finding(rule=rule, name="x", category="claim", severity=Severity.parse("warning"),
                   start=start, end=start + 4, line=line, column=column, text="text",
                   message=message)  # fmt: skip


def report(*results: FileResult, quiet: bool = False) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    reporter = get_reporter("concise", out, err, True, (), quiet)
    drive(reporter, results)
    return out.getvalue(), err.getvalue()


def test_one_line_per_finding_in_position_order() -> None:
    late = finding("CC110", 40, 2, 5, "late")
    early_b = finding("CC301", 3, 1, 4, "early b")
    early_a = finding("CC110", 3, 1, 4, "early a")
    out, err = report(FileResult("a.md", findings=(late, early_b, early_a)))
    assert out.splitlines() == [
        "a.md:1:4: CC110 early a",
        "a.md:1:4: CC301 early b",
        "a.md:2:5: CC110 late",
    ]
    assert "\x1b[" not in out + err  # colour asked for, none given
    assert err.startswith("1 document(s) checked")


def test_input_errors_one_line_each_and_untrusted_text_stays_on_its_line() -> None:
    forged = finding("CC110", 0, 1, 1, "claim\nfake.md:9:9: CC999 forged\x1b[2K")
    out, err = report(
        FileResult("bad\nname.md", error="no such file or directory"),
        FileResult("big.md", error="skipped: too large", skipped=True),
        FileResult("b.md", findings=(forged,)),
        quiet=True,
    )
    assert out == "b.md:1:1: CC110 claim\\nfake.md:9:9: CC999 forged\\x1b[2K\n"
    assert err.splitlines() == [
        "bad\\nname.md: error: no such file or directory",
        "big.md: skipped: too large",
    ]  # quiet: no summary line


def test_cli_concise(tmp_path: Path) -> None:
    draft = tmp_path / "risky.txt"
    draft.write_text("Cupping relieves back pain. It is completely safe.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--no-config", "check", "--format", "concise", str(draft)],
                                color=True)  # fmt: skip
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any(ln.startswith(f"{draft}:1:9: CC110 'relieves back pain' claims") for ln in lines)
    assert all(line.startswith(f"{draft}:") for line in lines)
    assert "\x1b[" not in result.stdout
