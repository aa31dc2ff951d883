"""Kind ``boilerplate``: ``existence`` plus patterns that only count as a whole line.

## What it does
Reports every match of the rule's ``patterns``/``phrases`` (through the shared rule ruler,
which labels them ``boilerplate`` so claim detection skips them) and of its
``line_patterns``, token patterns that count only when they make up their whole sentence,
punctuation aside: "Join WriteUpCafe" alone on a footer line, not "Join Dr Lee for a walk";
and of its ``regex`` patterns, for shapes made of characters rather than words (a phone
number such as "(503) 555-0142"). ``regex_guard`` is an optional cheap pattern that every
regex match contains (a regex led by ``\b`` and an alternation of words makes Python try
every position): a text without it skips the regexes.

With ``span: sentence`` each match grows to its whole sentence, and with ``span: block`` to
its whole block (a footer line, a "Related:" list), so a platform notice is reported (and can
be stripped) as one piece instead of several fragments. With ``follow_titles: N`` a match counts
only as a label ("See also: ...") or in a block that reads as a title, not prose (at most 16
words, no closing full stop: "You may also like"), and takes in the run of up to N such
blocks after it: the list of other articles it leads.

## Why is this bad?
Platform footers, sign-up prompts and site notices are not the author's text; an editor has
to strip them, and a checker must not read them as claims or caveats.

## Example
"Join WriteUpCafe" (a footer line) -> remove the platform's sign-up prompt.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, LOWER  # type: ignore[import-not-found]
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from claimcheck.lexicon.kinds import KIND_SPECS
from claimcheck.lexicon.model import Rule
from claimcheck.lexicon.params import BoilerplateParams
from claimcheck.nlp.arrays import member
from claimcheck.nlp.components import sentence_table
from claimcheck.nlp.listings import title_run
from claimcheck.rules.base import CheckContext
from claimcheck.rules.existence import Existence
from claimcheck.rules.matchers import MatcherCache, longest_matches, token_matcher

SPEC = KIND_SPECS["boilerplate"]


MAX_LINE_TOKENS = 10  # a button or footer line ("Add to Cart", "Join WriteUpCafe")


def line_anchors(patterns: list[list[dict[str, Any]]]) -> tuple[np.ndarray[Any, Any], ...] | None:
    """The string hashes that every line pattern's first token must have as LOWER or LEMMA
    (two sorted arrays), or None when a pattern's first token is optional or constrained
    otherwise: then every short sentence is tried."""
    lowers: set[int] = set()
    lemmas: set[int] = set()
    for pattern in patterns:
        first = pattern[0] if pattern else {}
        keys = [k for k in first if k != "OP"] if "OP" not in first else []
        if len(keys) != 1 or keys[0] not in ("LOWER", "LEMMA"):
            return None
        value = first[keys[0]]
        words = value.get("IN") if isinstance(value, dict) else [value]
        if not isinstance(words, list) or (isinstance(value, dict) and len(value) != 1):
            return None
        (lowers if keys[0] == "LOWER" else lemmas).update(get_string_id(str(w)) for w in words)
    return (np.array(sorted(lowers), dtype=np.uint64), np.array(sorted(lemmas), dtype=np.uint64))


def anchored(doc: Doc, anchors: tuple[np.ndarray[Any, Any], ...]) -> list[int]:
    """Prefix counts of the tokens that carry an anchor: tokens ``a:b`` hold one when
    ``out[b] - out[a]`` is positive."""
    hit = member(doc.to_array(LOWER), anchors[0]) | member(doc.to_array(LEMMA), anchors[1])
    out: list[int] = np.concatenate(([0], np.cumsum(hit))).tolist()
    return out


def whole_sentence(span: Span) -> bool:
    """True when everything else in the span's sentence is punctuation or space."""
    sent = span.sent
    outside = [*sent[: span.start - sent.start], *sent[span.end - sent.start :]]
    return all(t.is_punct or t.is_space for t in outside)


class Boilerplate(Existence):
    """Existence matches plus whole-line matches of ``line_patterns``."""

    spec = SPEC

    def __init__(self) -> None:
        self._cache = MatcherCache()
        self._regex: dict[str, re.Pattern[str] | None] = {}

    def _compiled_regex(self, rule: Rule) -> re.Pattern[str] | None:
        """The rule's ``regex`` patterns as one compiled pattern (None without any)."""
        if rule.id not in self._regex:
            patterns = [str(p) for p in rule.params_as(BoilerplateParams).regex]
            self._regex[rule.id] = _joined(patterns) if patterns else None
        return self._regex[rule.id]

    def _compiled_guard(self, rule: Rule) -> re.Pattern[str] | None:
        """The rule's ``regex_guard`` compiled (None without one)."""
        key = f"{rule.id} guard"
        if key not in self._regex:
            guard = rule.params_as(BoilerplateParams).regex_guard
            self._regex[key] = re.compile(str(guard), re.IGNORECASE) if guard else None
        return self._regex[key]

    def _matches(self, ctx: CheckContext, rule: Rule) -> list[tuple[int, int]]:
        """Ruler and modifier matches, then line patterns that fill their sentence."""
        out = super()._matches(ctx, rule)
        line_patterns = rule.params_as(BoilerplateParams).line_patterns
        patterns: list[list[dict[str, Any]]] = list(line_patterns)
        if patterns:
            matcher: Matcher = self._cache.get(
                ctx.doc.vocab, rule, "line_patterns",
                lambda: token_matcher(ctx.doc.vocab, rule, patterns),
            )  # fmt: skip
            anchors = self._cache.get(ctx.doc.vocab, rule, "line_anchors",
                                      lambda: line_anchors(patterns))  # fmt: skip
            present = anchored(ctx.doc, anchors) if anchors is not None else None
            for start, end in sentence_table(ctx.doc).tokens:
                if present is not None and not present[end] - present[start]:
                    continue  # no word a line pattern can start with
                if end - start <= MAX_LINE_TOKENS:  # a whole line is short: only short ones match
                    sent = ctx.doc[start:end]
                    out += [(s.start_char, s.end_char) for _, s in longest_matches(matcher, sent)
                            if whole_sentence(s)]  # fmt: skip
        rx = self._compiled_regex(rule)
        guard = self._compiled_guard(rule)
        if guard is not None and not guard.search(ctx.document.text):
            rx = None  # the text lacks what every match holds
        if rx is not None:  # shapes of characters: phone numbers, split contractions
            out += [(m.start(), m.end()) for m in rx.finditer(ctx.document.text)]
        follow = rule.params_as(BoilerplateParams).follow_titles
        if follow:  # before the span grows to the block
            text = ctx.document.text
            blocks = [(b.start, b.end, b.role) for b in ctx.document.blocks]
            runs = (title_run(text, blocks, start, end, follow) for start, end in out)
            out = [run for run in runs if run is not None]
        if rule.params_as(BoilerplateParams).span == "sentence":
            out = [sentence_bounds(ctx, start, end) for start, end in out]
        elif rule.params_as(BoilerplateParams).span == "block":
            out = [block_bounds(ctx, start, end) for start, end in out]
        return out


def _joined(patterns: list[str]) -> re.Pattern[str]:
    """One case-insensitive pattern for a rule's regexes: the text is scanned once."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def block_bounds(ctx: CheckContext, start: int, end: int) -> tuple[int, int]:
    """Grow a match to the block it starts in (its sentence when it lies in no block)."""
    block = ctx.document.block_at(start)
    if block is None:
        return sentence_bounds(ctx, start, end)
    return min(block.start, start), max(block.end, end)


def sentence_bounds(ctx: CheckContext, start: int, end: int) -> tuple[int, int]:
    """Grow a match to the sentence(s) it lies in, without surrounding whitespace."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return start, end
    table = sentence_table(ctx.doc)  # looked up by bisection: Token.sent walks the doc
    first = bisect_right(table.tokens, (span.start, math.inf)) - 1
    last = bisect_right(table.tokens, (span.end - 1, math.inf)) - 1
    text = ctx.document.text
    s, e = table.chars[first][0], table.chars[last][1]
    s += len(text[s:e]) - len(text[s:e].lstrip())
    e -= len(text[s:e]) - len(text[s:e].rstrip())
    return (min(s, start), max(e, end)) if s < e else (start, end)
