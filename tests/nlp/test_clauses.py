"""Hedge scope stops at clause boundaries the punctuation shows (nlp/clauses.py), and a
limitation in the next sentence caveats the claim before it (issue 12, item 3)."""

from __future__ import annotations

import pytest

from claimcheck.api import Linter
from claimcheck.claims import Claim
from claimcheck.extract.text import parse_plain
from claimcheck.nlp.clauses import MAIN, Subclauses

CLAUSES = Subclauses(frozenset({"although", "if"}), frozenset({"which", "while"}))


def words(text: str) -> list[str]:
    return text.lower().replace(",", " ,").replace("(", "( ").replace(")", " )").split()


def test_a_fronted_clause_runs_to_its_first_comma() -> None:
    ws = words("Although costs may rise, the drug works")
    region = CLAUSES.regions(ws)
    assert region[: ws.index(",")] == [1] * ws.index(",")
    assert region[ws.index(",") :] == [MAIN] * (len(ws) - ws.index(","))


def test_a_following_clause_runs_to_the_next_comma_or_the_end() -> None:
    ws = words("The drug works , which may surprise some , in most adults")
    region = CLAUSES.regions(ws)
    which = ws.index("which")
    assert region[:which] == [MAIN] * which
    assert set(region[which : which + 4]) == {which + 1}
    assert region[-3:] == [MAIN] * 3


def test_parentheses_are_a_clause_and_a_comma_free_sentence_is_one() -> None:
    ws = words("The drug (possibly) works")
    assert CLAUSES.regions(ws) == [MAIN, MAIN, 3, 3, 3, MAIN]
    assert set(CLAUSES.regions(words("Although it may help it works"))) == {MAIN}
    assert set(Subclauses(frozenset(), frozenset()).regions(words("A, which b"))) == {MAIN}


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def claim_of(linter: Linter, text: str) -> Claim:
    result = linter.check_document(parse_plain("t", text))
    assert len(result.claims) == 1, result.claims
    return result.claims[0]


@pytest.mark.parametrize(
    "text",
    [
        "Although the mechanism may involve serotonin, ginger reduces nausea in pregnancy.",
        "Ginger reduces nausea in pregnancy, which may reflect its warming taste.",
        "Ginger reduces nausea (possibly through serotonin receptors) in pregnancy.",
    ],
)
def test_a_hedge_in_another_clause_does_not_hedge_the_claim(linter: Linter, text: str) -> None:
    claim = claim_of(linter, text)
    assert claim.strength == "strong" and not claim.caveats


@pytest.mark.parametrize(
    "text",
    [
        "Although ginger may reduce nausea, it is not a cure.",
        "Ginger may reduce nausea in pregnancy, which is common.",
        "If taken early, ginger may reduce nausea in pregnancy.",
    ],
)
def test_a_hedge_in_the_claims_own_clause_still_does(linter: Linter, text: str) -> None:
    assert claim_of(linter, text).strength == "hedged"


def test_a_limitation_in_the_next_sentence_caveats_the_claim(linter: Linter) -> None:
    claim = claim_of(linter, "Ginger reduces nausea. However, this effect may not last long.")
    assert claim.support == "caveated" and claim.strength == "strong"
    assert [m.type for m in claim.caveats] == ["limitation"]


def test_a_new_claim_in_the_next_sentence_is_no_limitation(linter: Linter) -> None:
    text = "Ginger reduces nausea. It may also ease bloating."
    result = linter.check_document(parse_plain("t", text))
    first = min(result.claims, key=lambda c: c.start)
    assert first.support == "unsupported"
