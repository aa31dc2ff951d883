"""Matchers that a rule kind compiles from its own parameters, cached per vocabulary.

Patterns in a rule's ``patterns``/``phrases`` go to the shared rule ruler and label their
span with the rule's category (so boilerplate spans are kept out of claim detection). Some
kinds need matches that must *not* block claims (spun wording inside a real claim, promotional
words) or need to know which pattern matched; they compile their parameters here instead.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from claimcheck.errors import LexiconError
from claimcheck.lexicon.model import Rule

_MAX_CACHED = 16


class MatcherCache:
    """A small LRU of compiled matchers keyed by vocabulary, rule id and parameter."""

    def __init__(self) -> None:
        self._items: OrderedDict[tuple[int, str, str], tuple[Vocab, Any]] = OrderedDict()

    def get(self, vocab: Vocab, rule: Rule, what: str, build: Callable[[], Any]) -> Any:
        """The cached object for (vocab, rule, what), built on first use."""
        key = (id(vocab), rule.id, what)
        hit = self._items.get(key)
        if hit is not None and hit[0] is vocab:
            self._items.move_to_end(key)
            return hit[1]
        value = build()
        self._items[key] = (vocab, value)  # the vocab is held, so its id cannot be reused
        if len(self._items) > _MAX_CACHED:
            self._items.popitem(last=False)
        return value


_BLANKS: dict[int, tuple[Vocab, Language]] = {}


def _blank(vocab: Vocab) -> Language:
    """A blank English pipeline sharing ``vocab``, made once per vocabulary (~0.1 s each)."""
    hit = _BLANKS.get(id(vocab))
    if hit is None or hit[0] is not vocab:
        hit = _BLANKS[id(vocab)] = (vocab, spacy.blank("en", vocab=vocab))
    return hit[1]


def phrase_matcher(vocab: Vocab, phrases: Sequence[str]) -> PhraseMatcher:
    """A case-insensitive PhraseMatcher; phrase ``i`` is added under the key ``str(i)``."""
    tokenizer = _blank(vocab)
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for i, phrase in enumerate(phrases):
        matcher.add(str(i), [tokenizer.make_doc(phrase)])
    return matcher


def token_matcher(vocab: Vocab, rule: Rule, patterns: Iterable[list[dict[str, Any]]]) -> Matcher:
    """A Matcher of token patterns; a bad pattern raises LexiconError naming the rule."""
    matcher = Matcher(vocab, validate=True)
    for i, pattern in enumerate(patterns):
        try:
            matcher.add(str(i), [pattern])
        except (ValueError, KeyError, TypeError) as exc:
            raise LexiconError(
                f"{rule.source_file} rule {rule.id}: invalid pattern {i + 1} "
                f"({str(exc).splitlines()[0]})"
            ) from exc
    return matcher


def longest_matches(
    matcher: PhraseMatcher | Matcher, doc: Doc | Span
) -> list[tuple[int, Span]]:
    """Non-overlapping matches, longest first wins: (pattern index, span) in text order; over
    a Span, the spans are still the whole doc's (offsets shifted back)."""
    whole = doc if isinstance(doc, Doc) else doc.doc
    shift = 0 if isinstance(doc, Doc) else doc.start
    spans = [Span(whole, shift + start, shift + end, label=match_id)
             for match_id, start, end in matcher(doc)]  # fmt: skip
    return [(int(s.label_), s) for s in sorted(filter_spans(spans), key=lambda s: s.start)]
