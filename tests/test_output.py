"""Where the report goes and how it looks: --output-file, --quiet, NO_COLOR and --color."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import cli, main
from claimcheck.output import use_color

CLAIMS = "Cupping relieves back pain. It is completely safe and has no side effects.\n"
ANSI = "\x1b["


@pytest.fixture()
def risky(tmp_path: Path) -> Path:
    path = tmp_path / "risky.txt"
    path.write_text(CLAIMS, encoding="utf-8")
    return path


def run(*args: str, color: bool = False, env: dict[str, str | None] | None = None
        ) -> tuple[int, str, str]:  # fmt: skip
    """(exit code, stdout, stderr); ``color``: the runner's streams act as a terminal."""
    result = CliRunner().invoke(cli, ["--no-config", *args], color=color, env=env)
    return result.exit_code, result.stdout, result.stderr


def test_output_file_gets_the_report_and_stderr_the_summary(risky: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("old content that must go\n", encoding="utf-8")
    code, out, err = run("check", "-o", str(report), str(risky), str(tmp_path / "gone.txt"))
    assert code == 3  # as without -o: an input could not be read
    assert out == ""
    written = report.read_text(encoding="utf-8")
    assert "risky.txt:1:9: CC110 [warning]" in written and "old content" not in written
    assert "gone.txt: error: no such file or directory" in err
    assert "1 document(s) checked" in err


def test_output_file_is_utf8_json(risky: Path, tmp_path: Path) -> None:
    report = tmp_path / "ré.json"
    code, out, _ = run("check", "--format", "json", "--output-file", str(report), str(risky))
    assert code == 1 and out == ""
    assert report.read_bytes().decode("utf-8").startswith('{"version": 1')


@pytest.mark.parametrize("where", ["missing-dir/report.txt", "a-directory", "read-only/r.txt"])
def test_unwritable_output_file_is_a_one_line_usage_error(
    risky: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    (tmp_path / "a-directory").mkdir()
    (tmp_path / "read-only").mkdir(mode=0o500)
    if where.startswith("read-only") and os.access(tmp_path / "read-only", os.W_OK):
        pytest.skip("running as root: permissions do not stop writes")
    target = tmp_path / where
    assert main(["--no-config", "check", "-o", str(target), str(risky)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"claimcheck: error: --output-file '{target}'")
    assert "cannot write" in lines[0]
    assert captured.out == ""  # nothing was checked


def test_quiet_prints_findings_and_errors_only(risky: Path, tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9: cupping relieves back pain.\n".encode("cp1252"))
    loud = run("check", str(risky), str(latin), str(tmp_path / "gone.txt"))
    quiet = run("check", "-q", str(risky), str(latin), str(tmp_path / "gone.txt"))
    assert loud[0] == quiet[0] == 3  # exit codes unchanged
    assert "document(s) checked" in loud[2] and "note: decoded as" in loud[2]
    assert "Highest risk scores" in loud[1]
    assert quiet[1] == loud[1].split("\nHighest risk scores")[0]  # findings as before
    assert quiet[2].splitlines() == [f"{tmp_path / 'gone.txt'}: error: no such file or directory"]


def test_quiet_keeps_the_exit_code_of_findings(risky: Path) -> None:
    assert run("check", "--quiet", str(risky))[0] == 1
    assert run("check", "--quiet", "--fail-on", "never", str(risky))[0] == 0


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ((), {"NO_COLOR": None}, True),  # a terminal: colour (the test can fail)
        ((), {"NO_COLOR": "1"}, False),
        ((), {"NO_COLOR": ""}, True),  # empty: as if unset (no-color.org)
        (("--color",), {"NO_COLOR": "1"}, True),  # an explicit --color wins
        (("--no-color",), {"NO_COLOR": None}, False),
    ],
)
def test_no_color_environment_variable(
    risky: Path, args: tuple[str, ...], env: dict[str, str | None], coloured: bool
) -> None:
    _, out, _ = run("check", *args, str(risky), color=True, env=env)
    assert "CC110" in out
    assert (ANSI in out) is coloured


def test_use_color() -> None:
    assert use_color(None, {}) is None
    assert use_color(None, {"NO_COLOR": "0"}) is False
    assert use_color(True, {"NO_COLOR": "1"}) is True
    assert use_color(False, {}) is False


def test_quiet_silences_log_output_even_with_vv(risky: Path) -> None:
    loud = run("-vv", "check", str(risky))
    quiet = run("-vv", "check", "-q", str(risky))
    assert "claimcheck: DEBUG:" in loud[2]
    assert quiet[2] == "" and quiet[0] == loud[0] == 1


def test_output_file_that_is_an_input_is_refused(
    risky: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--no-config", "check", str(risky), "-o", str(risky)]) == 2
    err = capsys.readouterr().err
    expected = f"--output-file '{risky}': is also an input; it would be overwritten"
    assert err == f"claimcheck: error: {expected}\n"
    assert risky.read_text(encoding="utf-8") == CLAIMS  # the draft is intact
