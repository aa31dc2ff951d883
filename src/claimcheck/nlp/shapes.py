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

import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any

import numpy as np
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from claimcheck.lexicon.model import ClaimShape, FramedList, WordClass
from claimcheck.nlp.arrays import member
from claimcheck.nlp.components import BLOCKS_KEY, doc_text, sentence_table
from claimcheck.nlp.sentence_model import CLASSES_KEY
from claimcheck.nlp.terms import HEALTH_TYPES, is_health_document


def class_bits(classes: Sequence[WordClass]) -> dict[str, int]:
    """Each word class's bit in the masks (and in the sentence model's features)."""
    return {c.name: 1 << i for i, c in enumerate(classes)}


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
        self.bit = class_bits(classes)
        # inverted: a word form's classes are a few dict look-ups, not a pass over the classes
        self.by_lemma: dict[str, int] = {}
        self.by_word: dict[str, int] = {}
        self.by_flag: dict[str, int] = {}
        self.excluded: dict[str, int] = {}
        self.numeric = 0
        for i, c in enumerate(classes):
            bit = 1 << i
            for table, keys in ((self.by_lemma, c.lemmas), (self.by_word, c.words),
                                (self.by_flag, c.flags), (self.excluded, c.excluded)):
                for entry in keys:
                    table[entry] = table.get(entry, 0) | bit
            if c.like_num:
                self.numeric |= bit
        self.lemmas = lemmas
        phrases: dict[int, list[tuple[tuple[int, ...], int]]] = {}
        for i, c in enumerate(classes):
            for w in c.words:
                parts = [p.lower() for p in tokenize(w)]
                if len(parts) > 1:
                    ids = [get_string_id(p) for p in parts]
                    phrases.setdefault(ids[0], []).append((tuple(ids[1:]), 1 << i))
        self.phrases = phrases
        self._heads: np.ndarray[Any, Any] | None = None  # phrases' first-pair keys, made on use
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

    def _word(self, token: Token) -> int:
        """The lexical classes of one word (they depend on its form only)."""
        lower = token.lower_
        out = self.by_lemma.get(self.lemmas.get(lower, lower), 0) | self.by_word.get(lower, 0)
        if self.numeric and token.like_num:
            out |= self.numeric
        for flag, bits in self.by_flag.items():
            if bits & ~out and getattr(token, flag):
                out |= bits
        return out & ~self.excluded.get(lower, 0)

    def of(self, doc: Doc) -> list[int]:
        """The class mask of every token of ``doc`` (computed once per distinct word form)."""
        cache = self._cache
        forms, first, inverse = np.unique(
            doc.to_array("ORTH"), return_index=True, return_inverse=True
        )
        bits_of = []
        for h, i in zip(forms.tolist(), first.tolist(), strict=True):
            bits = cache.get(h)
            if bits is None:
                bits = cache[h] = self._word(doc[i])
            bits_of.append(bits)
        out = [bits_of[j] for j in inverse.tolist()]
        if self.phrases:
            self._phrases(doc.to_array("LOWER"), out)
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

    def _phrases(self, lower_array: np.ndarray[Any, Any], out: list[int]) -> None:
        """Give the tokens of multi-token class words their class.

        Candidates are the positions whose word pair starts a phrase ("a call", "in bio"):
        the pairs are compared as one mixed 64-bit key per position, in one array test, and
        each candidate is then checked word by word (a key collision only costs that check).
        """
        phrases = self.phrases
        if len(lower_array) < 2:
            return
        if self._heads is None:
            pairs = [(first, rest[0]) for first, items in phrases.items() for rest, _bit in items]
            firsts, seconds = np.array(pairs, dtype=np.uint64).reshape(-1, 2).T
            self._heads = np.unique(_pair_key(firsts, seconds))
        keys = _pair_key(lower_array[:-1], lower_array[1:])
        lowers = lower_array.tolist()
        for i in np.flatnonzero(member(keys, self._heads)).tolist():
            for rest, bit in phrases.get(lowers[i], ()):
                n = len(rest)
                if tuple(lowers[i + 1 : i + 1 + n]) == rest:
                    for k in range(i, i + 1 + n):
                        out[k] |= bit


def _pair_key(first: np.ndarray[Any, Any], second: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """64-bit keys of pairs of word hashes (uint64 arrays: the product wraps on overflow)."""
    keys: np.ndarray[Any, Any] = (first * np.uint64(_PAIR_MIX)) ^ second
    return keys


_PAIR_MIX = 1_000_003


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
        rules_key: str,
    ) -> None:
        self.masks = ClassMasks(classes, lemmas, tokenize)
        self.rules_key = rules_key
        self.shapes = [_Compiled(s, self.masks) for s in shapes]
        self.lists = [_CompiledList(f, self.masks) for f in lists]
        self.breaks = self.masks.mask(breaks)
        self.negators = self.masks.mask(negators)
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        """Find the shapes' matches and append them to ``doc.spans[spans_key]``."""
        if not len(doc):
            return doc
        masks = self.masks.of(doc)
        doc.user_data[CLASSES_KEY] = masks  # for the sentence model (nlp/sentence_model.py)
        if not (self.shapes or self.lists):
            return doc
        positions = _positions(masks)
        clause = self._clauses(doc, positions)
        blocks = _block_roles(doc) if any(s.shape.blocks for s in self.shapes) else None
        health = is_health_document(doc)
        sentences = _SentenceMasks(doc, masks)
        edges = _Edges(doc)
        found: list[Span] = []
        boilerplate: list[Span] = []
        held: list[tuple[frozenset[str], list[Span]]] = []  # waiting for other rules' hits
        for sh in self.shapes:
            shape = sh.shape
            if shape.health_only and not health:
                continue
            starts = _candidates(positions, sh.steps[0][0])
            if shape.position:
                starts = edges.keep(starts, shape.position, shape.edge)
            if shape.at_start:
                starts = [i for i in starts if _begins_clause(doc, i, clause)]
            spans = [
                span for span in self._match(doc, sh, starts, masks, clause, blocks)
                if not sh.requires or sentences.of(span.start) & sh.requires
            ]  # fmt: skip
            if len(spans) < shape.min_matches:
                continue
            if shape.with_rules:
                held.append((frozenset(shape.with_rules), spans))
            else:
                (boilerplate if shape.rule else found).extend(spans)
        if held:  # a template closer comes with a template page
            present = {s.id_ for s in (*doc.spans.get(self.rules_key, []), *boilerplate)}
            for rules, spans in held:
                if rules & present:
                    boilerplate.extend(spans)
        if health:
            for fl in self.lists:
                found.extend(fl.items(doc, masks))
        if found:
            doc.spans[self.spans_key] = [*doc.spans.get(self.spans_key, []), *found]
        if boilerplate:
            doc.spans[self.rules_key] = [*doc.spans.get(self.rules_key, []), *boilerplate]
        return doc

    def _clauses(self, doc: Doc, positions: Mapping[int, list[int]]) -> list[int]:
        """A clause number per token: it grows at every sentence start and clause break."""
        starts = doc.to_array("SENT_START") == 1
        breaks = _candidates(positions, self.breaks)
        if breaks:
            starts[breaks] = True
        clause: list[int] = np.cumsum(starts).tolist()
        return clause

    def _match(
        self,
        doc: Doc,
        sh: _Compiled,
        starts: list[int],
        masks: list[int],
        clause: list[int],
        blocks: list[str] | None,
    ) -> Iterable[Span]:
        """The matches of one shape: each first-step token with the nearest later steps."""
        n = len(masks)
        for i in starts:
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
            unless = sh.unless | (0 if sh.shape.rule else self.negators)  # a denial must reach
            if unless and any(masks[k] & unless for k in range(i + 1, at)):  # its claim
                continue
            if sh.shape.rule:
                yield Span(doc, i, at + 1, label=BOILERPLATE, span_id=sh.shape.rule)
            else:
                yield Span(doc, i, at + 1, label=sh.shape.kind, span_id=sh.shape.name)


BOILERPLATE = "boilerplate"  # the label of boilerplate rule hits (the rule ruler's category)
_LEAD_INS = frozenset({"please", "so", "and", "or", "then", "now", "just", "simply", "also"})


def _begins_clause(doc: Doc, i: int, clause: list[int]) -> bool:
    """Whether token ``i`` opens its clause: only punctuation, symbols, emoji, prices and
    lead-ins ("please", "so", "just") stand before it, back to the clause start or a comma
    ("👉 Book now", "$39.99 Add to Cart", "For support, visit our website")."""
    k = i - 1
    while k >= 0 and clause[k] == clause[i]:
        token = doc[k]
        if token.text == ",":
            return True
        if token.is_alpha and token.lower_ not in _LEAD_INS:
            return False
        k -= 1
    return True


class _Edges:
    """Which tokens lie in the first or last blocks of the document."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._blocks: list[tuple[int, int]] | None = None

    def keep(self, starts: list[int], position: str, edge: int) -> list[int]:
        """The candidates inside the ``edge`` first (or last) blocks with text."""
        blocks = self.blocks()
        if not blocks:
            return starts
        chosen = blocks[:edge] if position == "first" else blocks[-edge:]
        lo, hi = chosen[0][0], chosen[-1][1]
        return [i for i in starts if lo <= i < hi]

    def blocks(self) -> list[tuple[int, int]]:
        """Token bounds of the document's blocks, in order."""
        if self._blocks is None:
            out = []
            for start, end, _role in self.doc.user_data.get(BLOCKS_KEY, ()):
                span = self.doc.char_span(start, end, alignment_mode="expand")
                if span is not None and len(span):
                    out.append((span.start, span.end))
            self._blocks = sorted(out)
        return self._blocks


def _positions(masks: list[int]) -> dict[int, list[int]]:
    """Class bit -> the tokens of that class, in order (one pass over the classed tokens)."""
    out: dict[int, list[int]] = {}
    for i, m in enumerate(masks):
        while m:
            low = m & -m
            out.setdefault(low, []).append(i)
            m ^= low
    return out


def _candidates(positions: Mapping[int, list[int]], bits: int) -> list[int]:
    """The tokens of any class in ``bits``, in order."""
    lists = []
    while bits:
        low = bits & -bits
        if low in positions:
            lists.append(positions[low])
        bits ^= low
    if len(lists) == 1:
        return lists[0]
    return sorted({i for found in lists for i in found})


class _SentenceMasks:
    """The union of the class masks of a token's sentence, computed on demand."""

    def __init__(self, doc: Doc, masks: list[int]) -> None:
        self.starts = [s for s, _e in sentence_table(doc).tokens]
        self.masks = masks
        self.cache: dict[int, int] = {}

    def of(self, token: int) -> int:
        """The classes present in the sentence of ``token``."""
        si = bisect.bisect_right(self.starts, token) - 1
        union = self.cache.get(si)
        if union is None:
            end = self.starts[si + 1] if si + 1 < len(self.starts) else len(self.masks)
            union = 0
            for m in self.masks[self.starts[si] : end]:
                union |= m
            self.cache[si] = union
        return union


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
            (span, role, start, end)
            for start, end, role in doc.user_data.get(BLOCKS_KEY, ())
            if (span := doc.char_span(start, end, alignment_mode="expand")) is not None
            and len(span)
        ]
        i = 0
        while i < len(blocks):
            span, role, start, end = blocks[i]
            if not self._is_frame(span, role, text[start:end], masks):
                i += 1
                continue
            j = i + 1
            while j < len(blocks):  # the items: short blocks, marked or holding an item word
                span, role, start, end = blocks[j]
                item = text[start:end].strip()
                parts = list(_item_spans(span, self.fl))  # an inline list: "a · b · c"
                longest = max(len(p.text.split()) for p in parts)
                if longest > self.fl.max_words or item.endswith((":", "?")):
                    break
                if role != "list_item" and not any(
                    masks[k] & self.item for k in range(span.start, span.end)
                ):
                    break
                yield from parts
                j += 1
            i = j

    def _is_frame(self, span: Span, role: str, text: str, masks: list[int]) -> bool:
        """A heading, or a line ending in ':' or '?', that holds a frame word and no excluded
        word; a line ending in "for:" ("People use it for:") frames a list by itself."""
        line = text.rstrip()
        if len(text.split()) > 16 or not (role == "heading" or line.endswith((":", "?"))):
            return False
        if line.lower().endswith((" for:", " with:", " against:")):
            return not any(masks[k] & self.not_frame for k in range(span.start, span.end))
        bits = 0
        for k in range(span.start, span.end):
            bits |= masks[k]
        return bool(bits & self.frame) and not bits & self.not_frame


_INLINE_SEPARATORS = frozenset({"·", "•", "|", "/"})  # "Ankle sprains · Shin splints · ..."


def _item_spans(span: Span, fl: FramedList) -> Iterable[Span]:
    """The items of a list block: the block, or each part of an inline list ("a · b · c")."""
    cuts = [k for k in range(span.start, span.end) if span.doc[k].text in _INLINE_SEPARATORS]
    if not cuts:
        yield _item_span(span, fl)
        return
    bounds = [span.start, *cuts, span.end]
    for a, b in pairwise(bounds):
        a = a + 1 if a in cuts else a
        if b > a:
            yield _item_span(span.doc[a:b], fl)


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


def _block_roles(doc: Doc) -> list[str]:
    """The role of the block each token is in ("" outside every block)."""
    out = [""] * len(doc)
    for start, end, role in doc.user_data.get(BLOCKS_KEY, ()):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out[span.start : span.end] = [role] * len(span)
    return out
