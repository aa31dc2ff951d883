"""The package root's typed API (issue 14 item 5)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import claimcheck


def test_import_claimcheck_does_not_load_spacy() -> None:
    code = "import sys, claimcheck; print('spacy' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("text", "Cupping cures back pain."),
        ("markdown", "# Cupping\n\nCupping *cures* back pain.\n"),
        ("html", "<html><body><p>Cupping cures back pain.</p></body></html>"),
    ],
)
def test_check_text_reads_each_format(fmt: str, text: str) -> None:
    result = claimcheck.check_text(text, format=fmt)  # type: ignore[arg-type]
    assert [c.kind for c in result.claims] == ["cure"]
    assert isinstance(result, claimcheck.FileResult)


def test_check_text_refuses_an_unknown_format_and_a_linter_with_a_config() -> None:
    with pytest.raises(ValueError, match="format must be one of"):
        claimcheck.check_text("x", format="pdf")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="either a linter or a config"):
        claimcheck.check_text("x", linter=claimcheck.Linter(), config=claimcheck.CheckOptions())


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = claimcheck.nothing  # type: ignore[attr-defined]
