"""Whole documents: a spammy guest post reports every boilerplate kind; clean texts report none."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from claimcheck.api import FileResult, check_file

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("CLAIMCHECK_SHARED", str(ROOT.parent / "shared")))
SEED = SHARED / "corpus" / "dry-needling"
Check = Callable[[str], FileResult]


def _boilerplate(result: FileResult) -> list[tuple[str, str]]:
    return [(f.topic or "", f.text) for f in result.findings if f.category == "boilerplate"]


def test_guest_post_reports_each_kind(check: Check, fixture_text: Callable[[str], str]) -> None:
    text = fixture_text("guest_post.txt")
    found = _boilerplate(check(text))
    kinds = {k for k, _ in found}
    assert kinds >= {
        "platform-disclaimer", "platform-call-to-action", "template-opener", "template-closer",
        "call-to-action", "generic-disclaimer", "spun-text", "keyword-stuffing",
    }  # fmt: skip
    assert ("platform-call-to-action", "Join HealthyHabits") in found
    assert ("spun-text", "encompassing muscles") in found
    assert any(k == "template-closer" and "That's all for today" in t for k, t in found)


def test_platform_notice_is_reported_whole_sentence(check: Check) -> None:
    text = "Notice: This is a user generated content submitted by a member of the Quill Community."
    (finding,) = [f for f in check(text).findings if f.rule == "CC401"]
    assert finding.text == text and finding.severity.name == "WARNING"


@pytest.mark.parametrize(
    "name", ["travel.txt", "cooking.txt", "careful_health.txt", "nhs_style.txt"]
)
def test_clean_texts_have_no_boilerplate(
    check: Check, fixture_text: Callable[[str], str], name: str
) -> None:
    assert _boilerplate(check(fixture_text(name))) == []


def test_careful_page_keeps_its_claims_and_plain_in_conclusion(
    check: Check, fixture_text: Callable[[str], str]
) -> None:
    text = fixture_text("careful_health.txt")
    assert "In conclusion," in text
    result = check(text)
    assert result.claims, "boilerplate rules must not hide the page's claims"
    assert not [f for f in result.findings if f.rule == "CC404"]


def test_spun_phrase_does_not_hide_a_claim(check: Check) -> None:
    result = check("This herbal tea cures arthritis and bosom malignant growth.")
    assert [f.rule for f in result.findings if f.topic == "spun-text"] == ["CC410"]
    assert result.claims


def test_generic_disclaimer_is_not_a_caveat(check: Check) -> None:
    text = (
        "Magnet bracelets relieve arthritis pain. This article is for informational "
        "purposes only and is not a substitute for professional medical advice."
    )
    result = check(text)
    (claim,) = result.claims
    assert claim.support == "unsupported" and not claim.caveats


def test_generic_disclaimer_is_reported_as_info(check: Check) -> None:
    text = "This article is for informational purposes only. Ask your GP about knee pain."
    found = [f for f in check(text).findings if f.category == "boilerplate"]
    assert [(f.topic, str(f.severity)) for f in found] == [("generic-disclaimer", "info")]


def test_boilerplate_text_is_not_a_claim(check: Check) -> None:
    result = check("This pill is not intended to diagnose, treat, cure or prevent any disease.")
    assert not result.claims


@pytest.mark.skipif(not (SEED / "expected.yml").exists(), reason="seed corpus not present")
def test_seed_article_boilerplate_items() -> None:
    yaml = pytest.importorskip("yaml")
    text = (SEED / "article.txt").read_text(encoding="utf-8")
    expected = yaml.safe_load((SEED / "expected.yml").read_text(encoding="utf-8"))
    findings = [f for f in check_file(SEED / "article.txt").findings
                if f.category == "boilerplate"]  # fmt: skip
    for item in expected["boilerplate"]:
        start = text.index(item["quote"])
        end = start + len(item["quote"])
        if item.get("document_level"):
            assert any(item["kind"] in f.name for f in findings), item
        else:
            assert any(f.start < end and start < f.end and f.topic == item["kind"]
                       for f in findings), item  # fmt: skip
