"""Issue 15's batch: 1,000 generated posts and 20 bad inputs, run whole, then interrupted
half way with a real SIGINT and resumed: each bad input is one record, the rest are ranked,
and the resumed output equals the uninterrupted one."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.batch.posts import write_submissions

POSTS = 1000


@pytest.fixture(scope="module")
def silent_server() -> Iterator[str]:
    """An address on loopback that accepts connections and never answers."""
    server = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                held.append(server.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/slow-post"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def bad_inputs(folder: Path, silent: str) -> list[str]:
    """Twenty inputs: nineteen that cannot be checked, each for its own reason, and one that
    is not UTF-8 (decoded by detection, with a note)."""
    folder.mkdir()
    made: list[str] = []

    def file(name: str, data: bytes) -> None:
        (folder / name).write_bytes(data)
        made.append(str(folder / name))

    file("binary.txt", bytes(range(256)) * 40)
    file("empty.md", b"")
    file("blank.txt", b" \n\t\n")
    with (folder / "huge.txt").open("wb") as out:  # 30 MB, sparse: nothing is written
        out.truncate(30 * 1024 * 1024)
    made.append(str(folder / "huge.txt"))
    file("nested.html", b"<div>" * 300_000 + b"deep" + b"</div>" * 300_000)
    file("scripts-only.html", b"<html><script>var a = 1;</script><style>p{}</style></html>")
    file("nul.md", b"\x00" * 5000)
    file("image.html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 2000)
    os.mkfifo(folder / "pipe.txt")
    made.append(str(folder / "pipe.txt"))
    made.append(str(folder / "missing.md"))
    (folder / "no-articles").mkdir()
    (folder / "no-articles" / "notes.csv").write_text("a,b\n", encoding="utf-8")
    made.append(str(folder / "no-articles"))
    made.append(str(folder / "nothing-*.md"))  # a glob that matches nothing
    made.append("http://does-not-exist.invalid/post")  # no such host
    made.append("http://127.0.0.1:9/closed-port")
    made.append(silent)  # times out (--timeout 2)
    made.append("ftp://example.org/file.txt")
    file("latin1.txt", "Café au lait cures migraines, says my grand-mère.\n".encode("cp1252"))
    file("only-markup.html", b"<html><body><nav>Home</nav><footer>(c)</footer></body></html>")
    file("front-matter-only.md", b"---\ntitle: x\n---\n")
    made.append(str(folder / "dangling-link.md"))
    (folder / "dangling-link.md").symlink_to(folder / "does-not-exist")
    return made


def command(subs: Path, bad: list[str], out: Path, *extra: str) -> list[str]:
    """The CLI run over the batch."""
    return [sys.executable, "-m", "claimcheck", "check", *bad, "--jsonl", str(subs),
            "--format", "jsonl", "-o", str(out), "--jobs", "2", "--timeout", "2",
            "--fail-on", "never", "--quiet", "--allow-private-hosts", *extra]  # fmt: skip


@pytest.fixture(scope="module")
def batch(
    tmp_path_factory: pytest.TempPathFactory, silent_server: str
) -> tuple[Path, list[str], Path]:
    """The submissions, the bad inputs and the uninterrupted run's output."""
    folder = tmp_path_factory.mktemp("batch")
    subs = write_submissions(folder / "subs.jsonl", POSTS)
    bad = bad_inputs(folder / "bad", silent_server)
    full = folder / "full.jsonl"
    done = subprocess.run(command(subs, bad, full), capture_output=True, text=True, timeout=600)
    assert done.returncode == 3, done.stderr[-2000:]  # some inputs could not be read
    return subs, bad, full


def records(path: Path) -> list[dict[str, object]]:
    """The output's lines, parsed (each must be whole JSON)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_bad_input_is_its_own_record_and_the_rest_are_ranked(
    batch: tuple[Path, list[str], Path],
) -> None:
    _subs, bad, full = batch
    lines = records(full)
    docs, summary = lines[:-1], lines[-1]["summary"]
    assert isinstance(summary, dict)
    assert len(bad) == 20 and len(docs) == POSTS + 20
    failed = [d for d in docs if d["error"]]
    assert len(failed) == 19
    assert all(isinstance(d["error"], str) and "\n" not in d["error"] for d in failed)
    reasons = {str(d["source"]).split("/")[-1]: str(d["error"]) for d in failed}
    assert "too large" in reasons["huge.txt"] and "FIFO" in reasons["pipe.txt"]
    assert "timed out" in reasons["slow-post"] or "time" in reasons["slow-post"]
    (latin,) = [d for d in docs if str(d["source"]).endswith("latin1.txt")]
    assert latin["error"] is None and "cp1252" in " ".join(latin["notes"])  # type: ignore[arg-type]
    checked = [d for d in docs if not d["error"]]
    assert len(checked) == POSTS + 1 and summary["checked"] == POSTS + 1
    assert summary["errors"] + summary["skipped"] == 19
    top = summary["highest_risk"]
    assert isinstance(top, list) and len(top) == 10
    scores = [int(t["score"]) for t in top]
    assert scores == sorted(scores, reverse=True)
    assert summary["template_clusters"] and summary["authors"] and summary["sites"]


def test_interrupted_half_way_and_resumed_equals_the_uninterrupted_run(
    batch: tuple[Path, list[str], Path], tmp_path: Path,
) -> None:
    subs, bad, full = batch
    part = tmp_path / "part.jsonl"
    proc = subprocess.Popen(command(subs, bad, part), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if part.exists() and part.read_bytes().count(b"\n") >= POSTS // 2:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err[-2000:]
    assert "interrupted:" in err and "--resume" in err
    lines = records(part)  # every line whole
    assert lines[-1]["summary"]["interrupted"] is True  # type: ignore[index]
    assert POSTS // 2 <= len(lines) - 1 < POSTS + 20  # stopped half way, not at the end
    done = subprocess.run(command(subs, bad, part, "--resume"), capture_output=True, text=True,
                          timeout=600)  # fmt: skip
    assert done.returncode == 3, done.stderr[-2000:]
    assert part.read_text(encoding="utf-8") == full.read_text(encoding="utf-8")
