"""The result cache: content-addressed entries, renamed on a hit, corrupt ones ignored,
trimmed least recently used first."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import cli
from claimcheck.document import Document, Submission
from claimcheck.inputs import Unparsed
from claimcheck.resultcache import ResultCache, engine_key
from claimcheck.results import FileResult


def entry(origin: str) -> tuple[FileResult, Document, None, dict[str, object]]:
    """A worker's answer for a document named ``origin``."""
    return (FileResult(origin=origin, score=42, digest="abc"), Document(origin, "Some text."),
            None, {"CC430": [1, 2]})  # fmt: skip


def test_a_hit_is_the_stored_answer_under_the_new_name_and_submission(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, "engine")
    assert cache.get("d1", "a.txt") is None
    cache.put("d1", entry("a.txt"))
    raw, doc, analysis, prepared = cache.get("d1", "b.txt", Submission("b", author="jo"))
    assert (raw.origin, raw.score, doc.origin, doc.text) == ("b.txt", 42, "b.txt", "Some text.")
    assert raw.submission == doc.submission == Submission("b", author="jo")
    assert analysis is None and prepared == {"CC430": [1, 2]}
    assert ResultCache(tmp_path, "other engine").get("d1", "a.txt") is None


def test_a_corrupt_entry_is_a_miss_and_is_removed(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, "engine")
    cache.put("d1", entry("a.txt"))
    (path,) = [p for p in tmp_path.rglob("*") if p.is_file()]
    path.write_bytes(b"not a cache entry")
    assert cache.get("d1", "a.txt") is None and not path.exists()


def test_an_unwritable_folder_is_ignored(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    ResultCache(blocker / "results", "engine").put("d1", entry("a.txt"))  # no error


def test_trim_keeps_the_most_recently_used_entries(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, "engine")
    for i in range(4):
        cache.put(f"d{i}", entry(f"{i}.txt"))
    paths = {i: next(tmp_path.rglob(cache.key(f"d{i}"))) for i in range(4)}
    for i, path in paths.items():
        os.utime(path, (1000 + i, 1000 + i))
    cache.get("d0", "0.txt")  # used now: the newest
    size = paths[0].stat().st_size
    small = ResultCache(tmp_path, "engine", max_bytes=2 * size + size // 2)
    assert small.trim() == 2
    assert sorted(i for i, p in paths.items() if p.exists()) == [0, 3]


def test_the_key_follows_the_input_bytes_format_and_the_engine() -> None:
    a = Unparsed.of_bytes("a.md", b"# Hi\n", "md")
    assert a.digest == Unparsed.of_bytes("renamed.md", b"# Hi\n", "md").digest
    assert a.digest != Unparsed.of_bytes("a.md", b"# Hi\n", "txt").digest
    assert a.digest != Unparsed.of_bytes("a.md", b"# Ho\n", "md").digest
    assert engine_key("pack1", ["CC101"], "opts") != engine_key("pack2", ["CC101"], "opts")
    assert engine_key("pack1", ["CC101"], "opts") != engine_key("pack1", ["CC102"], "opts")


def test_the_cli_answers_an_unchanged_post_from_the_cache_under_its_own_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    text = "Cupping cures back pain. It is completely safe.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    first = CliRunner().invoke(cli, ["check", str(tmp_path / "a.txt"), "--format", "json"])
    entries = list((tmp_path / "cache" / "results").rglob("*"))
    assert [p for p in entries if p.is_file()], "the checked document was stored"
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    import claimcheck.runlevel

    monkeypatch.setattr(claimcheck.runlevel, "_checked", None)  # a miss would now fail
    second = CliRunner().invoke(cli, ["check", str(tmp_path / "b.txt"), "--format", "json"])
    a, b = json.loads(first.stdout), json.loads(second.stdout)
    assert b["documents"][0]["source"] == str(tmp_path / "b.txt")
    a["documents"][0]["source"] = b["documents"][0]["source"]
    assert a["documents"] == b["documents"]
    assert b["summary"]["highest_risk"][0]["source"] == str(tmp_path / "b.txt")


def test_no_cache_neither_reads_nor_writes_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "a.txt").write_text("Cupping cures back pain.\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["check", str(tmp_path / "a.txt"), "--no-cache"])
    assert done.exit_code == 1
    assert not (tmp_path / "cache" / "results").exists()


def test_the_filters_that_run_after_the_cache_do_not_change_its_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "a.md").write_text("> Cupping cures back pain, she said.\n\nIt is safe.\n",
                                   encoding="utf-8")  # fmt: skip
    first = CliRunner().invoke(cli, ["--no-config", "check", str(tmp_path / "a.md"),
                                     "--format", "json"])  # fmt: skip
    import claimcheck.runlevel

    monkeypatch.setattr(claimcheck.runlevel, "_checked", None)  # a miss would now fail
    quoted = CliRunner().invoke(cli, ["--no-config", "check", str(tmp_path / "a.md"),
                                      "--format", "json", "--check-quotes"])  # fmt: skip
    assert quoted.exception is None or isinstance(quoted.exception, SystemExit)
    plain, judged = json.loads(first.stdout), json.loads(quoted.stdout)
    assert len(judged["documents"][0]["findings"]) > len(plain["documents"][0]["findings"])
