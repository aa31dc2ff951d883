"""Shared fixtures: one Linter built from the real lexicons for the whole session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from claimcheck.api import CheckOptions, FileResult, Linter
from claimcheck.claims import Claim
from claimcheck.extract.markdown import parse_markdown
from claimcheck.extract.text import parse_plain
from claimcheck.lexicon.loader import load_lexicon
from claimcheck.lexicon.model import RuleSet
from claimcheck.rules.crossdoc import EXAMPLE_SEPARATOR


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests never write the user's cache folder (pipeline and HTTP caches)."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CLAIMCHECK_CACHE_DIR", str(folder))
        yield


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    """The shipped lexicon pack."""
    return load_lexicon()


@pytest.fixture(scope="session")
def linter(ruleset: RuleSet) -> Linter:
    """A linter with every stable rule enabled."""
    return Linter(ruleset)


@pytest.fixture(scope="session")
def preview(ruleset: RuleSet) -> Linter:
    """A linter with preview rules enabled too."""
    return Linter(ruleset, CheckOptions(preview=True))


@pytest.fixture(autouse=True)
def _fresh_run(request: pytest.FixtureRequest) -> None:
    """Each test is its own run: cross-document state must not leak between tests."""
    for name in ("linter", "preview"):
        if name in request.fixturenames:
            request.getfixturevalue(name).run_state.clear()


def run_text(linter: Linter, text: str) -> FileResult:
    """Check a snippet: Markdown when it has front matter, plain text otherwise.

    A snippet made of several documents joined by EXAMPLE_SEPARATOR is checked as one run,
    and the last document's result is returned (cross-document rules).
    """
    if EXAMPLE_SEPARATOR in text:
        linter.run_state.clear()
        parts = text.split(EXAMPLE_SEPARATOR)
        docs = [parse_plain(f"<example {i}>", t) for i, t in enumerate(parts)]
        return list(linter.check_many(docs))[-1]
    if text.startswith("---\n"):
        return linter.check_document(parse_markdown("<example>", text))
    return linter.check_document(parse_plain("<example>", text))


def asserted(linter: Linter, text: str) -> list[Claim]:
    """The claims of a snippet that are asserted (not negated)."""
    return [c for c in run_text(linter, text).claims if not c.negated]
