"""Issue 11: each hostile input ends, through the CLI, with a result or a one-line error, and
the normal file checked in the same batch keeps its findings.

The inputs are built in ``tmp_path`` by ``cases.py``; ``bench/hostile.py`` times them. The
time bound is generous on purpose (a shared CI machine); the bench has the real figures.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimcheck.cli import cli
from tests.hostile.cases import CASES, Case

BOUND_SECONDS = 120
NORMAL = "Cupping relieves back pain. It is completely safe and has no side effects.\n"
EXPECTED: dict[str, tuple[str | None, str | None]] = {  # case -> (error part, note part)
    "yaml-bomb.md": (None, "front matter uses YAML aliases"),
    "nested-divs.html": (None, "HTML nested deeper than 256 elements"),
    "many-links.html": (None, None),
    "many-elements.html": ("page has more than 200,000 HTML elements", None),
    "long-text.txt": (None, None),
}


def _check(tmp_path: Path, case: Case, *options: str) -> tuple[list[dict[str, Any]], float]:
    """Check the case and a normal file in one batch: the documents' JSON and the time."""
    hostile = tmp_path / case.name
    hostile.write_bytes(case.build())
    normal = tmp_path / "normal.txt"
    normal.write_text(NORMAL, encoding="utf-8")
    began = time.perf_counter()
    result = CliRunner().invoke(
        cli, ["check", str(hostile), str(normal), "--format", "json", "--fail-on", "never",
              *options],
    )  # fmt: skip
    seconds = time.perf_counter() - began
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    documents: list[dict[str, Any]] = json.loads(result.stdout)["documents"]
    return documents, seconds


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input_ends_with_a_result_or_one_line_error(tmp_path: Path, case: Case) -> None:
    documents, seconds = _check(tmp_path, case)
    assert seconds < BOUND_SECONDS
    hostile, normal = documents
    error, note = EXPECTED[case.name]
    if error is None:
        assert hostile["error"] is None
        assert hostile["words"] > 0
    else:
        assert error in hostile["error"] and "\n" not in hostile["error"]
        assert str(tmp_path / case.name) in f"{hostile['source']}: {hostile['error']}"
    if note is not None:
        assert any(note in n for n in hostile["notes"])
    assert normal["error"] is None and normal["findings"]


@pytest.mark.parametrize("name", ["nested-divs.html", "many-elements.html"])
def test_article_extraction_is_bounded_too(tmp_path: Path, name: str) -> None:
    case = next(c for c in CASES if c.name == name)
    documents, seconds = _check(tmp_path, case, "--html", "article")
    assert seconds < BOUND_SECONDS
    hostile = documents[0]
    if name == "nested-divs.html":  # lxml stops reading at depth 256: read as a whole page
        assert hostile["error"] is None
        assert any("read as a whole page" in n for n in hostile["notes"])
    else:
        assert "200,000 HTML elements" in hostile["error"]
