"""Kind ``stuffing``: one short phrase takes an abnormal share of a document's words.

## What it does
Counts every phrase of 1 to ``max_phrase_words`` words inside sentences (runs of words, not
crossing punctuation) whose first and last words are content words, not stopwords. A phrase's
share is ``count * phrase_words / document_words``; the document is reported once, at the
first use of the phrase whose share most exceeds its limit (``max_share`` by phrase length).

## Why is this bad?
Repeating a search keyphrase far beyond what the topic needs is written for search engines,
not readers: a signal of SEO filler in guest posts.

## Example
"dry needling" 20 times in 560 words (7 % of the words) -> vary the wording, cut repetition.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc

from claimcheck.findings import Finding
from claimcheck.lexicon.model import Rule
from claimcheck.rules.base import COMMON_PLACEHOLDERS, CheckContext, KindSpec

SPEC = KindSpec(
    required=frozenset({"max_share"}),
    optional=frozenset({"max_phrase_words", "min_count", "min_words", "boilerplate_kind"}),
    placeholders=COMMON_PLACEHOLDERS | {"phrase", "count", "words", "share", "limit"},
)


@dataclass(frozen=True)
class PhraseUse:
    """How often a phrase occurs and where it first does (character offsets)."""

    phrase: str
    words: int
    count: int
    start: int
    end: int


_RUN_ATTRS: list[int | str] = ["SENT_START", "IS_ALPHA", "IS_STOP", "LENGTH", "IDX", "LOWER"]


class _Run(NamedTuple):
    """Consecutive words of one sentence: lower-case forms, content flags, character bounds."""

    lowers: list[str]
    content: list[bool]
    starts: list[int]
    ends: list[int]


def _runs(doc: Doc) -> Iterator[_Run]:
    """Runs of consecutive words within a sentence (punctuation and spaces break them).

    A content word (one that may start or end a counted phrase) is alphabetic, not a stopword
    and longer than one character. Read as arrays: no Token objects are made.
    """
    if not len(doc):
        return
    strings = doc.vocab.strings
    cols = doc.to_array(_RUN_ATTRS).T.tolist()
    sent_start, alpha, stop, length, idx, lower = cols
    run = _Run([], [], [], [])
    for i, is_alpha in enumerate(alpha):
        if run.lowers and (not is_alpha or (i and sent_start[i] == 1)):
            yield run
            run = _Run([], [], [], [])
        if is_alpha:
            run.lowers.append(strings[lower[i]])
            run.content.append(not stop[i] and length[i] > 1)
            run.starts.append(idx[i])
            run.ends.append(idx[i] + length[i])
    if run.lowers:
        yield run


def phrase_uses(doc: Doc, max_words: int) -> list[PhraseUse]:
    """Every counted phrase of 1..max_words words with its count and first position."""
    counts: dict[tuple[str, ...], int] = {}
    first: dict[tuple[str, ...], tuple[int, int]] = {}
    for lowers, content, starts, ends in _runs(doc):
        for n in range(1, max_words + 1):
            for i in range(len(lowers) - n + 1):
                last = i + n - 1
                if not (content[i] and content[last]):
                    continue
                key = tuple(lowers[i : last + 1])
                if key in counts:
                    counts[key] += 1
                else:  # insertion order = the order of first uses, as before
                    counts[key] = 1
                    first[key] = (starts[i], ends[last])
    return [PhraseUse(" ".join(k), len(k), c, *first[k]) for k, c in counts.items()]


def limit_for(limits: Mapping[int, float], n: int) -> float:
    """The share limit for an n-word phrase: its own entry, else the longest one below."""
    keys = sorted(k for k in limits if int(k) <= n)
    return float(limits[keys[-1]]) if keys else float(min(limits.values()))


class Stuffing:
    """One document-level finding for the most over-used phrase, if any is over its limit."""

    spec = SPEC

    def evaluate(self, ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
        """Yield at most one finding, at the phrase's first use."""
        words = ctx.alpha_words
        if words < int(rule.param("min_words", 150)):
            return
        limits = {int(k): float(v) for k, v in dict(rule.param("max_share")).items()}
        min_count = int(rule.param("min_count", 10))
        best: tuple[float, PhraseUse] | None = None
        for use in phrase_uses(ctx.doc, int(rule.param("max_phrase_words", 4))):
            if use.count < min_count:
                continue
            ratio = use.count * use.words / words / limit_for(limits, use.words)
            if ratio > 1 and (best is None or ratio > best[0]):
                best = (ratio, use)
        if best is None:
            return
        use = best[1]
        values = {
            "phrase": use.phrase, "count": str(use.count), "words": str(words),
            "share": f"{use.count * use.words / words:.1%}",
            "limit": f"{limit_for(limits, use.words):.0%}",
        }  # fmt: skip
        yield ctx.finding(rule, use.start, use.end, values, rule.param("boilerplate_kind"))
