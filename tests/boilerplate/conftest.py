"""Shared fixtures for the boilerplate (CC4xx) tests: the real lexicon pack, one pipeline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from claimcheck.api import FileResult, Linter
from claimcheck.extract.text import parse_plain
from claimcheck.lexicon.loader import load_lexicon
from claimcheck.lexicon.model import RuleSet

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    """The default lexicon pack."""
    return load_lexicon()


@pytest.fixture(scope="session")
def linter(ruleset: RuleSet) -> Linter:
    """One linter with every rule enabled (cross-document state is reset per test use)."""
    return Linter(ruleset)


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
