"""Claim records produced by the context component and judged by the claim rules."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Modifier:
    """A caveat, source, vague attribution or context cue linked to a claim."""

    start: int
    end: int
    text: str
    type: str  # hedge, evidential, risk-disclosure, link, doi, vague-attribution, ...


@dataclass(frozen=True)
class Claim:
    """One sentence-level medical claim with everything linked to it.

    ``start``/``end`` cover the sentence; ``trigger_start``/``trigger_end`` cover the claim
    wording itself (from the first to the last trigger phrase), which findings point at.
    ``line``/``column`` to ``end_line``/``end_column`` are where ``start``/``end`` are in the
    source file (1-based; set by the linter from the document's source map, 0 until then).
    """

    start: int
    end: int
    text: str
    kind: str
    kinds: tuple[str, ...]
    strength: str  # absolute | strong | hedged
    support: str  # sourced | caveated | unsupported
    negated: bool
    attributed: bool
    trigger_start: int
    trigger_end: int
    trigger_token_start: int
    trigger_token_end: int
    caveats: tuple[Modifier, ...] = ()
    sources: tuple[Modifier, ...] = ()
    vague: tuple[Modifier, ...] = ()
    intensifiers: tuple[Modifier, ...] = ()
    # the cues that negate a negated claim: "negation" ("did not") or "rebuttal", an
    # evidence-level denial ("there is no evidence", "no proof") of the claim as a whole
    negations: tuple[Modifier, ...] = ()
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0


@dataclass(frozen=True)
class DocAnalysis:
    """What the context component found in one document, for the rule kinds to judge."""

    claims: tuple[Claim, ...]
    modifiers: tuple[Modifier, ...]  # every effective modifier (pseudo-pruned)
    sourced_sentences: frozenset[tuple[int, int]]  # (start, end) of sentences with a source
    has_reference_list: bool

    def types_present(self) -> frozenset[str]:
        """The modifier types found anywhere in the document."""
        return frozenset(m.type for m in self.modifiers)
