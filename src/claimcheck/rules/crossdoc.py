"""Kind ``crossdoc``: passages repeated (near) word for word across the documents of a run.

## What it does
Signs every sentence and paragraph of at least ``min_words`` words with a MinHash of its word
``shingle``-grams (:mod:`claimcheck.nlp.minhash`, the whole document's passages at once) and
looks it up in a banded LSH index of the documents checked earlier in the same run (one
:class:`~claimcheck.api.Linter`). A passage whose estimated Jaccard similarity to a passage of
another document reaches ``threshold`` is reported on the later document, naming the earlier
one(s). Only signatures are kept, never texts, and at most ``max_passages`` of them (later
passages are still looked up, no longer added). A passage that already has ``max_copies``
copies in the index is not added again: a template repeated in every submission costs the
same at the ten-thousandth document as at the tenth, so the run stays linear in its size.
Signing is document-local (``prepare``, run in the workers); only the lookup is run-level.

## Why is this bad?
The same generated paragraph in several guest posts is template or spun content, not the
author's own writing; moderators need to see it before publishing.

## Example
Two submissions share "Our expert team offers personalised care ..." word for word.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from claimcheck.findings import Finding
from claimcheck.lexicon.kinds import KIND_SPECS
from claimcheck.lexicon.model import Rule
from claimcheck.lexicon.params import CrossdocParams
from claimcheck.nlp.components import sentence_table
from claimcheck.nlp.minhash import SignatureIndex, Signatures, sign, token_words
from claimcheck.rules.base import CheckContext

EXAMPLE_SEPARATOR = "\n---8<---\n"  # YAML examples: documents checked in one run, in order
Signed = tuple[list[tuple[int, int]], Signatures]  # a document's passages and their signatures

SPEC = KIND_SPECS["crossdoc"]


@dataclass
class TemplateIndex:
    """Signatures of the passages seen so far in a run, and the documents they came from."""

    threshold: float = 0.8
    num_perm: int = 64
    max_passages: int = 50_000
    max_copies: int = 8
    origins: list[str] = field(default_factory=list)
    index: SignatureIndex = field(init=False)

    def __post_init__(self) -> None:
        self.index = SignatureIndex(self.threshold, self.num_perm, self.max_passages)

    def add(
        self, origin: str, spans: list[tuple[int, int]], signatures: Signatures
    ) -> list[tuple[int, int, frozenset[int]]]:
        """Look a document's passages up against earlier documents, then index them.

        Returns (start, end, earlier document numbers) for each passage found elsewhere.
        """
        doc_no = len(self.origins)
        self.origins.append(origin)
        keys = self.index.band_keys(signatures)
        found = []
        new = []
        for i, (start, end) in enumerate(spans):
            copies = self.index.query(signatures[i], keys[i])
            others = frozenset(d for d in copies if self.origins[d] != origin)
            if others:
                found.append((start, end, others))
            if len(copies) < self.max_copies:  # bounded buckets: enough copies are indexed
                new.append(i)
        for i in new:  # after the lookups: repeats inside one document are not reported
            if not self.index.add(doc_no, signatures[i], keys[i]):
                break
        return found


def signed_passages(ctx: CheckContext, rule: Rule) -> Signed:
    """Sentences and blocks of at least ``min_words`` words, with their MinHash signatures."""
    spans = set(sentence_table(ctx.doc).chars)
    spans |= {(b.start, b.end) for b in ctx.document.blocks}
    params = rule.params_as(CrossdocParams)
    return sign(
        token_words(ctx.doc), sorted(spans), shingle=params.shingle,
        num_perm=params.num_perm, min_words=params.min_words,
    )  # fmt: skip


class CrossDocument:
    """Report passages that earlier documents of the same run already contained."""

    spec = SPEC

    def prepare(self, ctx: CheckContext, rule: Rule) -> Signed:
        """The document-local part: passages and their signatures (run in workers)."""
        return signed_passages(ctx, rule)

    def evaluate(self, ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
        """Yield one finding per run of repeated text, naming the other documents."""
        state = ctx.run_state
        if state is None:
            return
        key = f"crossdoc:{rule.id}"
        if key not in state:
            state[key] = _new_index(rule)
        index: TemplateIndex = state[key]
        signed: Signed | None = ctx.prepared.get(rule.id)
        if signed is None:
            signed = self.prepare(ctx, rule)
        found = index.add(ctx.document.origin, *signed)
        for start, end in _merge([(s, e) for s, e, _ in found], ctx.document.text):
            docs = sorted(set().union(*(o for s, e, o in found if start <= s and e <= end)))
            names = [index.origins[d] for d in docs]
            values = {"others": ", ".join(names[:5]) + (" …" if len(names) > 5 else ""),
                      "count": str(len(names))}  # fmt: skip
            topic = rule.params_as(CrossdocParams).boilerplate_kind
            yield ctx.finding(rule, start, end, values, topic, related=tuple(names))


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
    params = rule.params_as(CrossdocParams)
    return TemplateIndex(
        threshold=params.threshold, num_perm=params.num_perm,
        max_passages=params.max_passages, max_copies=params.max_copies,
    )  # fmt: skip
