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

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from claimcheck.errors import LexiconError
from claimcheck.lexicon.model import Rule
from claimcheck.nlp.phrases import PhraseIndex

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


def phrase_matcher(vocab: Vocab, phrases: Sequence[str]) -> PhraseIndex:
    """A case-insensitive phrase lookup; phrase ``i`` matches under the number ``i``.

    ``vocab`` is unused (the index keeps string hashes); it stays in the signature so callers
    cache the index per vocabulary like the token matchers.
    """
    del vocab
    return PhraseIndex(phrases)


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
    matcher: PhraseIndex | Matcher, doc: Doc | Span
) -> list[tuple[int, Span]]:
    """Non-overlapping matches, longest first wins (then the earlier one, as spaCy's
    ``filter_spans``): (pattern index, span) in text order; over a Span, the spans are still
    the whole doc's (offsets shifted back)."""
    whole = doc if isinstance(doc, Doc) else doc.doc
    shift = 0 if isinstance(doc, Doc) else doc.start
    if isinstance(matcher, PhraseIndex):
        found = matcher.find(doc)
    else:
        strings = whole.vocab.strings
        found = [(int(strings[key]), start, end) for key, start, end in matcher(doc)]
    kept: list[tuple[int, int, int]] = []
    taken: set[int] = set()
    for number, start, end in sorted(found, key=lambda m: (m[1] - m[2], m[1])):
        if taken.isdisjoint(range(start, end)):
            kept.append((number, start, end))
            taken.update(range(start, end))
    return [(number, Span(whole, shift + start, shift + end))
            for number, start, end in sorted(kept, key=lambda m: m[1])]  # fmt: skip
