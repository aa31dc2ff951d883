"""Hostile names and text: every format stays valid UTF-8 and complete, terminals stay inert,
and a FIFO or device never blocks the batch (issue 11)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest
from click.testing import CliRunner

from claimcheck.api import FileResult
from claimcheck.cli import cli
from claimcheck.document import Document
from claimcheck.errors import InputError
from claimcheck.findings import Finding, Severity
from claimcheck.inputs import LoadOptions, iter_inputs
from claimcheck.reporters import get_reporter
from tests.reporting import drive

CLAIMS = "Cupping relieves back pain. It is completely safe and has no side effects.\n"
RAW_CONTROLS = ("\x1b", "\r", "\x08", "\x07", "\x9b")
# window title, carriage return and erase line, backspace, C1 CSI (clear screen)
HOSTILE = "\x1b]0;pwned\x07 \r\x1b[2K back\x08\x08 \x9b2J"
ESCAPED = "\\x1b]0;pwned\\x07 \\r\\x1b[2K back\\x08\\x08 \\x9b2J"


def check(*args: str) -> tuple[int, bytes, bytes]:
    """Run the CLI in-process: exit code and the raw bytes of stdout and stderr."""
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout_bytes, result.stderr_bytes


@pytest.fixture()
def ff_name(tmp_path: Path) -> Path:
    """An article whose file name holds the byte 0xFF (not UTF-8), as Linux allows."""
    path = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/bad\xffname.txt"))
    try:
        path.write_text(CLAIMS, encoding="utf-8")
    except (OSError, UnicodeError):  # pragma: no cover - file systems that refuse such names
        pytest.skip("the file system refuses a name that is not UTF-8")
    return path


def test_undecodable_file_name_round_trips_through_json(ff_name: Path) -> None:
    code, out, _ = check("check", "--format", "json", str(ff_name))
    data = json.loads(out.decode("utf-8"))  # strict: the output is valid UTF-8
    (doc,) = data["documents"]
    assert doc["source"].endswith("bad\ufffdname.txt") and doc["findings"]
    assert os.fsdecode(unquote_to_bytes(doc["source_bytes"])) == str(ff_name)
    (top,) = data["summary"]["highest_risk"]
    assert top["source_bytes"] == doc["source_bytes"]
    assert code == 1


def test_undecodable_file_name_keeps_sarif_valid_utf8(ff_name: Path) -> None:
    _, out, _ = check("check", "--format", "sarif", str(ff_name))
    log = json.loads(out.decode("utf-8"))
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
        for loc in result["locations"]
    }
    (uri,) = uris  # outside the current directory: an absolute file: URI
    assert uri.isascii() and uri.startswith("file:///") and uri.endswith("bad%FFname.txt")
    assert os.fsdecode(unquote_to_bytes(uri.removeprefix("file://"))) == str(ff_name)


def test_undecodable_file_name_shown_as_escape_in_text(ff_name: Path) -> None:
    code, out, err = check("check", str(ff_name), str(ff_name.parent / "nope\udcff.txt"))
    text, errors = out.decode("utf-8"), err.decode("utf-8")
    assert "bad\\xffname.txt:1:" in text
    assert "nope\\xff.txt: error: no such file or directory" in errors
    assert code == 3


def test_control_characters_in_a_file_name_are_escaped(tmp_path: Path) -> None:
    path = tmp_path / f"a{HOSTILE}.txt"
    path.write_text(CLAIMS, encoding="utf-8")
    _, out, err = check("check", str(path))
    text = out.decode("utf-8") + err.decode("utf-8")
    assert not any(c in text for c in RAW_CONTROLS)
    assert f"a{ESCAPED}.txt:1:" in text


def _hostile_result() -> FileResult:
    """A result whose every input-borne string carries terminal control sequences."""
    finding = Finding(
        rule="CC101", name="absolute-cure-claim", category="claim", severity=Severity.ERROR,
        start=0, end=20, line=1, column=1, text=f"cures {HOSTILE} cancer",
        message=f"'cures {HOSTILE}' is a cure claim.", suggestion=f"Drop {HOSTILE}.",
    )  # fmt: skip
    return FileResult(origin=f"x{HOSTILE}.txt", findings=(finding,), notes=(f"note {HOSTILE}",))


def _report(fmt: str, *results: FileResult) -> str:
    """The stdout and stderr a reporter writes for ``results``."""
    out, err = io.StringIO(), io.StringIO()
    reporter = get_reporter(fmt, out, err, color=False)
    drive(reporter, results)
    return out.getvalue() + err.getvalue()


def test_control_characters_in_article_text_are_escaped_in_text_output() -> None:
    failed = FileResult(origin="y\x1b[2J.txt", error=f"could not parse: {HOSTILE}")
    text = _report("text", _hostile_result(), failed)
    assert not any(c in text for c in RAW_CONTROLS)
    for shown in (f"x{ESCAPED}.txt:1:1", f"'cures {ESCAPED}'", f"Drop {ESCAPED}.",
                  f"note {ESCAPED}", "y\\x1b[2J.txt: error: could not parse"):  # fmt: skip
        assert shown in text
    assert text.count("\n") == 6  # the report's own lines only


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_machine_formats_escape_control_characters(fmt: str) -> None:
    result = _hostile_result()
    out = _report(fmt, result).encode("utf-8")  # strict: raises on a lone surrogate
    assert not any(c.encode() in out for c in RAW_CONTROLS)
    assert result.findings[0].text in _strings(json.loads(out))  # escaped, yet exact once parsed


def _strings(data: object) -> set[str]:
    """Every string value inside parsed JSON."""
    if isinstance(data, str):
        return {data}
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else ()
    return {s for v in values for s in _strings(v)}


def _in_thread(targets: list[str]) -> list[Document | InputError]:
    """``iter_inputs`` over ``targets``, failing instead of hanging if a read blocks."""
    items: list[Document | InputError] = []
    worker = threading.Thread(
        target=lambda: items.extend(iter_inputs(targets, LoadOptions())), daemon=True
    )
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive(), "reading the inputs blocked"
    return items


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_refused_without_blocking_and_the_others_are_read(tmp_path: Path) -> None:
    fifo, good = tmp_path / "pipe.txt", tmp_path / "good.txt"
    os.mkfifo(fifo)
    good.write_text(CLAIMS, encoding="utf-8")
    first, second = _in_thread([str(fifo), str(good)])
    assert isinstance(first, InputError) and str(first) == f"{fifo}: not a regular file (FIFO)"
    assert isinstance(second, Document) and second.text.startswith("Cupping")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_device_is_refused() -> None:
    (item,) = _in_thread(["/dev/zero"])
    assert isinstance(item, InputError) and item.reason == "not a regular file (character device)"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_directory_walk_skips_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "good.txt").write_text(CLAIMS, encoding="utf-8")
    items = _in_thread([str(tmp_path)])
    assert [item.origin for item in items] == [str(tmp_path / "good.txt")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_cli_refuses_a_fifo_in_one_line_and_checks_the_rest(tmp_path: Path) -> None:
    fifo, good = tmp_path / "pipe.txt", tmp_path / "good.txt"
    os.mkfifo(fifo)
    good.write_text(CLAIMS, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "claimcheck", "check", str(fifo), str(good)],
        capture_output=True, timeout=300, check=False, env=os.environ.copy(),
    )  # fmt: skip
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 3
    assert [ln for ln in err.splitlines() if "pipe.txt" in ln] == [
        f"{fifo}: error: not a regular file (FIFO)"
    ]
    assert "good.txt:1:" in proc.stdout.decode("utf-8") and "Traceback" not in err

