"""The output formats: the modules of claimcheck.reporters, and the CLI offers exactly them."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click
import pytest

import claimcheck.reporters
from claimcheck.cli import check
from claimcheck.outcome import RunSummary
from claimcheck.reporters import format_names, get_reporter, reporter_class


def _choices(command: click.Command, name: str) -> list[str]:
    """The choices of ``command``'s option ``name``."""
    (param,) = (p for p in command.params if p.name == name)
    assert isinstance(param.type, click.Choice)
    return [str(c) for c in param.type.choices]


def test_cli_offers_every_reporter_and_only_those() -> None:
    assert sorted(_choices(check, "fmt")) == sorted(format_names())
    assert set(format_names()) == {
        "concise", "csv", "github", "html", "json", "jsonl", "sarif", "text"}


@pytest.mark.parametrize("name", format_names())
def test_each_format_module_names_a_reporter(name: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    reporter = reporter_class(name)(out, err, False, ())
    reporter.start()
    reporter.finish(RunSummary())
    assert out.getvalue() or err.getvalue()


def test_a_new_module_is_a_new_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Adding a format is adding one module: nothing else names it."""
    (tmp_path / "tally.py").write_text(
        "class Tally:\n"
        "    def __init__(self, out, err, color, rules=()):\n"
        "        self.out = out\n"
        "    def start(self):\n        pass\n"
        "    def result(self, result):\n        pass\n"
        "    def finish(self, summary):\n        self.out.write('tally')\n"
        "REPORTER = Tally\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(claimcheck.reporters, "__path__", [*claimcheck.reporters.__path__,
                                                           str(tmp_path)])  # fmt: skip
    assert "tally" in format_names()
    out = io.StringIO()
    try:
        get_reporter("tally", out, io.StringIO(), None).finish(RunSummary())
    finally:
        sys.modules.pop("claimcheck.reporters.tally", None)
    assert out.getvalue() == "tally"


def test_base_and_unknown_names_are_no_format() -> None:
    assert "base" not in format_names()
    expected = ("unknown output format 'xml': use concise, csv, github, html, json, jsonl, "
                "sarif, text")
    with pytest.raises(ValueError, match=expected):
        reporter_class("xml")
