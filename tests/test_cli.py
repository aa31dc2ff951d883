"""The command line through click's runner: every exit code, formats and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import cli, main

CLAIMS = "Cupping relieves back pain. It is completely safe and has no side effects.\n"
CAREFUL = "We walked along the river and had lunch in a small cafe by the bridge.\n"


def run(*args: str, input: bytes | str | None = None) -> tuple[int, str, str]:
    """Invoke the CLI as main() does, returning (exit code, stdout, stderr)."""
    runner = CliRunner()
    result = runner.invoke(cli, list(args), input=input, standalone_mode=True)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def articles(tmp_path: Path) -> Path:
    """A folder with a risky article and a harmless one."""
    (tmp_path / "risky.txt").write_text(CLAIMS, encoding="utf-8")
    (tmp_path / "calm.md").write_text(CAREFUL, encoding="utf-8")
    return tmp_path


def test_exit_0_when_nothing_reaches_fail_on(articles: Path) -> None:
    code, out, _ = run("check", str(articles / "calm.md"))
    assert code == 0
    assert out == ""


def test_exit_1_on_error_findings_and_text_format(articles: Path) -> None:
    code, out, err = run("check", str(articles / "risky.txt"))
    assert code == 1
    assert "risky.txt:1:9: CC110 [warning]" in out
    assert "CC102 [error]" in out
    assert "suggestion:" in out
    assert "1 document(s) checked" in err


def test_fail_on_never_and_warning(articles: Path) -> None:
    assert run("check", "--fail-on", "never", str(articles / "risky.txt"))[0] == 0
    code, _, _ = run(
        "check", "--select", "CC110", "--fail-on", "warning", str(articles / "risky.txt")
    )
    assert code == 1
    code, _, _ = run("check", "--select", "CC110", str(articles / "risky.txt"))
    assert code == 0  # only warnings, default --fail-on error


def test_json_schema(articles: Path) -> None:
    code, out, _ = run("check", "--format", "json", str(articles))
    assert code == 1
    data = json.loads(out)
    assert data["version"] == 1
    assert [Path(d["source"]).name for d in data["documents"]] == ["calm.md", "risky.txt"]
    risky = data["documents"][1]
    assert risky["error"] is None and risky["words"] > 0 and 0 < risky["score"] <= 100
    claim = risky["claims"][0]
    assert set(claim) >= {
        "start",
        "end",
        "text",
        "kind",
        "strength",
        "negated",
        "attributed",
        "caveats",
        "sources",
    }
    finding = risky["findings"][0]
    assert set(finding) >= {
        "rule",
        "name",
        "category",
        "severity",
        "start",
        "end",
        "line",
        "column",
        "text",
        "message",
        "suggestion",
    }
    assert CLAIMS[finding["start"] : finding["end"]] == finding["text"]
    assert data["summary"]["checked"] == 2


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_exit_3_missing_file_others_still_checked(articles: Path, jobs: str) -> None:
    # under --jobs the unreadable input travels to a worker process and back (pickled)
    code, out, err = run(
        "check", "-j", jobs, str(articles / "nope.txt"), str(articles / "risky.txt")
    )
    assert code == 3
    assert "nope.txt: error: no such file or directory" in err
    assert "CC102" in out
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n", "empty file"),
        ("doc.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "binary file"),
        ("nul.txt", b"abc\x00\x00\x01\x02def", "binary file"),
    ],
)
def test_bad_files_one_line_error(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(CLAIMS, encoding="utf-8")
    code, out, err = run("check", str(bad), str(good))
    assert code == 3
    lines = [ln for ln in err.splitlines() if name in ln]
    assert len(lines) == 1 and reason in lines[0]
    assert "good.txt:1:9" in out


def test_undecodable_bytes_are_decoded_with_a_note(tmp_path: Path) -> None:
    f = tmp_path / "latin.txt"
    f.write_bytes("Caf\xe9 cr\xe8me: cupping relieves back pain.\n".encode("cp1252"))
    code, out, err = run("check", str(f))
    assert code == 0
    assert "note: decoded as" in err
    assert "CC110" in out


def test_oversized_file(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(20 * 1024 * 1024)
    code, _, err = run("check", str(big))
    assert code == 3
    assert "big.txt" in err and "too large" in err


def test_directory_with_no_articles(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    code, _, err = run("check", str(tmp_path))
    assert code == 3
    assert "no articles found" in err


def test_stdin_markdown() -> None:
    code, out, _ = run("check", "--stdin-format", "md", "-", input="# Tips\n\n" + CLAIMS)
    assert code == 1
    assert "<stdin>:" in out


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_stdin_filename_names_stdin_in_every_format(fmt: str) -> None:
    code, out, _ = run("check", "--format", fmt, "--stdin-filename", "docs/cupping notes.md",
                       "-", input=CLAIMS)  # fmt: skip
    assert code == 1
    assert "docs/cupping notes.md" in out and "<stdin>" not in out


def test_usage_error_exit_2() -> None:
    assert main(["check"]) == 2
    assert main(["check", "--format", "xml", "x.txt"]) == 2


def test_no_rules_selected_is_a_config_error(
    articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--select", "CC110", "--ignore", "CC1", str(articles)]) == 2
    assert "no rules selected" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--select", "CC1O1"], "--select: unknown rule selector 'CC1O1' (did you mean 'CC101'?)"),
        (["--select", "CC110,CC99"], "--select: unknown rule selector 'CC99' (did you mean"),
        (["--ignore", "absolute-cure-claims"], "(did you mean 'absolute-cure-claim'?)"),
        (["--ignore", "C"], "--ignore: unknown rule selector 'C' (use a rule id"),
    ],
)
def test_unknown_selector_is_a_usage_error_with_a_suggestion(
    articles: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    # an unknown selector used to select or ignore nothing without a word
    assert main(["--no-config", "check", *args, str(articles)]) == 2
    assert expected in capsys.readouterr().err


def test_known_selectors_are_accepted(articles: Path) -> None:
    code, _, _ = run("--no-config", "check", "--select", "cc1,CC40,CC102,absolute-safety-claim",
                     "--fail-on", "never", str(articles))  # fmt: skip
    assert code == 0


def test_malformed_lexicon_names_file_rule_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "extra.yml").write_text(
        "title: extra\nrules:\n  - id: CC199\n    name: my-rule\n    kind: existence\n"
        "    category: claim\n    severity: warning\n    message: hi\n    colour: red\n"
        "    patterns: [miracle]\n",
        encoding="utf-8",
    )
    assert main(["check", "--lexicon", str(tmp_path), "-"]) == 2
    err = capsys.readouterr().err
    assert "extra.yml" in err and "CC199" in err and "'colour'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("folder", "expected"), [("missing", "lexicon directory not found"), ("empty", "no .yml")]
)
def test_missing_lexicon_is_an_error_with_a_warm_cache(
    articles: Path, capsys: pytest.CaptureFixture[str], folder: str, expected: str
) -> None:
    # once the default pack's pipeline was cached, --lexicon missing/ used to be ignored
    (articles / "empty").mkdir()
    assert main(["--no-config", "check", str(articles / "calm.md")]) == 0  # warms the cache
    capsys.readouterr()
    assert main(["--no-config", "check", "--lexicon", str(articles / folder), "-"]) == 2
    err = capsys.readouterr().err
    assert f"{articles / folder}: " in err and expected in err


def test_rules_list_and_explain() -> None:
    code, out, _ = run("rules")
    assert code == 0
    assert "CC101  absolute-cure-claim" in out
    code, out, _ = run("rules", "CC101")
    assert code == 0 and "## Why is this bad?" in out and "## Use instead" in out
    code, out, _ = run("rules", "vague-attribution")
    assert code == 0 and "CC301" in out
    assert main(["rules", "CC999"]) == 2


def test_lexicon_validate_and_export(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lexicon", "validate"]) == 0
    assert capsys.readouterr().out.startswith("ok:")
    assert main(["lexicon", "export", "--jsonl"]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert {"label", "pattern", "id"} <= set(first)


def test_sarif_output(articles: Path) -> None:
    code, out, _ = run("check", "--format", "sarif", str(articles / "risky.txt"),
                       str(articles / "missing.txt"))  # fmt: skip
    assert code == 3
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    rule_ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    results = run_["results"]
    assert {r["ruleId"] for r in results} >= {"CC110", "CC102"}
    error = next(r for r in results if r["ruleId"] == "CC102")
    assert error["level"] == "error" and rule_ids[error["ruleIndex"]] == "CC102"
    region = error["locations"][0]["physicalLocation"]["region"]
    line = CLAIMS.splitlines()[region["startLine"] - 1]  # a plain-text file: lines are its own
    start = region["startColumn"] - 1
    assert line[start : start + len(region["snippet"]["text"])] == region["snippet"]["text"]
    note = run_["invocations"][0]["toolExecutionNotifications"][0]
    assert "missing.txt" in note["message"]["text"]


SAVED_PAGE = """<html><head><title>Ginger tea</title></head><body>
<div class="sidebar"><p>Our partners: this detox tea cures arthritis and flushes toxins.</p></div>
<article><h1>Ginger tea and nausea</h1>
<p>Ginger tea may ease nausea in early pregnancy for some women, according to the NHS.</p>
<p>A 2014 review found ginger reduced nausea scores in several small trials, though the
trials were short and the evidence is limited.</p>
<p>Talk to your midwife before taking ginger supplements, which can interact with blood
thinners.</p></article>
<div class="comments"><p>Commenter: ginger cured my migraines in one day!</p></div>
</body></html>"""


def test_html_article_mode_checks_only_the_main_content(tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_text(SAVED_PAGE, encoding="utf-8")
    code, whole, _ = run("check", "--fail-on", "never", str(page))
    assert code == 0 and "CC101" in whole  # the sidebar's cure claim is checked as page text
    code, article, _ = run(
        "check", "--fail-on", "never", "--html", "article", "--format", "json", str(page)
    )
    assert code == 0
    (doc,) = json.loads(article)["documents"]
    assert "Ginger tea may ease nausea" in doc["claims"][0]["text"]
    assert not [c for c in doc["claims"] if "cure" in c["text"] or "migraines" in c["text"]]


def test_help_and_version_do_not_import_spacy() -> None:
    """`claimcheck --help` / `--version` answer at once: spaCy loads only for `check`."""
    code = "import sys, claimcheck.cli; sys.exit('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
