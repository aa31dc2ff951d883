"""Kind ``spun``: synonym-swapped ("tortured") phrases, each reported with its original.

## What it does
Finds phrases from a ``phrase -> original`` list ("kidney disappointment -> kidney failure"),
case-insensitively and with a simple plural of the last word, and suggests the original.

## Why is this bad?
Paraphrasing tools swap words for dictionary synonyms to hide copied text; the result is
wrong terminology that readers cannot look up (Cabanac, Labbé & Magazinov 2021).

## Example
"a slight risk of injury to the encompassing tissues" -> use "surrounding tissues".

The kind compiles its own matcher instead of the shared rule ruler, so spun wording inside a
real claim ("cures bosom malignant growth") never hides that claim from the claim rules.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from claimcheck.findings import Finding
from claimcheck.lexicon.kinds import KIND_SPECS
from claimcheck.lexicon.model import Rule
from claimcheck.lexicon.params import SpunParams
from claimcheck.nlp.phrases import PhraseIndex
from claimcheck.rules.base import CheckContext
from claimcheck.rules.matchers import MatcherCache, longest_matches, phrase_matcher

SPEC = KIND_SPECS["spun"]
_VOWELS = frozenset("aeiou")
_Pairs = tuple[tuple[str, str], ...]


def plural(phrase: str) -> str:
    """A regular English plural of the phrase's last word ('growth' -> 'growths')."""
    head, _, last = phrase.rpartition(" ")
    low = last.lower()
    if low.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    elif low.endswith("y") and len(low) > 1 and low[-2] not in _VOWELS:
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def expand(table: Mapping[str, str], plurals: bool = True) -> _Pairs:
    """The (phrase, original) pairs to match: each entry plus its plural form."""
    out: dict[str, str] = {}
    for phrase, original in table.items():
        out.setdefault(phrase.lower(), original)
        if plurals and not phrase.lower().endswith("s"):
            out.setdefault(plural(phrase).lower(), plural(original))
    return tuple(out.items())


def match_case(original: str, found: str) -> str:
    """Capitalise the suggestion when the spun phrase was capitalised."""
    if found[:1].isupper() and original[:1].islower():
        return original[:1].upper() + original[1:]
    return original


class Spun:
    """Report each listed spun phrase, suggesting the phrase it replaced."""

    spec = SPEC

    def __init__(self) -> None:
        self._cache = MatcherCache()

    def evaluate(self, ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
        """Yield one finding per spun phrase, longest match first."""
        pairs, matcher = self._compiled(ctx, rule)
        topic = rule.params_as(SpunParams).boilerplate_kind
        for index, span in longest_matches(matcher, ctx.doc):
            original = match_case(pairs[index][1], span.text)
            yield ctx.finding(rule, span.start_char, span.end_char, {"original": original}, topic)

    def phrases(self, rule: Rule) -> list[str]:
        """The spun phrases the rule looks up, plurals included."""
        return [phrase for phrase, _ in self._pairs(rule)]

    @staticmethod
    def _pairs(rule: Rule) -> _Pairs:
        """(spun phrase, original) pairs of the rule, plurals included."""
        params = rule.params_as(SpunParams)
        return expand(params.replacements, params.plurals)

    def _compiled(self, ctx: CheckContext, rule: Rule) -> tuple[_Pairs, PhraseIndex]:
        """The rule's expanded phrase table and its matcher, built once per vocabulary."""

        def build() -> tuple[_Pairs, PhraseIndex]:
            pairs = self._pairs(rule)
            return pairs, phrase_matcher(ctx.doc.vocab, [p for p, _ in pairs])

        compiled: tuple[_Pairs, PhraseIndex] = self._cache.get(ctx.doc.vocab, rule, "spun", build)
        return compiled
