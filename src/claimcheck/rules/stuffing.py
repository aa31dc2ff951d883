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

import numpy as np
from spacy.tokens import Doc

from claimcheck.findings import Finding
from claimcheck.lexicon.kinds import KIND_SPECS
from claimcheck.lexicon.model import Rule
from claimcheck.lexicon.params import StuffingParams
from claimcheck.rules.base import CheckContext

SPEC = KIND_SPECS["stuffing"]


@dataclass(frozen=True)
class PhraseUse:
    """How often a phrase occurs and where it first does (character offsets)."""

    phrase: str
    words: int
    count: int
    start: int
    end: int


_ATTRS: list[int | str] = ["SENT_START", "IS_ALPHA", "IS_STOP", "LENGTH", "IDX", "LOWER"]


def phrase_uses(doc: Doc, max_words: int, min_count: int = 1) -> list[PhraseUse]:
    """Every counted phrase of 1..max_words words used ``min_count`` times or more.

    Counted with numpy over the token arrays (no Token objects): an n-gram is one integer
    (its words' codes in base ``distinct words + 1``). A phrase inside a run of words (not
    crossing punctuation or a sentence start) counts when its first and last words are content
    words: alphabetic, not a stopword, longer than one character. The list is in the order of
    each phrase's first use, run by run and, within a run, shorter phrases first.
    """
    if not len(doc):
        return []
    raw = doc.to_array(_ATTRS)  # uint64: hashes stay unsigned, SENT_START -1 is 2**64 - 1
    arr = raw.astype(np.int64)
    alpha = arr[:, 1] == 1
    new_run = alpha & (~np.r_[False, alpha[:-1]] | (arr[:, 0] == 1))
    words = np.flatnonzero(alpha)
    if not words.size:
        return []
    run = np.cumsum(new_run)[words] - 1
    pos = np.arange(words.size) - np.flatnonzero(new_run[words])[run]
    content = (arr[words, 2] == 0) & (arr[words, 3] > 1)
    lowers, codes = np.unique(raw[words, 5], return_inverse=True)
    starts, ends = arr[words, 4], arr[words, 4] + arr[words, 3]
    base, width = len(lowers) + 1, int(pos.max()) + 1
    strings = doc.vocab.strings
    found: list[tuple[int, PhraseUse]] = []
    for n in range(1, max_words + 1):
        first = np.arange(max(words.size - n + 1, 0))
        last = first + n - 1
        first = first[(run[first] == run[last]) & content[first] & content[last]]
        if not first.size:
            continue
        grams = np.stack([codes[first + k] for k in range(n)], axis=1)
        if base**n < 2**62:
            keys = grams @ (base ** np.arange(n - 1, -1, -1, dtype=np.int64))
            _, at, counts = np.unique(keys, return_index=True, return_counts=True)
        else:  # too many distinct words for one integer per n-gram: compare rows
            _, at, counts = np.unique(grams, axis=0, return_index=True, return_counts=True)
        for i, count in zip(at.tolist(), counts.tolist(), strict=True):
            if count < min_count:
                continue
            j = int(first[i])
            phrase = " ".join(strings[int(h)] for h in lowers[codes[j : j + n]].tolist())
            use = PhraseUse(phrase, n, count, int(starts[j]), int(ends[j + n - 1]))
            found.append(((int(run[j]) * (max_words + 1) + n) * width + int(pos[j]), use))
    found.sort(key=lambda item: item[0])
    return [use for _, use in found]


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
        if words < rule.params_as(StuffingParams).min_words:
            return
        limits = {int(k): float(v) for k, v in rule.params_as(StuffingParams).max_share.items()}
        min_count = rule.params_as(StuffingParams).min_count
        best: tuple[float, PhraseUse] | None = None
        for use in phrase_uses(ctx.doc, rule.params_as(StuffingParams).max_phrase_words, min_count):
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
        topic = rule.params_as(StuffingParams).boilerplate_kind
        yield ctx.finding(rule, use.start, use.end, values, topic)
