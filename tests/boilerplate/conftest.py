"""Fixtures for the CC4xx tests; `ruleset` and `linter` come from tests/conftest.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from claimcheck.api import FileResult, Linter
from claimcheck.extract.text import parse_plain

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def check(linter: Linter) -> Callable[[str], FileResult]:
    """Check one text on its own (a fresh cross-document run)."""

    def run(text: str, origin: str = "<text>") -> FileResult:
        linter.run_state.clear()
        return linter.check_document(parse_plain(origin, text))

    return run


@pytest.fixture
def fixture_text() -> Callable[[str], str]:
    """Read a hand-written fixture by file name."""
    return lambda name: (FIXTURES / name).read_text(encoding="utf-8")
