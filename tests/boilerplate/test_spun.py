"""Spun text (CC410): the phrase list, plurals, capitalisation and the list file format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from claimcheck.api import FileResult
from claimcheck.errors import LexiconError
from claimcheck.lexicon.loader import read_pair_file
from claimcheck.lexicon.model import RuleSet
from claimcheck.lexicon.params import SpunParams
from claimcheck.rules.matchers import token_matcher
from claimcheck.rules.spun import expand, plural

Check = Callable[[str], FileResult]


def test_suggestion_names_the_original(check: Check) -> None:
    result = check("Kidney disappointment is a serious condition.")
    (finding,) = [f for f in result.findings if f.rule == "CC410"]
    assert finding.text == "Kidney disappointment"
    assert finding.suggestion == "Write 'Kidney failure'."
    assert "'Kidney failure'" in finding.message


def test_plural_forms_match(check: Check) -> None:
    result = check("Several hazard factors were measured.")
    (finding,) = [f for f in result.findings if f.rule == "CC410"]
    assert finding.text == "hazard factors" and "risk factors" in finding.message


def test_longest_phrase_wins(check: Check) -> None:
    result = check("She was treated for lung malignant growth.")
    assert [f.text for f in result.findings if f.rule == "CC410"] == ["lung malignant growth"]


@pytest.mark.parametrize(("word", "expected"), [
    ("growth", "growths"), ("tissue", "tissues"), ("ash", "ashes"), ("artery", "arteries"),
    ("day", "days"),
])  # fmt: skip
def test_plural(word: str, expected: str) -> None:
    assert plural(word) == expected


def test_expand_keeps_listed_plurals() -> None:
    pairs = dict(expand({"encompassing tissues": "surrounding tissues"}))
    assert pairs == {"encompassing tissues": "surrounding tissues"}


def test_list_is_large_and_cited(ruleset: RuleSet) -> None:
    rule = ruleset.rule("spun-text")
    assert rule is not None and len(rule.params_as(SpunParams).replacements) >= 150
    assert any("2107.06751" in ref for ref in rule.references)


def test_bad_pair_line_is_a_lexicon_error(tmp_path: Path) -> None:
    path = tmp_path / "pairs.txt"
    path.write_text("# comment\ngood phrase -> original\nno separator here\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="phrase -> replacement"):
        read_pair_file(path)


def test_line_patterns_compile(ruleset: RuleSet, linter: object) -> None:
    vocab = linter.nlp.vocab  # type: ignore[attr-defined]
    for rule in ruleset.rules:
        patterns = getattr(rule.params, "line_patterns", ())
        if patterns:
            assert len(token_matcher(vocab, rule, patterns)) == len(patterns)
