"""Health vocabulary matching: tens of thousands of terms, in one pass per document.

Each term of a ``TermGroup`` is tokenized like article text. A group matches its terms' exact
lower-case forms plus the regular plural of the last word ("headache", "headaches"; "cupping"
never finds "cup", as lemmas would), or only the exact forms (``match: lower``), or any
inflection (``match: lemma``). The index maps a term's first word (as its string-store hash) to
the terms starting with it, longest first; a document is scanned once, trying only the tokens
that start some term (a binary search over the sorted first words), and the longest match wins
from left to right. The index is a plain dict: it pickles and loads quickly, unlike a
PhraseMatcher that re-adds every pattern document when unpickled.

A *weak* group holds words that are as often meant otherwise ("stress on the pipes", "the
team's recovery"). Its matches count only in a health document: one in which the strong groups
match at least ``min_terms`` distinct terms (one per 120 tokens in a shorter text, at least one:
"Yoga improves flexibility." is about health, "The valve relieves stress on the pipes." is
not). A term's type goes to the token's ``ENT_ID`` (``TERM_ATTR``; there is no NER here), which
the rulers test in C and ``token._.cc_term`` reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import numpy as np
from spacy.strings import get_string_id
from spacy.tokens import Doc

from claimcheck.lexicon.model import TermGroup
from claimcheck.nlp.arrays import member

HEALTH_KEY = "cc_health"  # doc.user_data: distinct strong terms found (int)
# the term types that name a health topic (a drug, food or chemical is a "substance")
HEALTH_TYPES = frozenset({"condition", "outcome", "body", "mechanism"})
# the term types that count as evidence that a text is about health
EVIDENCE_TYPES = HEALTH_TYPES | {"treatment"}
MIN_HEALTH_TERMS = 3  # a document with fewer distinct strong terms is not about health


# A term under its first lemma: (lemma hashes after the first, type, weak). Plain tuples, so
# the index pickles and loads fast.
_Term = tuple[tuple[int, ...], str, bool]
_SCAN_LIMIT = 8  # a first word starting more terms than this is looked up by term length


class HealthTerms:
    """Give tokens inside health terms their type (``_.cc_term``); count the distinct terms."""

    def __init__(
        self,
        groups: Iterable[TermGroup],
        tokenize: Callable[[str], Iterable[str]],
        lemmas: Mapping[str, str],
        min_terms: int = MIN_HEALTH_TERMS,
    ) -> None:
        # one index per matched attribute: lemma (the default) and exact lower-case form
        index: dict[str, dict[int, dict[tuple[int, ...], _Term]]] = {"lemma": {}, "lower": {}}
        for group in groups:
            attr = "lemma" if group.match == "lemma" else "lower"
            for phrase in group.phrases:
                words = [w.lower() for w in tokenize(phrase)]
                if not words:
                    continue
                if group.match == "lemma":
                    variants = [[lemmas.get(w, w) for w in words]]
                elif group.match == "form":
                    variants = [words, [*words[:-1], plural(words[-1])]]
                else:
                    variants = [words]
                for forms in variants:
                    key = tuple(get_string_id(f) for f in forms)
                    starts = index[attr].setdefault(key[0], {})
                    if key[1:] not in starts:  # the first group listing a term decides its type
                        starts[key[1:]] = (key[1:], group.type, group.weak)
        # first word -> its terms, longest first; a first word that starts many terms ("blood",
        # "skin") also gets them by length, one dict lookup per length instead of a scan.
        # (Only those: a dict per first word would make the cached pipeline slow to load.)
        self.lemma_index, self.lower_index = (
            {first: tuple(sorted(terms.values(), key=lambda t: -len(t[0])))
             for first, terms in index[attr].items()}
            for attr in ("lemma", "lower")
        )  # fmt: skip
        self.lemma_groups, self.lower_groups = (
            {first: _by_length(terms) for first, terms in index[attr].items()
             if len(terms) > _SCAN_LIMIT}
            for attr in ("lemma", "lower")
        )  # fmt: skip
        # sorted once, so a document's candidates are a vectorised binary search away
        self.lemma_firsts = np.sort(np.fromiter(self.lemma_index, dtype=np.uint64))
        self.lower_firsts = np.sort(np.fromiter(self.lower_index, dtype=np.uint64))
        self.min_terms = min_terms

    def __call__(self, doc: Doc) -> Doc:
        """Longest match wins, left to right; weak terms only in a health document."""
        if not len(doc):
            doc.user_data[HEALTH_KEY] = 0
            return doc
        lemma_array = doc.to_array("LEMMA")
        lower_array = doc.to_array("LOWER")
        starts = member(lemma_array, self.lemma_firsts) | member(lower_array, self.lower_firsts)
        lemmas, lowers = lemma_array.tolist(), lower_array.tolist()
        found: list[tuple[int, int, str, bool]] = []
        strong: set[tuple[str, int, int]] = set()
        skip_to = 0
        for i in np.flatnonzero(starts).tolist():
            if i < skip_to:
                continue
            best = self._longest(i, lemmas, lowers)
            if best is None:
                continue
            n, type_, weak = best
            found.append((i, i + 1 + n, type_, weak))
            if not weak and type_ in EVIDENCE_TYPES:
                strong.add((type_, lemmas[i], n))
            skip_to = i + 1 + n
        doc.user_data[HEALTH_KEY] = len(strong)
        health = len(strong) >= min(self.min_terms, max(1, len(doc) // 120))
        if found:
            types = doc.to_array("ENT_ID")
            strings = doc.vocab.strings
            for start, end, type_, weak in found:
                if not weak or health:
                    types[start:end] = strings.add(type_)
            doc.from_array(["ENT_ID"], types)  # type: ignore[arg-type]
        return doc

    def _longest(
        self, i: int, lemmas: list[int], lowers: list[int]
    ) -> tuple[int, str, bool] | None:
        """The longest term starting at token ``i`` (a strong one on a tie): (extra tokens,
        type, weak)."""
        best: tuple[int, bool, str] | None = None
        for index, groups, values in ((self.lower_index, self.lower_groups, lowers),
                                      (self.lemma_index, self.lemma_groups, lemmas)):  # fmt: skip
            first = values[i]
            found: tuple[int, str, bool] | None = None
            by_length = groups.get(first)
            if by_length is not None:
                for n, by_rest in by_length:
                    hit = by_rest.get(tuple(values[i + 1 : i + 1 + n]) if n else ())
                    if hit is not None:
                        found = (n, hit[0], hit[1])
                        break
            else:
                for rest, type_, weak in index.get(first, ()):
                    n = len(rest)
                    if n == 0 or tuple(values[i + 1 : i + 1 + n]) == rest:
                        found = (n, type_, weak)
                        break
            if found is not None:
                n, type_, weak = found
                if best is None or (n, not weak) > (best[0], not best[1]):
                    best = (n, weak, type_)
        return None if best is None else (best[0], best[2], best[1])


def _by_length(
    terms: Mapping[tuple[int, ...], _Term],
) -> tuple[tuple[int, dict[tuple[int, ...], tuple[str, bool]]], ...]:
    """The terms starting with one word, grouped by length, longest group first."""
    groups: dict[int, dict[tuple[int, ...], tuple[str, bool]]] = {}
    for rest, type_, weak in terms.values():
        groups.setdefault(len(rest), {})[rest] = (type_, weak)
    return tuple(sorted(groups.items(), key=lambda item: -item[0]))


def plural(word: str) -> str:
    """The regular English plural of a word ("injury" -> "injuries", "rash" -> "rashes")."""
    if not word.isalpha() or word.endswith("s") or len(word) < 4:
        return word
    if word.endswith(("x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def is_health_document(doc: Doc, min_terms: int = MIN_HEALTH_TERMS) -> bool:
    """Whether the vocabulary found enough distinct health terms in the document."""
    found = doc.user_data.get(HEALTH_KEY, 0)
    return isinstance(found, int) and found >= min(min_terms, max(1, len(doc) // 120))
