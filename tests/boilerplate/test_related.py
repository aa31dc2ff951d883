"""Lists of other articles (CC408): the lead line and the run of titles it leads."""

from __future__ import annotations

from collections.abc import Callable

from claimcheck.api import FileResult
from claimcheck.extract.text import parse_plain
from claimcheck.nlp.listings import title_line, title_run

Check = Callable[[str], FileResult]

PAGE = (
    "Warm milk before bed helped me sleep.\n\n"
    "Recommended from Sleepwell\n\n"
    "Ten Herbs That Calm Your Nerves Naturally\n\n"
    "Why I Gave Up Coffee For Good\n\n"
    "I tried a weighted blanket for a month and this is what I found out about it.\n"
)


def test_lead_and_titles_are_one_finding(check: Check) -> None:
    (finding,) = [f for f in check(PAGE).findings if f.rule == "CC408"]
    assert finding.text.startswith("Recommended from Sleepwell")
    assert finding.text.endswith("Why I Gave Up Coffee For Good")


def test_titles_are_still_checked_as_claims(check: Check) -> None:
    # a linked headline is a claim on the page (ANNOTATION.md: titles are claims); the list
    # is reported as boilerplate, its claims are not hidden
    result = check(PAGE)
    assert [c for c in result.claims if "Herbs" in c.text]


def test_inline_label_is_a_lead(check: Check) -> None:
    text = ("Sleep well.\n\nYou might also like: Green Juice Reset | My Morning Smoothie | "
            "Why I Quit Coffee And What Happened Next Week\n")
    assert [f.rule for f in check(text).findings if f.rule == "CC408"] == ["CC408"]


def test_prose_starting_with_related_is_not_a_lead(check: Check) -> None:
    text = ("Knee pain has many causes.\n\n"
            "Related conditions such as gout need other treatment, so see a GP.\n")
    assert not [f for f in check(text).findings if f.rule == "CC408"]


def test_title_line() -> None:
    assert title_line("Why I Gave Up Coffee For Good")
    assert title_line("Is Sports Massage Worth It?")
    assert not title_line("I gave up coffee.")
    assert not title_line(" ".join(["word"] * 17))


def test_title_run_stops_at_prose() -> None:
    doc = parse_plain("<t>", PAGE)
    blocks = [(b.start, b.end, b.role) for b in doc.blocks]
    lead = doc.text.index("Recommended")
    start, end = title_run(doc.text, blocks, lead, lead + 11, 12) or (0, 0)
    assert doc.text[start:end].endswith("For Good")
    assert title_run(doc.text, blocks, 0, 4, 12) is None  # the first block is prose
