"""Kind ``homoglyph``: words that hide Latin letters behind look-alike characters.

## What it does
Reports each sentence with a word that mixes scripts to imitate a Latin word (Cyrillic a, e
and o inside "Diabetes"), naming the words as they read (``nlp/fold.py``; the look-alike table
is Unicode's confusables data).

## Why is this bad?
Spam copies swap letters for look-alikes so that filters and duplicate checks miss them; no
author types them by accident. The text is a disguised copy, and its words cannot be searched.

## Example
"Reverse Diabetes Naturally" typed with Cyrillic e and a -> the same words in Latin letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimcheck.findings import Finding
from claimcheck.lexicon.kinds import KIND_SPECS
from claimcheck.lexicon.model import Rule
from claimcheck.lexicon.params import HomoglyphParams
from claimcheck.nlp.fold import fold, is_obfuscated
from claimcheck.rules.base import CheckContext
from claimcheck.rules.boilerplate import sentence_bounds

_NON_ASCII_LETTER = re.compile(r"[^\x00-\x7f\W]")
_WORD = re.compile(r"\w+")


def non_ascii_words(text: str) -> Iterator[re.Match[str]]:
    """The words (runs of word characters) holding a non-ASCII letter, in order. Found from
    the letters outwards: a pattern such as ``\\w*[^ascii]\\w*`` would start at every word."""
    end = 0
    for m in _NON_ASCII_LETTER.finditer(text):
        if m.start() < end:
            continue  # a letter of the word just reported
        start = m.start()
        while start > 0 and _WORD.match(text, start - 1, start):
            start -= 1
        word = _WORD.match(text, start)
        if word is not None:
            end = word.end()
            yield word

SPEC = KIND_SPECS["homoglyph"]


class Homoglyph:
    """Report sentences holding look-alike-letter words, with the words they imitate."""

    spec = SPEC

    def evaluate(self, ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
        """One finding per sentence with an obfuscated word."""
        text = ctx.document.text
        if text.isascii():
            return
        found: dict[tuple[int, int], list[str]] = {}
        for m in non_ascii_words(text):
            if is_obfuscated(m.group()):
                bounds = sentence_bounds(ctx, m.start(), m.end())
                found.setdefault(bounds, []).append(fold(m.group()))
        topic = rule.params_as(HomoglyphParams).boilerplate_kind
        for (start, end), words in sorted(found.items()):
            shown = ", ".join(f"'{w}'" for w in dict.fromkeys(words[:4]))
            yield ctx.finding(rule, start, end, {"words": shown}, topic)
