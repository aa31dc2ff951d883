"""--format github: workflow-command annotations, escaped as GitHub requires."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner

from claimcheck.cli import cli
from claimcheck.findings import Finding, Severity
from claimcheck.reporters import get_reporter
from claimcheck.reporters.github import escape_data, escape_property
from claimcheck.results import FileResult
from tests.reporting import drive


def finding(severity: str, message: str, suggestion: str | None = None) -> Finding:
    return Finding(rule="CC110", name="unsupported-efficacy-claim", category="claim",
                   severity=Severity.parse(severity), start=8, end=26, line=3, column=9,
                   text="relieves back pain", message=message,
                   suggestion=suggestion)  # fmt: skip


def report(*results: FileResult, quiet: bool = False) -> tuple[list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    reporter = get_reporter("github", out, err, None, (), quiet)
    drive(reporter, results)
    return out.getvalue().splitlines(), err.getvalue()


def test_severities_map_to_error_warning_notice() -> None:
    lines, err = report(FileResult("a.md", findings=(
        finding("error", "e"), finding("warning", "w"), finding("info", "i", "do x"),
    )))  # fmt: skip
    title = "title=CC110 unsupported-efficacy-claim"
    assert lines == [
        f"::error file=a.md,line=3,col=9,{title}::e",
        f"::warning file=a.md,line=3,col=9,{title}::w",
        f"::notice file=a.md,line=3,col=9,{title}::i%0ASuggestion: do x",
    ]
    assert err.startswith("1 document(s) checked")


def test_escaping_of_data_and_properties() -> None:
    assert escape_data("50% off\r\n::error::x, y: z") == "50%25 off%0D%0A::error::x, y: z"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert escape_property("bad\udcffname.md") == "bad\ufffdname.md"


def test_untrusted_text_cannot_forge_a_second_command() -> None:
    forged = finding("info", "claim\n::error file=x.md,line=1::forged")
    lines, _ = report(FileResult("dir,1/a:b.md", findings=(forged,)), quiet=True)
    assert len(lines) == 1
    assert lines[0].startswith("::notice file=dir%2C1/a%3Ab.md,line=3,col=9,")
    assert lines[0].endswith("::claim%0A::error file=x.md,line=1::forged")


def test_input_errors_are_annotations_and_quiet_drops_the_summary() -> None:
    lines, err = report(
        FileResult("gone.md", error="no such file or directory"),
        FileResult("big.md", error="skipped: too large", skipped=True),
        quiet=True,
    )
    assert lines == [
        "::error file=gone.md,title=claimcheck input error::no such file or directory",
        "::notice file=big.md,title=claimcheck skipped the input::skipped: too large",
    ]
    assert err == ""


def test_cli_github(tmp_path: Path) -> None:
    draft = tmp_path / "risky.txt"
    draft.write_text("Cupping relieves back pain. It is completely safe.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--no-config", "check", "--format", "github", str(draft)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert any(line.startswith(f"::warning file={draft},line=1,col=9,title=CC110 ")
               for line in lines)  # fmt: skip
    assert any(line.startswith("::error ") and "CC102" in line for line in lines)
