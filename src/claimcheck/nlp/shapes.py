"""Claim shapes: the parts of a claim in order inside one clause, any words between them.

A shape (``lexicons/shapes.yml``) is a list of steps, each a set of word classes; step n+1 must
come at most ``within`` tokens after step n, in the same clause. Word classes are lemma sets,
word sets or health-term types, so "an effect verb, then a health object within five tokens"
covers "eases joint pain", "helps ease your aching joints" and "supports a healthy liver" alike.

Every token gets a bit mask of its classes once per document (a cached lookup per word, the
term types from ``nlp/terms.py``); clauses are numbered by a running count of clause breaks
and sentence starts, so a step is in the first step's clause when the numbers agree. Matching
visits only the tokens of a shape's first step, so the cost grows with the text, not with the
number of shapes times the text. Matches go to ``doc.spans[CLAIMS_KEY]`` like the claim
ruler's, labelled with the kind and identified by the shape's name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from claimcheck.lexicon.model import ClaimShape, FramedList, WordClass
from claimcheck.nlp.components import BLOCKS_KEY, doc_text
from claimcheck.nlp.terms import HEALTH_TYPES, is_health_document


class ClassMasks:
    """Word-class bit masks per token: lexical classes by lower-case form, term classes by type.

    A class word that the tokenizer splits ("anti-inflammatory", "side effects") is matched as
    a phrase, and every token of the match gets the class.
    """

    def __init__(
        self,
        classes: Sequence[WordClass],
        lemmas: Mapping[str, str],
        tokenize: Callable[[str], list[str]],
    ) -> None:
        self.bit = {c.name: 1 << i for i, c in enumerate(classes)}
        self.lexical = [(1 << i, c.lemmas, c.words) for i, c in enumerate(classes)
                        if c.lemmas or c.words]  # fmt: skip
        self.lemmas = lemmas
        phrases: dict[int, list[tuple[tuple[int, ...], int]]] = {}
        for i, c in enumerate(classes):
            for w in c.words:
                parts = [p.lower() for p in tokenize(w)]
                if len(parts) > 1:
                    ids = [get_string_id(p) for p in parts]
                    phrases.setdefault(ids[0], []).append((tuple(ids[1:]), 1 << i))
        self.phrases = phrases
        self.numbers = 0
        for i, c in enumerate(classes):
            if c.like_num:
                self.numbers |= 1 << i
        terms: dict[int, int] = {}
        for i, c in enumerate(classes):
            for t in c.terms:
                key = get_string_id(t)
                terms[key] = terms.get(key, 0) | 1 << i
        self.terms = terms
        self.names = frozenset(get_string_id(t) for t in HEALTH_TYPES)  # the terms that name
        self._cache: dict[int, int] = {}

    def mask(self, names: Iterable[str]) -> int:
        """The bits of the named classes."""
        out = 0
        for n in names:
            out |= self.bit.get(n, 0)
        return out

    def _word(self, lower: str, like_num: bool) -> int:
        """The lexical classes of one lower-case word."""
        lemma = self.lemmas.get(lower, lower)
        out = self.numbers if like_num else 0
        for bit, lemmas, words in self.lexical:
            if lemma in lemmas or lower in words:
                out |= bit
        return out

    def of(self, doc: Doc) -> list[int]:
        """The class mask of every token of ``doc``."""
        cache = self._cache
        lowers = doc.to_array("LOWER").tolist()
        out: list[int] = []
        for h, token in zip(lowers, doc, strict=True):
            bits = cache.get(h)
            if bits is None:
                bits = cache[h] = self._word(token.lower_, token.like_num)
            out.append(bits)
        if self.phrases:
            self._phrases(lowers, out)
        ent = doc.to_array("ENT_ID")
        if ent.any():
            types = ent.tolist()
            last = len(types) - 1
            names = self.names
            for i in np.flatnonzero(ent).tolist():
                t = types[i]
                inside = t in names and (
                    (i > 0 and types[i - 1] == t) or (i < last and types[i + 1] == t)
                )
                # a word inside a multi-word health term is part of its name, not a
                # predicate: the "lower" of "lower back pain", the "relief" of "pain relief"
                out[i] = (0 if inside else out[i]) | self.terms.get(t, 0)
        return out

    def _phrases(self, lowers: list[int], out: list[int]) -> None:
        """Give the tokens of multi-token class words their class."""
        phrases = self.phrases
        for i, h in enumerate(lowers):
            for rest, bit in phrases.get(h, ()):
                n = len(rest)
                if tuple(lowers[i + 1 : i + 1 + n]) == rest:
                    for k in range(i, i + 1 + n):
                        out[k] |= bit


class _Compiled:
    """A shape with its class names turned into bit masks."""

    def __init__(self, shape: ClaimShape, masks: ClassMasks) -> None:
        self.shape = shape
        self.steps = [(masks.mask(s.classes), s.within) for s in shape.steps]
        self.unless = masks.mask(shape.unless)
        self.requires = masks.mask(shape.requires)
        self.not_after = masks.mask(shape.not_after)
        self.not_after_words = frozenset(w for w in shape.not_after if w not in masks.bit)


class ClaimShapes:
    """The ``claimcheck_shapes`` component: add every shape match to the claim spans."""

    def __init__(
        self,
        shapes: Sequence[ClaimShape],
        lists: Sequence[FramedList],
        classes: Sequence[WordClass],
        breaks: Sequence[str],
        negators: Sequence[str],
        lemmas: Mapping[str, str],
        tokenize: Callable[[str], list[str]],
        spans_key: str,
    ) -> None:
        self.masks = ClassMasks(classes, lemmas, tokenize)
        self.shapes = [_Compiled(s, self.masks) for s in shapes]
        self.lists = [_CompiledList(f, self.masks) for f in lists]
        self.breaks = self.masks.mask(breaks)
        self.negators = self.masks.mask(negators)
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        """Find the shapes' matches and append them to ``doc.spans[spans_key]``."""
        if not (self.shapes or self.lists) or not len(doc):
            return doc
        masks = self.masks.of(doc)
        clause = self._clauses(doc, masks)
        blocks = _block_kinds(doc) if any(s.shape.blocks for s in self.shapes) else None
        health = is_health_document(doc)
        sentence_masks = _sentence_masks(doc, masks)
        found: list[Span] = []
        for sh in self.shapes:
            if sh.shape.health_only and not health:
                continue
            for span in self._match(doc, sh, masks, clause, blocks):
                if not sh.requires or sentence_masks[span.start] & sh.requires:
                    found.append(span)
        if health:
            for fl in self.lists:
                found.extend(fl.items(doc, masks))
        if found:
            doc.spans[self.spans_key] = [*doc.spans.get(self.spans_key, []), *found]
        return doc

    def _clauses(self, doc: Doc, masks: list[int]) -> list[int]:
        """A clause number per token: it grows at every sentence start and clause break."""
        starts = doc.to_array("SENT_START").tolist()
        out = []
        n = 0
        brk = self.breaks
        for m, s in zip(masks, starts, strict=True):
            if s == 1 or m & brk:
                n += 1
            out.append(n)
        return out

    def _match(
        self,
        doc: Doc,
        sh: _Compiled,
        masks: list[int],
        clause: list[int],
        blocks: list[str] | None,
    ) -> Iterable[Span]:
        """The matches of one shape: each first-step token with the nearest later steps."""
        first, _ = sh.steps[0]
        n = len(masks)
        for i, m in enumerate(masks):
            if not m & first:
                continue
            if i and (masks[i - 1] & sh.not_after or doc[i - 1].lower_ in sh.not_after_words):
                continue
            if blocks is not None and sh.shape.blocks and blocks[i] not in sh.shape.blocks:
                continue
            at, ok = i, True
            for bits, within in sh.steps[1:]:
                nxt = _find(masks, clause, bits, at + 1, min(n, at + 2 + within), clause[i])
                if nxt < 0:
                    ok = False
                    break
                at = nxt
            if not ok:
                continue
            unless = sh.unless | self.negators  # a denial inside a match must reach the claim
            if unless and any(masks[k] & unless for k in range(i + 1, at)):
                continue
            yield Span(doc, i, at + 1, label=sh.shape.kind, span_id=sh.shape.name)


def _sentence_masks(doc: Doc, masks: list[int]) -> list[int]:
    """Per token, the union of the class masks of its sentence."""
    out = [0] * len(masks)
    for sent in doc.sents:
        union = 0
        for k in range(sent.start, sent.end):
            union |= masks[k]
        out[sent.start : sent.end] = [union] * (sent.end - sent.start)
    return out


class _CompiledList:
    """A framed list with its class names turned into bit masks."""

    def __init__(self, fl: FramedList, masks: ClassMasks) -> None:
        self.fl = fl
        self.frame = masks.mask(fl.frame)
        self.not_frame = masks.mask(fl.not_frame)
        self.item = masks.mask(fl.item)

    def items(self, doc: Doc, masks: list[int]) -> Iterable[Span]:
        """Each item under a framing line, as a claim span."""
        text = doc_text(doc)
        blocks = [
            (span, kind, start, end)
            for start, end, kind in doc.user_data.get(BLOCKS_KEY, ())
            if (span := doc.char_span(start, end, alignment_mode="expand")) is not None
            and len(span)
        ]
        i = 0
        while i < len(blocks):
            if not self._is_frame(blocks[i][0], text[blocks[i][2] : blocks[i][3]], masks):
                i += 1
                continue
            j = i + 1
            while j < len(blocks):  # the items: short blocks, marked or holding an item word
                span, kind, start, end = blocks[j]
                item = text[start:end].strip()
                if len(item.split()) > self.fl.max_words or item.endswith((":", "?")):
                    break
                if kind != "list_item" and not any(
                    masks[k] & self.item for k in range(span.start, span.end)
                ):
                    break
                yield _item_span(span, self.fl)
                j += 1
            i = j

    def _is_frame(self, span: Span, text: str, masks: list[int]) -> bool:
        """A line ending in ':' or '?' that holds a frame word and no excluded word."""
        if not text.rstrip().endswith((":", "?")) or len(text.split()) > 16:
            return False
        bits = 0
        for k in range(span.start, span.end):
            bits |= masks[k]
        return bool(bits & self.frame) and not bits & self.not_frame


def _item_span(span: Span, fl: FramedList) -> Span:
    """The item without its list marker and end punctuation, labelled as the list's kind."""
    start, end = span.start, span.end
    while start < end - 1 and (span.doc[start].is_punct or span.doc[start].like_num
                               or span.doc[start].text in ("•", "-", "*", "✓", "→")):  # fmt: skip
        start += 1
    while end > start + 1 and span.doc[end - 1].is_punct:
        end -= 1
    return Span(span.doc, start, end, label=fl.kind, span_id=fl.name)


def _find(masks: list[int], clause: list[int], bits: int, lo: int, hi: int, c: int) -> int:
    """The first token in [lo, hi) of class ``bits`` in clause ``c``, or -1."""
    for k in range(lo, hi):
        if clause[k] != c:
            return -1
        if masks[k] & bits:
            return k
    return -1


def _block_kinds(doc: Doc) -> list[str]:
    """The kind of the block each token is in ("" outside every block)."""
    out = [""] * len(doc)
    for start, end, kind in doc.user_data.get(BLOCKS_KEY, ()):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out[span.start : span.end] = [kind] * len(span)
    return out
