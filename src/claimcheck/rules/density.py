"""Kind ``density``: listed words and marks per 1,000 words over a threshold.

## What it does
Counts the rule's ``terms`` (case-insensitive phrases) and ``marks`` (characters such as
"!") in the document, and reports once when there are at least ``min_count`` of them and
more than ``threshold_per_1000_words`` (proselint's ``ppm_threshold``, Vale's ``occurrence``).

## Why is this bad?
Exclamation marks, "amazing", "miracle" and superlatives in bulk are the tone of advertising;
in health writing they push readers towards a product instead of informing them.

## Example
"This amazing, incredible, life-changing therapy is the best!!!" -> describe effects plainly.

The terms are matched by the kind itself, not the shared rule ruler, so counting them never
hides a claim ("a miracle cure") from the claim rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimcheck.findings import Finding
from claimcheck.lexicon.kinds import KIND_SPECS
from claimcheck.lexicon.model import Rule
from claimcheck.lexicon.params import DensityParams
from claimcheck.nlp.phrases import PhraseIndex
from claimcheck.rules.base import CheckContext
from claimcheck.rules.matchers import MatcherCache, longest_matches, phrase_matcher

SPEC = KIND_SPECS["density"]


class Density:
    """One document-level finding when listed terms and marks are too dense."""

    spec = SPEC

    def __init__(self) -> None:
        self._cache = MatcherCache()

    def evaluate(self, ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
        """Yield at most one finding, at the first counted term or mark."""
        words = ctx.alpha_words
        if words < rule.params_as(DensityParams).min_words:
            return
        hits = self._hits(ctx, rule)
        threshold = rule.params_as(DensityParams).threshold_per_1000_words
        rate = len(hits) * 1000 / words
        if len(hits) < rule.params_as(DensityParams).min_count or rate <= threshold:
            return
        start, end = hits[0]
        shown = sorted({ctx.document.text[s:e].lower() for s, e in hits})[:6]
        values = {
            "count": str(len(hits)), "words": str(words), "rate": f"{rate:.0f}",
            "threshold": f"{threshold:g}", "examples": ", ".join(repr(x) for x in shown),
        }  # fmt: skip
        yield ctx.finding(rule, start, end, values, rule.params_as(DensityParams).boilerplate_kind)

    def phrases(self, rule: Rule) -> list[str]:
        """The terms the rule counts."""
        return [str(t) for t in rule.params_as(DensityParams).terms]

    def _hits(self, ctx: CheckContext, rule: Rule) -> list[tuple[int, int]]:
        """Character spans of every term match and every listed mark, in text order."""
        terms = self.phrases(rule)
        matcher: PhraseIndex = self._cache.get(
            ctx.doc.vocab, rule, "terms", lambda: phrase_matcher(ctx.doc.vocab, terms)
        )
        hits = [(s.start_char, s.end_char) for _, s in longest_matches(matcher, ctx.doc)]
        marks = frozenset(str(m) for m in rule.params_as(DensityParams).marks)
        text = ctx.document.text
        chars = "".join(re.escape(m) for m in sorted(marks) if len(m) == 1)  # marks are characters
        if chars:
            found = (m.start() for m in re.finditer(f"[{chars}]", text))
            hits += [(i, i + 1) for i in found if _not_in_url(text, i)]
        return sorted(hits)


def _not_in_url(text: str, i: int) -> bool:
    """False for a mark inside a URL-like word (``#!/``, ``?a=b!``)."""
    word_start = max(text.rfind(" ", 0, i), text.rfind("\n", 0, i)) + 1
    return "/" not in text[word_start:i]
