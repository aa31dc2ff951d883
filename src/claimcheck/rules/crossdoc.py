"""Kind ``crossdoc``: passages repeated (near) word for word across the documents of a run.

## What it does
Signs every sentence and paragraph of at least ``min_words`` words with a MinHash of its word
``shingle``-grams and looks it up in a MinHash LSH index (datasketch) of the documents checked
earlier in the same run (one :class:`~claimcheck.api.Linter`). A passage whose estimated
Jaccard similarity to a passage of another document reaches ``threshold`` is reported on the
later document, naming the earlier one(s). Only signatures are kept, never texts, and at most
``max_passages`` of them (later passages are still looked up, no longer added). A passage that
already has ``max_copies`` copies in the index is not added again: a template repeated in
every submission costs the same at the ten-thousandth document as at the tenth, so the run
stays linear in its size.

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
from zlib import crc32

from claimcheck.findings import Finding
from claimcheck.lexicon.model import Rule
from claimcheck.nlp.components import sentence_table
from claimcheck.rules.base import COMMON_PLACEHOLDERS, CheckContext, KindSpec

RUN_STATE_KEY = "cc_run_state"  # doc.user_data entry: the Linter's per-run dict
EXAMPLE_SEPARATOR = "\n---8<---\n"  # YAML examples: documents checked in one run, in order
Hashed = tuple[int, int, list[int]]  # a passage: start, end, its shingle hashes
_WORD = re.compile(r"[^\W\d_]+")  # words of letters; numbers and prices do not count

SPEC = KindSpec(
    optional=frozenset({"min_words", "shingle", "threshold", "num_perm", "max_passages",
                        "max_copies", "boilerplate_kind"}),
    placeholders=COMMON_PLACEHOLDERS | {"others", "count"},
)  # fmt: skip


@dataclass
class TemplateIndex:
    """Signatures of the passages seen so far in a run, in a MinHash LSH index.

    The index (and datasketch, which imports scipy) is only created when a second document
    arrives: the first one has nothing to be compared with, so its passages wait unsigned.
    """

    threshold: float = 0.8
    num_perm: int = 64
    shingle: int = 3
    max_passages: int = 50_000
    max_copies: int = 8
    origins: list[str] = field(default_factory=list)
    signatures: dict[str, Any] = field(default_factory=dict)
    lsh: Any = None
    _minhash: Any = None  # one MinHash, cleared per passage: its permutations are made once
    _first: list[list[int]] = field(default_factory=list)  # document 0's shingle hashes

    def sign(self, hashes: list[int]) -> Any:
        """A MinHash of the shingle hashes."""
        from datasketch import LeanMinHash  # type: ignore[import-untyped]

        mh = self._minhash
        mh.clear()
        mh.update_batch(hashes)  # the minimum per permutation: order does not matter
        return LeanMinHash(mh)

    def add_document(
        self, origin: str, passages: list[tuple[int, int, list[str]]]
    ) -> list[tuple[int, int, frozenset[int]]]:
        """Look the passages (with their words) up against earlier documents, then index them."""
        hashed = [(s, e, shingle_hashes(w, self.shingle)) for s, e, w in passages]
        return self.add_hashed(origin, hashed)

    def add_hashed(
        self, origin: str, passages: list[Hashed]
    ) -> list[tuple[int, int, frozenset[int]]]:
        """Look the passages (with their shingle hashes) up, then index them."""
        doc_no = len(self.origins)
        self.origins.append(origin)
        if doc_no == 0:
            self._first = [hashes for _, _, hashes in passages]
            return []
        if self.lsh is None:
            self._open()
        signed = [(s, e, self.sign(hashes)) for s, e, hashes in passages]
        found = []
        new = []
        for i, (start, end, sig) in enumerate(signed):
            copies = [key for key in self.lsh.query(sig)
                      if self.signatures[key].jaccard(sig) >= self.threshold]  # fmt: skip
            others = frozenset(int(key.split(":", 1)[0]) for key in copies) - {doc_no}
            others = frozenset(d for d in others if self.origins[d] != origin)
            if others:
                found.append((start, end, others))
            if len(copies) < self.max_copies:  # bounded buckets: enough copies are indexed
                new.append((i, sig))
        self._insert(doc_no, new)
        return found

    def _open(self) -> None:
        """Create the LSH index and index the passages of the first document."""
        from datasketch import MinHash, MinHashLSH

        self.lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        self._minhash = MinHash(num_perm=self.num_perm, hashfunc=int)  # input: shingle_hashes
        self._insert(0, [(i, self.sign(hashes)) for i, hashes in enumerate(self._first)])
        self._first = []

    def _insert(self, doc_no: int, signatures: list[tuple[int, Any]]) -> None:
        """Index a document's (passage number, signature) pairs while there is room."""
        for i, sig in signatures:
            if len(self.signatures) >= self.max_passages:
                break
            key = f"{doc_no}:{i}"
            self.lsh.insert(key, sig, check_duplication=False)
            self.signatures[key] = sig


def shingle_hashes(
    words: list[str], shingle: int, memo: dict[bytes, int] | None = None
) -> list[int]:
    """32-bit hashes of the passage's word shingles (whole passage when shorter).

    The hash is CRC-32: stable across processes (workers send passages to the parent, without
    their text) and about ten times cheaper than datasketch's default SHA-1; MinHash only needs
    the shingles spread over 32 bits. Hashing here lets the first document wait for the index.
    """
    n = min(shingle, len(words))
    grams = {" ".join(words[i : i + n]).encode() for i in range(len(words) - n + 1)}
    if memo is None:
        return [crc32(g) for g in grams]
    out = []
    for g in grams:  # a paragraph repeats its sentences' shingles: hash each once
        h = memo.get(g)
        if h is None:
            h = memo[g] = crc32(g)
        out.append(h)
    return out


def passages(ctx: CheckContext, min_words: int) -> list[tuple[int, int, list[str]]]:
    """Sentences and blocks of at least ``min_words`` words: (start, end, lower-case words)."""
    text = ctx.document.text
    spans = set(sentence_table(ctx.doc).chars)
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

    def prepare(self, ctx: CheckContext, rule: Rule) -> list[Hashed]:
        """The document-local part: passages with their shingle hashes (run in workers)."""
        shingle = int(rule.param("shingle", 3))
        found = passages(ctx, int(rule.param("min_words", 8)))
        memo: dict[bytes, int] = {}
        return [(s, e, shingle_hashes(words, shingle, memo)) for s, e, words in found]

    def evaluate(self, ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
        """Yield one finding per run of repeated text, naming the other documents."""
        state: dict[str, Any] | None = ctx.doc.user_data.get(RUN_STATE_KEY)
        if state is None:
            return
        key = f"crossdoc:{rule.id}"
        if key not in state:
            state[key] = _new_index(rule)
        index: TemplateIndex = state[key]
        hashed: list[Hashed] | None = ctx.prepared.get(rule.id)
        if hashed is None:
            hashed = self.prepare(ctx, rule)
        found = index.add_hashed(ctx.document.origin, hashed)
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
        max_copies=int(rule.param("max_copies", 8)),
    )  # fmt: skip
