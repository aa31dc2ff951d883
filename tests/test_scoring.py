"""The risk score ranks: more and worse unsupported claims score higher, promotion adds, a
careful page scores below a promotional one, and the top does not saturate."""

from __future__ import annotations

from claimcheck.api import Linter
from claimcheck.claims import Claim
from claimcheck.findings import Finding, Severity
from claimcheck.scoring import risk_score
from tests.conftest import run_text


def claim(support: str = "unsupported", strength: str = "strong") -> Claim:
    """A minimal asserted claim record."""
    return Claim(
        start=0, end=1, text="x", kind="efficacy", kinds=("efficacy",), strength=strength,
        support=support, negated=False, attributed=False, trigger_start=0, trigger_end=1,
        trigger_token_start=0, trigger_token_end=1,
    )  # fmt: skip


def promo() -> Finding:
    """A call-to-action finding."""
    return Finding(
        rule="CC405", name="call-to-action", category="boilerplate", severity=Severity.WARNING,
        start=0, end=1, line=1, column=1, text="x", message="m", suggestion=None,
        topic="call-to-action",
    )  # fmt: skip


def test_more_and_worse_unsupported_claims_score_higher() -> None:
    one = risk_score([claim()], [], 300)
    two = risk_score([claim(), claim()], [], 300)
    worse = risk_score([claim(), claim(strength="absolute")], [], 300)
    caveated = risk_score([claim(), claim(support="caveated")], [], 300)
    sourced = risk_score([claim(), claim(support="sourced")], [], 300)
    assert sourced == one < caveated < two < worse


def test_calls_to_action_add_to_the_score() -> None:
    assert risk_score([claim()], [], 300, [promo(), promo()]) > risk_score([claim()], [], 300)


def test_the_score_does_not_saturate() -> None:
    dense = risk_score([claim(strength="absolute")] * 60, [], 200)
    denser = risk_score([claim(strength="absolute")] * 120, [], 200)
    assert dense < denser < 100


def test_a_promotional_page_ranks_above_a_careful_one(linter: Linter) -> None:
    promotional = (
        "Turmeric cures arthritis and melts away joint pain. It is completely safe. "
        "Book your consultation today and feel the difference!"
    )
    careful = (
        "Turmeric may ease knee pain a little in some people, according to a 2021 Cochrane "
        "review. It can upset the stomach, so ask a pharmacist if you take blood thinners."
    )
    assert run_text(linter, promotional).score > run_text(linter, careful).score
