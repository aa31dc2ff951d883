"""A RuleSet compiled to spaCy SpanRuler pattern dicts ``{"label", "pattern", "id"}``.

Each entry comes with where it was written, so a bad pattern names its origin. The pipeline
(``claimcheck.nlp.pipeline``) adds these to its rulers; ``lexicon validate`` and
``lexicon export`` read the same list.
"""

from __future__ import annotations

from typing import Any

from claimcheck.lexicon.model import RuleSet

__all__ = ["all_patterns", "claim_patterns", "modifier_patterns", "rule_patterns"]

Pattern = tuple[str, dict[str, Any]]  # (origin, SpanRuler pattern dict)


def claim_patterns(rs: RuleSet) -> list[Pattern]:
    """Claim triggers: label = claim kind, id = pattern name."""
    return [
        (f"claims pattern '{p.name}'", {"label": p.kind, "pattern": p.pattern, "id": p.name})
        for p in rs.claim_patterns
    ]


def modifier_patterns(rs: RuleSet) -> list[Pattern]:
    """Modifier phrases and token patterns: label = type, id = group id."""
    out: list[Pattern] = []
    for g in rs.modifiers:
        for p in (*g.phrases, *g.patterns):
            out.append((f"modifier group {g.id}", {"label": g.type, "pattern": p, "id": g.id}))
    return out


def rule_patterns(rs: RuleSet) -> list[Pattern]:
    """Pattern-based rules (existence kinds): label = category, id = rule id (SpanRuler ids)."""
    return [
        (f"{r.source_file} rule {r.id}", {"label": r.category, "pattern": p, "id": r.id})
        for r in rs.rules
        if r.status != "removed"
        for p in r.patterns
    ]


def all_patterns(rs: RuleSet) -> list[Pattern]:
    """Every SpanRuler pattern of the pack, with where it comes from."""
    return claim_patterns(rs) + modifier_patterns(rs) + rule_patterns(rs)
