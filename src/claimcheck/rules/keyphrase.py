"""Kind ``keyphrase``: search phrases worked into the text for search engines.

## What it does
Reports each sentence or heading that carries a search phrase rather than prose:
- a listed search form ("near me", "close to me") anywhere;
- a repeated keyphrase that names a place or a price ("emergency plumber Croydon", "cheap
  physio Leeds"): a phrase of 2 to ``max_words`` words used at least ``min_count`` times, with a
  qualifier word ("best", "cheap", "near") or a place name glued to a lower-case noun
  ("physio Leeds", which grammatical English writes "a physio in Leeds"), also with the
  place varying ("emergency plumber Purley", "emergency plumber Coulsdon");
- a repeated "<service> in <place>" phrase that is also a heading ("Physiotherapy in Leeds");
- any phrase gluing a name that the page glues to nouns ``min_count`` times or more and also
  uses as a place ("in Croydon"): "blocked drains Croydon", even once;
- the title repeated word for word (``title_words`` or more) in a later heading or sentence;
- an unrelated spam phrase (``spam_from``: "cheap car insurance quotes") whose words the rest of
  the document never uses: a keyword injected into copied text.

## Why is this bad?
Text written for a search engine's keyword match is not written for readers; on a health page
it signals a paid SEO post, and injected phrases signal a hijacked copy.

## Example
"Looking for an emergency plumber near me cheap in Croydon?" -> say what the service is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import pairwise

from claimcheck.findings import Finding
from claimcheck.lexicon.kinds import KIND_SPECS
from claimcheck.lexicon.model import Rule
from claimcheck.lexicon.params import KeyphraseParams
from claimcheck.nlp.components import sentence_table
from claimcheck.rules.base import CheckContext

SPEC = KIND_SPECS["keyphrase"]
_WORD = re.compile("[A-Za-z0-9][\\w'\u2019-]*")
# words before a place name that make "in Leeds" or "said Reyes" ordinary English
_FUNCTION = frozenset({
    "in", "at", "on", "to", "from", "of", "for", "by", "with", "near", "and", "or", "the",
    "a", "an", "our", "your", "their", "his", "her", "its", "this", "that", "is", "are",
    "was", "were", "be", "said", "says", "told", "visited", "called", "met", "named", "dear",
    "mr", "mrs", "ms", "dr", "prof", "st", "team",
})  # fmt: skip


class _Sentence:
    """A sentence: its character bounds, its words as written and in lower case."""

    __slots__ = ("end", "joined", "lower", "start", "words")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start, self.end = start, end
        self.words: list[str] = _WORD.findall(text)
        self.joined = f" {' '.join(self.words).lower()} "  # look-ups: " near me " in it
        self.lower = self.joined[1:-1].split(" ") if self.words else []

    def has(self, phrase: Sequence[str]) -> bool:
        """Whether ``phrase`` (lower-case words) occurs in the sentence."""
        return f" {' '.join(phrase)} " in self.joined


class Keyphrase:
    """Report the sentences that carry search phrases."""

    spec = SPEC

    def evaluate(self, ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
        """One finding per sentence with a search phrase, saying which and why."""
        text = ctx.document.text
        bounds = sentence_table(ctx.doc).chars
        sents = [_Sentence(a, b, text[a:b]) for a, b in bounds if text[a:b].strip()]
        if not sents:
            return
        found: dict[tuple[int, int], tuple[str, str]] = {}
        for sent, phrase, reason in (
            *self._search_forms(sents, rule),
            *self._keyphrases(sents, rule),
            *self._title_repeats(sents, rule.params_as(KeyphraseParams).title_words),
            *self._spam(sents, rule),
        ):
            found.setdefault(_trimmed(text, sent.start, sent.end), (phrase, reason))
        topic = rule.params_as(KeyphraseParams).boilerplate_kind
        for (start, end), (phrase, reason) in sorted(found.items()):
            yield ctx.finding(rule, start, end, {"phrase": phrase, "reason": reason}, topic)

    def _search_forms(
        self, sents: Sequence[_Sentence], rule: Rule
    ) -> Iterator[tuple[_Sentence, str, str]]:
        """Sentences with a listed search form ("near me")."""
        forms = _present(sents, rule.params_as(KeyphraseParams).search_phrases)
        for sent in sents:
            for form in forms:
                if sent.has(form):
                    yield sent, " ".join(form), "a search-engine query"
                    break

    def _keyphrases(
        self, sents: Sequence[_Sentence], rule: Rule
    ) -> Iterator[tuple[_Sentence, str, str]]:
        """Sentences with a repeated keyphrase naming a place or a price."""
        qualifiers = frozenset(str(q).lower() for q in rule.params_as(KeyphraseParams).qualifiers)
        places = _place_words(sents)
        params = rule.params_as(KeyphraseParams)
        max_words, min_count = params.max_words, params.min_count
        glued = _glued_pairs(sents, places)  # ("physio", "leeds"): a name after a noun
        anchors = qualifiers | places  # a glued name is a place word too
        counts: Counter[tuple[str, ...]] = Counter()
        short: set[tuple[str, ...]] = set()  # phrases seen in a heading-length line
        for sent in sents:
            # only phrases around an anchor (a qualifier, a name) can qualify: count those
            low = sent.lower
            seen: set[tuple[str, ...]] = set()
            for gram in _anchored_grams(low, qualifiers, glued, places, max_words, anchors):
                if gram not in seen and gram[0] not in _FUNCTION:
                    seen.add(gram)
                    counts[gram] += 1
            if len(low) <= _HEADING_WORDS:
                short |= seen
        keys = [
            g for g, c in counts.items()
            if c >= min_count and g[-1] not in _FUNCTION
            and (qualifiers.intersection(g) or any(p in glued for p in pairwise(g))
                 or (g[-1] == _PLACE and len(g) >= 3)
                 or (g[-2:-1] == ("in",) and g[-1] in places and g in short and len(g) >= 3))
        ]  # fmt: skip
        # a name glued to nouns again and again ("plumber Croydon", "drains Croydon"): every
        # such use is a keyphrase, even a phrase used once
        worked = _worked_places(sents, glued, min_count) if glued else set()
        if not keys and not worked:
            return
        keys.sort(key=len, reverse=True)
        for sent in sents:
            for gram in keys:
                if _has_gram(sent, gram, places):
                    shown = " ".join(gram).replace(_PLACE, "<place>")
                    yield sent, shown, "a repeated search keyphrase"
                    break
            else:
                low = sent.lower
                for j in range(1, len(low)):
                    if low[j] in worked and (low[j - 1], low[j]) in glued:
                        yield sent, f"{low[j - 1]} {low[j]}", "a place name worked into phrases"
                        break

    def _title_repeats(
        self, sents: Sequence[_Sentence], min_words: int
    ) -> Iterator[tuple[_Sentence, str, str]]:
        """The title, and later sentences that repeat it word for word."""
        title = sents[0].lower
        if len(title) < min_words:
            return
        grams = {tuple(title[i : i + min_words]) for i in range(len(title) - min_words + 1)}
        firsts = {g[0] for g in grams}
        repeats = [
            s for s in sents[1:]
            if any(s.lower[i] in firsts and tuple(s.lower[i : i + min_words]) in grams
                   for i in range(len(s.lower) - min_words + 1))
        ]  # fmt: skip
        if repeats:
            shown = " ".join(title[:min_words])
            yield sents[0], shown, "the title, repeated later"
            for s in repeats:
                yield s, shown, "the title, repeated"

    def _spam(
        self, sents: Sequence[_Sentence], rule: Rule
    ) -> Iterator[tuple[_Sentence, str, str]]:
        """Sentences with a spam phrase whose words the rest of the text does not use."""
        phrases = _present(sents, rule.params_as(KeyphraseParams).spam_phrases)
        if not phrases:
            return
        uses = Counter(w for s in sents for w in s.lower)
        limit = rule.params_as(KeyphraseParams).max_spam_uses
        for sent in sents:
            for phrase in phrases:
                if sent.has(phrase) and max(uses[w] for w in phrase) <= limit:
                    yield sent, " ".join(phrase), "an unrelated keyword injected into the text"
                    break


_LOCATIVE = frozenset({"in", "near", "across", "around", "throughout", "covering"})
_PLACE = "\x00place"  # a keyphrase slot: "emergency plumber <place>" with any place name
_HEADING_WORDS = 10  # a line this short is a heading or a title


def _anchored_grams(
    low: list[str],
    qualifiers: frozenset[str],
    glued: set[tuple[str, str]],
    places: frozenset[str],
    max_words: int,
    anchors: frozenset[str],
) -> Iterator[tuple[str, ...]]:
    """The 2..max_words-word phrases of a sentence around an anchor: a qualifier or a glued
    name (exact, and with the name as a slot: "emergency plumber <place>"), or "in <place>"
    ending the phrase ("physiotherapy in leeds"). ``anchors``: the qualifiers and places."""
    for j, w in enumerate(low):
        if w not in anchors:
            continue
        is_glued = j > 0 and (low[j - 1], w) in glued
        if w in qualifiers or is_glued:
            for n in range(2, max_words + 1):
                for i in range(max(0, j - n + 1), min(j, len(low) - n) + 1):
                    yield tuple(low[i : i + n])
        if is_glued:
            for n in range(2, max_words):
                if j - n + 1 >= 0:
                    yield (*low[j - n + 1 : j], _PLACE)
        if j >= 2 and low[j - 1] == "in" and w in places:
            for n in range(3, max_words + 1):
                if j - n + 1 >= 0:
                    yield tuple(low[j - n + 1 : j + 1])


def _has_gram(sent: _Sentence, gram: tuple[str, ...], places: frozenset[str]) -> bool:
    """Whether the sentence holds the phrase (a ``_PLACE`` slot takes any name)."""
    if gram[-1] != _PLACE:
        return sent.has(gram)
    prefix = gram[:-1]
    low = sent.lower
    return any(
        low[j] in places and tuple(low[j - len(prefix) : j]) == prefix
        for j in range(len(prefix), len(low))
    )


def _present(sents: Sequence[_Sentence], phrases: Sequence[object]) -> list[list[str]]:
    """The phrases (as lower-case words) that occur somewhere in the sentences."""
    text = "".join(s.joined for s in sents)
    words = [str(p).lower().split() for p in phrases]
    return [w for w in words if f" {' '.join(w)} " in text]


def _place_words(sents: Sequence[_Sentence]) -> frozenset[str]:
    """Words always capitalised and used at least once inside a sentence: names (of places,
    brands, people); lower-cased."""
    caps: set[str] = set()
    lower: set[str] = set()
    inside: set[str] = set()
    for sent in sents:
        for i, (word, key) in enumerate(zip(sent.words, sent.lower, strict=True)):
            if word[:1].isupper() and not word.isupper():
                caps.add(key)
                if i:
                    inside.add(key)
            else:
                lower.add(key)
    return frozenset(w for w in caps if w in inside and w not in lower and w.isalpha())


def _glued_pairs(sents: Sequence[_Sentence], places: frozenset[str]) -> set[tuple[str, str]]:
    """(word, name) pairs where a name follows a lower-case content word as written:
    "physio Leeds", "plumber Croydon" (but not "Hanseatic Medical University" or "in Leeds")."""
    glued: set[tuple[str, str]] = set()
    if not places:
        return glued
    for sent in sents:
        low, words = sent.lower, sent.words
        for j in range(1, len(low)):
            if low[j] in places:
                before = words[j - 1]
                if before.isalpha() and before.islower() and before not in _FUNCTION:
                    glued.add((low[j - 1], low[j]))
    return glued


def _worked_places(
    sents: Sequence[_Sentence], glued: set[tuple[str, str]], min_count: int
) -> set[str]:
    """Names glued to nouns ``min_count`` times or more and also used as places ("in X")."""
    uses: Counter[str] = Counter()
    located: set[str] = set()  # names used as places somewhere: "in Croydon", "near Purley"
    for sent in sents:
        low = sent.lower
        for j in range(1, len(low)):
            if (low[j - 1], low[j]) in glued:
                uses[low[j]] += 1
            if low[j - 1] in _LOCATIVE:
                located.add(low[j])
    return {p for p, c in uses.items() if c >= min_count and p in located}


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds without surrounding white space."""
    chunk = text[start:end]
    return start + len(chunk) - len(chunk.lstrip()), end - (len(chunk) - len(chunk.rstrip()))
