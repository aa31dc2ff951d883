"""Keyword stuffing (CC420) and promotional density (CC421) thresholds."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimcheck.api import FileResult
from claimcheck.lexicon.model import RuleSet
from claimcheck.lexicon.params import StuffingParams
from claimcheck.rules.stuffing import limit_for

Check = Callable[[str], FileResult]
FILLER = (
    "The weather was mild and the garden needed work, so we spent the afternoon "
    "weeding beds, tying up beans and talking with neighbours over the fence. "
)  # 25 words


def _words(n: int) -> str:
    """``n`` distinct made-up words ('qab qac ...'), so filler repeats no phrase."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return " ".join("q" + letters[i // 26 % 26] + letters[i % 26] for i in range(n)) + "."


def _doc(phrase: str, uses: int, words: int) -> str:
    """A text of about ``words`` words using ``phrase`` ``uses`` times, one use per sentence."""
    sentences = [f"This is {phrase}." for _ in range(uses)]
    used = uses * (2 + len(phrase.split()))
    return " ".join(sentences) + " " + _words(max(0, words - used))


def _stuffing(result: FileResult) -> list[str]:
    return [f.text for f in result.findings if f.rule == "CC420"]


def test_limits_come_from_the_lexicon(ruleset: RuleSet) -> None:
    rule = ruleset.rule("keyword-stuffing")
    assert rule is not None
    limits = {int(k): float(v) for k, v in rule.params_as(StuffingParams).max_share.items()}
    assert limit_for(limits, 2) == pytest.approx(0.065)
    assert limit_for(limits, 9) == limit_for(limits, 4)


@pytest.mark.parametrize(("uses", "flagged"), [(12, False), (18, False), (22, True), (30, True)])
def test_two_word_threshold(check: Check, uses: int, flagged: bool) -> None:
    # 2-word limit is 6.5 % of words: 19.5 uses in 600 words
    text = _doc("foam rolling", uses, 600)
    assert bool(_stuffing(check(text))) is flagged


def test_finding_points_at_first_use(check: Check) -> None:
    text = "Intro sentence here. " + _doc("foam rolling", 30, 600)
    result = check(text)
    (finding,) = [f for f in result.findings if f.rule == "CC420"]
    assert finding.text == "foam rolling" and finding.start == text.index("foam rolling")
    assert finding.topic == "keyword-stuffing" and "keyword-stuffing" in finding.name


def test_stopword_only_phrases_are_ignored(check: Check) -> None:
    text = " ".join(["It is what it is and we are where we are."] * 40)
    assert _stuffing(check(text)) == []


def test_min_count_and_min_words(check: Check) -> None:
    assert _stuffing(check("Foam rolling. " * 9)) == []  # too short a document
    assert _stuffing(check(_doc("foam rolling", 9, 150))) == []  # fewer than min_count uses


def test_promotional_density(check: Check) -> None:
    hype = (
        "This amazing cream is a miracle! The results are incredible and instant! "
        "It is the ultimate, unbeatable, life-changing formula! "
    )
    text = hype * 2 + FILLER * 4
    result = check(text)
    (finding,) = [f for f in result.findings if f.rule == "CC421"]
    assert finding.topic == "promotional-language" and finding.text == "amazing"
    calm = "The cream is amazing to some people, but it did not help me! " + FILLER * 6
    assert not [f for f in check(calm).findings if f.rule == "CC421"]
