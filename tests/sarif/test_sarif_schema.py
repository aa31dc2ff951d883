"""--format sarif against the OASIS SARIF 2.1.0 schema, on the inputs that break URIs.

One batch holds file names with a space, '#', '%' and non-ASCII letters (under the current
directory and outside it), standard input (named by --stdin-filename or not) and a missing
file. The schema's ``uri`` and ``uri-reference`` formats are checked too: jsonschema skips
them unless it is given a checker, and a badly encoded URI is the likeliest fault.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from jsonschema import Draft4Validator, FormatChecker

from claimcheck.cli import cli

SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text("utf-8"))
CLAIMS = "Cupping relieves back pain.\nIt is completely safe and has no side effects.\n"
ODD_NAMES = ["a b.txt", "hash#1.txt", "100%.txt", "café ünïcode.md"]

# RFC 3986: only these characters, and every '%' starting an escape of two hex digits
_URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
formats = FormatChecker()


@formats.checks("uri-reference")
def _is_uri_reference(value: object) -> bool:
    return isinstance(value, str) and _URI_CHARS.match(value) is not None


@formats.checks("uri")
def _is_uri(value: object) -> bool:
    return _is_uri_reference(value) and _SCHEME.match(str(value)) is not None


VALIDATOR = Draft4Validator(SCHEMA, format_checker=formats)


def schema_errors(log: object) -> list[str]:
    """Every schema error, with where it is."""
    found = VALIDATOR.iter_errors(log)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found]


def test_the_checker_catches_bad_uris() -> None:
    """The test would pass on broken URIs if the format checks were not wired in."""
    log = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
        {"message": {"text": "m"}, "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "a b#c%zz.txt"}}}]}]}]}  # fmt: skip
    assert any("uri-reference" in e for e in schema_errors(log))


@pytest.fixture()
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The odd files in ``root/docs`` (the current directory is ``root``) and one outside."""
    root = tmp_path / "root"
    (root / "docs").mkdir(parents=True)
    for name in ODD_NAMES:
        (root / "docs" / name).write_text(CLAIMS, encoding="utf-8")
    (tmp_path / "outside #2.txt").write_text(CLAIMS, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def run_batch(stdin_name: str | None) -> tuple[int, dict[str, Any]]:
    """Check the batch and stdin and a missing file in one run; the exit code and the log."""
    named = ["--stdin-filename", stdin_name] if stdin_name else []
    targets = [*(f"docs/{n}" for n in ODD_NAMES), "../outside #2.txt", "-", "docs/missing.txt"]
    result = CliRunner().invoke(cli, ["check", "--format", "sarif", *named, *targets],
                                input=CLAIMS)  # fmt: skip
    return result.exit_code, json.loads(result.stdout)


def artifact_uris(log: dict[str, Any]) -> Iterator[tuple[str, str | None]]:
    """(uri, uriBaseId) of every result's and notification's location."""
    run = log["runs"][0]
    notes = run["invocations"][0].get("toolExecutionNotifications", [])
    for item in [*run["results"], *notes]:
        for loc in item["locations"]:
            place = loc["physicalLocation"]["artifactLocation"]
            yield place["uri"], place.get("uriBaseId")


@pytest.mark.parametrize("stdin_name", [None, "notes/stdin article #1.md"])
def test_batch_is_valid_sarif(batch: Path, stdin_name: str | None) -> None:
    code, log = run_batch(stdin_name)
    assert code == 3  # the missing file
    assert schema_errors(log) == []
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == batch.as_uri() + "/"
    places = dict(artifact_uris(log))
    relative = {unquote(u): u for u, base in places.items() if base == "SRCROOT"}
    expected = {f"docs/{n}" for n in ODD_NAMES} | {"docs/missing.txt"}
    assert expected <= relative.keys()
    assert relative["docs/hash#1.txt"] == "docs/hash%231.txt"
    assert relative["docs/100%.txt"] == "docs/100%25.txt"
    outside = [u for u, base in places.items() if base is None and u.startswith("file:")]
    assert [unquote(urlsplit(u).path) for u in outside] == [str(batch.parent / "outside #2.txt")]
    if stdin_name:
        assert places[stdin_name.replace(" ", "%20").replace("#", "%23")] == "SRCROOT"
    else:
        assert places["%3Cstdin%3E"] is None


def test_failed_input_is_a_notification_and_unsuccessful(batch: Path) -> None:
    _, log = run_batch(None)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "docs/missing.txt" in note["message"]["text"]
    place = note["locations"][0]["physicalLocation"]["artifactLocation"]
    assert place == {"uri": "docs/missing.txt", "uriBaseId": "SRCROOT"}


def test_rules_carry_their_docs(batch: Path) -> None:
    _, log = run_batch(None)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"].startswith(f"# {rule['id']} ")
        assert rule["help"]["markdown"].startswith(f"# {rule['id']} ")
        assert rule["defaultConfiguration"]["level"] in {"note", "warning", "error"}
