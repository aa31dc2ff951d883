"""Scare quotes and navigation trails (nlp/mentions.py) are shown wording, not claims."""

from __future__ import annotations

from claimcheck.api import Linter
from claimcheck.extract.text import parse_plain


def claim_texts(linter: Linter, text: str) -> list[str]:
    return [c.text for c in linter.check_document(parse_plain("t", text)).claims]


def test_a_scare_quoted_wording_is_no_claim(linter: Linter) -> None:
    assert claim_texts(linter, 'After two years we stopped looking for a "miracle" cure.') == []
    drips = "Clinics sell \u201cimmune boosting\u201d drips to tired people."
    assert claim_texts(linter, drips) == []


def test_the_same_wording_unquoted_is_a_claim(linter: Linter) -> None:
    assert claim_texts(linter, "After two years we found a miracle cure.")


def test_a_quoted_statement_or_object_stays_a_claim(linter: Linter) -> None:
    # more than three words quoted: someone's statement, reported
    assert claim_texts(linter, 'He says the tea "clears eczema in a week" for everyone.')
    # the quotes mark a term inside the wording, which starts outside them
    assert claim_texts(linter, "The drops melt away \u2018arthritis\u2019 pain overnight.")


def test_a_navigation_trail_is_no_claim(linter: Linter) -> None:
    trail = "Home \u203a Conditions \u203a Back pain relief \u203a Treatments"
    assert claim_texts(linter, trail) == []
    assert claim_texts(linter, "Home > Conditions > Back pain relief > Treatments") == []
