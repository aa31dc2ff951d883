"""Kind ``crossdoc``: passages repeated (near) word for word across the documents of a run.

## What it does
Signs every sentence and paragraph of at least ``min_words`` words with a MinHash of its word
``shingle``-grams and looks it up in a MinHash LSH index (datasketch) of the documents checked
earlier in the same run (one :class:`~claimcheck.api.Linter`). A passage whose estimated
Jaccard similarity to a passage of another document reaches ``threshold`` is reported on the
later document, naming the earlier one(s). Only signatures are kept, never texts, and at most
``max_passages`` of them (later passages are still looked up, no longer added).

## Why is this bad?
The same generated paragraph in several guest posts is template or spun content, not the
author's own writing; moderators need to see it before publishing.

## Example
Two submissions share "Our expert team offers personalised care ..." word for word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from datasketch import LeanMinHash, MinHash, MinHashLSH  # type: ignore[import-untyped]

from claimcheck.findings import Finding
from claimcheck.lexicon.model import Rule
from claimcheck.rules.base import COMMON_PLACEHOLDERS, CheckContext, KindSpec

RUN_STATE_KEY = "cc_run_state"  # doc.user_data entry: the Linter's per-run dict
EXAMPLE_SEPARATOR = "\n---8<---\n"  # YAML examples: documents checked in one run, in order
_WORD = re.compile(r"[^\W\d_]+")  # words of letters; numbers and prices do not count

SPEC = KindSpec(
    optional=frozenset({"min_words", "shingle", "threshold", "num_perm", "max_passages",
                        "boilerplate_kind"}),
    placeholders=COMMON_PLACEHOLDERS | {"others", "count"},
)  # fmt: skip


@dataclass
class TemplateIndex:
    """Signatures of the passages seen so far in a run, in a MinHash LSH index."""

    threshold: float = 0.8
    num_perm: int = 64
    shingle: int = 3
    max_passages: int = 50_000
    origins: list[str] = field(default_factory=list)
    signatures: dict[str, Any] = field(default_factory=dict)
    lsh: Any = None

    def __post_init__(self) -> None:
        self.lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)

    def sign(self, words: list[str]) -> Any:
        """A MinHash of the passage's word shingles (whole passage when shorter)."""
        n = min(self.shingle, len(words))
        grams = {" ".join(words[i : i + n]).encode() for i in range(len(words) - n + 1)}
        mh = MinHash(num_perm=self.num_perm)
        mh.update_batch(sorted(grams))
        return LeanMinHash(mh)

    def add_document(
        self, origin: str, passages: list[tuple[int, int, list[str]]]
    ) -> list[tuple[int, int, frozenset[int]]]:
        """Look the passages up against earlier documents, then index them."""
        doc_no = len(self.origins)
        self.origins.append(origin)
        signed = [(s, e, self.sign(w)) for s, e, w in passages]
        found = []
        for start, end, sig in signed:
            others = frozenset(
                int(key.split(":", 1)[0]) for key in self.lsh.query(sig)
                if self.signatures[key].jaccard(sig) >= self.threshold
                and self.origins[int(key.split(":", 1)[0])] != origin
            )  # fmt: skip
            if others:
                found.append((start, end, others))
        for i, (_, _, sig) in enumerate(signed):
            if len(self.signatures) >= self.max_passages:
                break
            key = f"{doc_no}:{i}"
            self.lsh.insert(key, sig, check_duplication=False)
            self.signatures[key] = sig
        return found


def passages(ctx: CheckContext, min_words: int) -> list[tuple[int, int, list[str]]]:
    """Sentences and blocks of at least ``min_words`` words: (start, end, lower-case words)."""
    text = ctx.document.text
    spans = {(s.start_char, s.end_char) for s in ctx.doc.sents}
    spans |= {(b.start, b.end) for b in ctx.document.blocks}
    out = []
    for start, end in sorted(spans):
        words = _WORD.findall(text[start:end].lower())
        if len(words) >= min_words:
            out.append((start, end, words))
    return out


class CrossDocument:
    """Report passages that earlier documents of the same run already contained."""

    spec = SPEC

    def evaluate(self, ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
        """Yield one finding per run of repeated text, naming the other documents."""
        state: dict[str, Any] | None = ctx.doc.user_data.get(RUN_STATE_KEY)
        if state is None:
            return
        key = f"crossdoc:{rule.id}"
        if key not in state:
            state[key] = _new_index(rule)
        index: TemplateIndex = state[key]
        found = index.add_document(
            ctx.document.origin, passages(ctx, int(rule.param("min_words", 8)))
        )
        for start, end in _merge([(s, e) for s, e, _ in found], ctx.document.text):
            docs = sorted(set().union(*(o for s, e, o in found if start <= s and e <= end)))
            names = [index.origins[d] for d in docs]
            values = {"others": ", ".join(names[:5]) + (" …" if len(names) > 5 else ""),
                      "count": str(len(names))}  # fmt: skip
            yield ctx.finding(rule, start, end, values, rule.param("boilerplate_kind"))


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Merge spans that overlap or are separated only by whitespace (a run of sentences)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _new_index(rule: Rule) -> TemplateIndex:
    """An empty index with the rule's parameters."""
    return TemplateIndex(
        threshold=float(rule.param("threshold", 0.8)), num_perm=int(rule.param("num_perm", 64)),
        shingle=int(rule.param("shingle", 3)),
        max_passages=int(rule.param("max_passages", 50_000)),
    )  # fmt: skip
