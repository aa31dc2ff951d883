"""Spun copies (CC413) and their signals: split contractions either side of the apostrophe
(CC412), literal idioms (CC414) and translation typography (markers)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimcheck.api import FileResult

Check = Callable[[str], FileResult]

BODY = [
    "The drops are made from plants and sold in a small bottle.",
    "You put ten drops under the tongue before breakfast.",
    "Most buyers order three bottles at once.",
    "The company ships to every country in Europe.",
]


def _page(*odd: str) -> str:
    """A short page: four plain paragraphs with the odd sentences after them."""
    return "\n\n".join([*BODY, *odd]) + "\n"


@pytest.mark.parametrize("text", [
    "You don' t need a prescription.", "It isn' t cheap.", "They won' t tell you.",
    "We' ll show you how.", "I' m sure of it.",
])  # fmt: skip
def test_contraction_split_after_the_apostrophe(check: Check, text: str) -> None:
    assert [f.rule for f in check(text).findings if f.rule == "CC412"] == ["CC412"]


@pytest.mark.parametrize("text", [
    "You don't need a prescription.", "The users' tips are below.",
    "Read the 'don' list first.", "Patients' t-shirts are washed daily.",
])  # fmt: skip
def test_whole_contractions_and_possessives_pass(check: Check, text: str) -> None:
    assert not [f for f in check(text).findings if f.rule == "CC412"]


def test_literal_idiom_names_the_english_idiom(check: Check) -> None:
    (finding,) = [f for f in check("A new knee costs the eyes of the head.").findings
                  if f.rule == "CC414"]  # fmt: skip
    assert finding.text == "costs the eyes of the head"
    assert finding.suggestion.startswith("Write 'costs an arm and a leg'")


def test_three_signals_make_the_whole_page_a_copy(check: Check) -> None:
    text = _page("It is not my beer what you eat.", "You don' t have to starve.",
                 "Is it safe ? Yes, it is made from plants.")  # fmt: skip
    rules = {f.rule for f in check(text).findings}
    assert {"CC413", "CC412", "CC414"} <= rules
    covered = [f for f in check(text).findings if f.rule == "CC413"]
    assert any("plants" in f.text for f in covered)  # the plain paragraphs are reported too


def test_two_signals_are_not_enough(check: Check) -> None:
    text = _page("You don' t have to starve.", "Is it safe ? Yes, it is made from plants.")
    assert "CC413" not in {f.rule for f in check(text).findings}


def test_translation_spacing_alone_is_not_reported(check: Check) -> None:
    text = _page("Is it safe ? Yes, it is made from plants.")
    assert not [f for f in check(text).findings if f.category == "boilerplate"
                and "Is it safe" in f.text]  # fmt: skip
