"""Kind ``spun_copy``: a whole document that is a spun or obfuscated copy.

## What it does
Counts the findings of the ``signal_rules`` (spun phrases, look-alike letters, split
contractions) in a document, plus its round-trip translation ``markers`` ("you'll be able
to", "comparable to", "1000's of": grammatical, but rare in writing people do themselves;
matched by token, case-insensitively) and
the matches of its ``marker_regex`` (typography a translation tool leaves, such as a space
before a question mark); markers count as signals but are not reported on their own.
When there are at least ``min_signals`` of them and at least ``min_density`` per 100 words,
every block without a finding is reported too, and in a block with one, every sentence
without one: a spinning tool or a bad translator rewrote
the whole text, not a phrase. A sentence-shuffled copy shows its signposts out of order ("In
conclusion" in the first third, "secondly" before "firstly"): that counts as ``min_signals``
by itself.

## Why is this bad?
A spun copy is someone else's article passed through a synonym or translation tool to fool
duplicate checks. Its plain-looking sentences are as copied as the garbled ones; an editor
should reject the text, not polish its worst phrases.

## Example
A post with "persistent torment", "do n't" and Cyrillic look-alike letters: every block is
reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from claimcheck.findings import Finding
from claimcheck.lexicon.kinds import KIND_SPECS
from claimcheck.lexicon.model import Rule
from claimcheck.lexicon.params import SpunCopyParams
from claimcheck.nlp.components import sentence_table
from claimcheck.nlp.phrases import PhraseIndex
from claimcheck.nlp.scope import Intervals
from claimcheck.rules.base import CheckContext
from claimcheck.rules.matchers import MatcherCache, phrase_matcher

SPEC = KIND_SPECS["spun_copy"]


_SIGNPOSTS = re.compile(
    r"(?im)^[^\w\n]{0,12}(?:(firstly|first of all)|(secondly)|(thirdly)|(in conclusion|to sum up|"
    r"to conclude|in summary))\b"
)


def shuffled(text: str) -> bool:
    """Whether the text's signposts are out of order: a conclusion in the first third, or a
    "secondly"/"thirdly" before the "firstly" (blocks and sentences starting with them)."""
    order: list[tuple[int, int]] = []  # (rank, offset): 1 firstly, 2 secondly, 3 thirdly, 4 end
    for m in _SIGNPOSTS.finditer(text.replace(". ", ".\n")):
        rank = next(i for i, g in enumerate(m.groups(), start=1) if g)
        order.append((rank, m.start()))
    if any(rank == 4 and at < len(text) / 3 for rank, at in order):
        return True
    ranks = [rank for rank, _ in order if rank < 4]
    return any(a > b for a, b in pairwise(ranks))


class SpunCopy:
    """Report every block of a document with enough spinning signals."""

    spec = SPEC

    def __init__(self) -> None:
        self._cache = MatcherCache()
        self._regex: dict[str, re.Pattern[str] | None] = {}

    def phrases(self, rule: Rule) -> list[str]:
        """The marker phrases the rule looks up (tokenized when the pipeline is built)."""
        return [str(m) for m in rule.params_as(SpunCopyParams).markers]

    def _marker_count(self, ctx: CheckContext, rule: Rule) -> int:
        """How many markers the text holds: listed phrases (looked up by token, like the
        spun-phrase kind) and matches of the marker regexes."""
        phrases = self.phrases(rule)
        count = 0
        if phrases:
            index: PhraseIndex = self._cache.get(
                ctx.doc.vocab, rule, "markers", lambda: phrase_matcher(ctx.doc.vocab, phrases)
            )  # fmt: skip
            count += len(index.find(ctx.doc))
        if rule.id not in self._regex:
            listed = [f"(?:{rx})" for rx in rule.params_as(SpunCopyParams).marker_regex]
            self._regex[rule.id] = re.compile("|".join(listed)) if listed else None
        rx = self._regex[rule.id]
        if rx is not None:
            count += sum(1 for _ in rx.finditer(ctx.document.text))
        return count

    def evaluate(self, ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
        """Yield one finding per block without a signal of its own, in a spun document."""
        spans: list[tuple[int, int]] = []
        for rid in rule.params_as(SpunCopyParams).signal_rules:
            other = ctx.ruleset.rule(rid)
            if other is None or other.status == "removed":
                continue
            spans += [(f.start, f.end) for f in ctx.findings_of(other)]
        text = ctx.document.text
        signals = len(spans) + self._marker_count(ctx, rule)
        if rule.params_as(SpunCopyParams).shuffle_check and shuffled(text):
            signals += rule.params_as(SpunCopyParams).min_signals
        words = max(1, len(text.split()))
        if signals < rule.params_as(SpunCopyParams).min_signals:
            return
        if 100 * signals / words < rule.params_as(SpunCopyParams).min_density:
            return
        values = {"signals": str(signals)}
        topic = rule.params_as(SpunCopyParams).boilerplate_kind
        sentences = sentence_table(ctx.doc).chars
        signalled = Intervals(spans)
        for block in ctx.document.blocks:
            if not signalled.overlaps(block.start, block.end):
                parts = [(block.start, block.end)]
            else:  # the signal rule reports its own sentence; the block's others are copied too
                parts = [(max(a, block.start), min(b, block.end)) for a, b in sentences
                         if a < block.end and block.start < b
                         and not signalled.overlaps(a, b)]  # fmt: skip
            for start, end in parts:
                if any(ch.isalpha() for ch in text[start:end]):
                    yield ctx.finding(rule, start, end, values, topic)
