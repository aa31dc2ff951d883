"""The document risk score: 0 (nothing unsupported, nothing promotional) and rising towards 100.

Each claim earns points by how unsupported it is (unsupported 1.0, caveated 0.4, sourced 0)
times how strongly it is worded (absolute 2.0, strong 1.0, hedged 0.6); each vague attribution
adds 0.5, and each promotional or template finding (a call to action, an author box, an
opener or closer, spun or stuffed text, hype) adds 0.3: a moderator ranks a sales page above a
careful one with the same claims. With d the points per 100 words, the score is
``round(100 * d / (d + 4))``: one unsupported plain claim per 100 words scores 20, four score
50, twelve 75. The curve never reaches 100, so documents keep their order at the top instead
of tying there; more or worse unsupported claims in the same text always score higher.
"""

from __future__ import annotations

from collections.abc import Iterable

from claimcheck.claims import Claim, Modifier
from claimcheck.findings import Finding

SUPPORT_POINTS = {"unsupported": 1.0, "caveated": 0.4, "sourced": 0.0}
STRENGTH_WEIGHT = {"absolute": 2.0, "strong": 1.0, "hedged": 0.6}
VAGUE_POINTS = 0.5
PROMO_POINTS = 0.3
HALF = 4.0  # points per 100 words that score 50
# boilerplate that sells or templates (not site notices, disclaimers or shared quotations)
PROMO_KINDS = frozenset({
    "call-to-action", "platform-call-to-action", "template-opener", "template-closer",
    "spun-text", "keyword-stuffing", "promotional-language", "author-box",
})  # fmt: skip


def risk_score(
    claims: Iterable[Claim], modifiers: Iterable[Modifier], words: int,
    findings: Iterable[Finding] = (), unscored: frozenset[str] = frozenset(),
) -> int:  # fmt: skip
    """Compute the risk score of one document (0 to 99 in practice). Claims of the
    ``unscored`` kinds do not count: science-register wording (``claim_kinds`` with
    ``science: true``) is on consumer pages mostly a risk statement, not a claim."""
    points = sum(
        SUPPORT_POINTS[c.support] * STRENGTH_WEIGHT[c.strength]
        for c in claims
        if not c.negated and c.kind not in unscored
    )
    points += VAGUE_POINTS * sum(1 for m in modifiers if m.type == "vague-attribution")
    points += PROMO_POINTS * sum(1 for f in findings if f.topic in PROMO_KINDS)
    if words <= 0 or points <= 0:
        return 0
    density = 100.0 * points / words
    return round(100 * density / (density + HALF))
