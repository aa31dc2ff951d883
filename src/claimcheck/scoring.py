"""The document risk score: 0 (nothing unsupported) to 100 (dense, strong, unsupported claims).

Each claim earns points by how unsupported it is (unsupported 1.0, caveated 0.4, sourced 0)
times how strongly it is worded (absolute 2.0, strong 1.0, hedged 0.6); each vague attribution
adds 0.5. The points per 100 words, d, map to ``round(100 * (1 - exp(-d / 2)))``: one
unsupported plain claim per 100 words scores 39, two score 63, four or more score over 86.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from claimcheck.claims import Claim, Modifier

SUPPORT_POINTS = {"unsupported": 1.0, "caveated": 0.4, "sourced": 0.0}
STRENGTH_WEIGHT = {"absolute": 2.0, "strong": 1.0, "hedged": 0.6}
VAGUE_POINTS = 0.5
SCALE = 2.0
# science-register wording (causal.yml): on consumer pages mostly risk statements, not claims
UNSCORED_KINDS = frozenset({"association", "causal"})


def risk_score(claims: Iterable[Claim], modifiers: Iterable[Modifier], words: int) -> int:
    """Compute the 0-100 risk score of one document."""
    points = sum(
        SUPPORT_POINTS[c.support] * STRENGTH_WEIGHT[c.strength]
        for c in claims
        if not c.negated and c.kind not in UNSCORED_KINDS
    )
    points += VAGUE_POINTS * sum(1 for m in modifiers if m.type == "vague-attribution")
    if words <= 0 or points <= 0:
        return 0
    density = 100.0 * points / words
    return round(100 * (1 - math.exp(-density / SCALE)))
