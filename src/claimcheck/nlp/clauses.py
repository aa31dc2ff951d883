"""Sub-clauses a hedge does not reach across, found without a parser.

"Although the mechanism may involve inflammation, ginger reduces nausea" states the effect
directly: the hedge qualifies the mechanism. A sentence's tokens are split into its main clause
and the clauses set off by punctuation: a clause opened at the start of the sentence by a
subordinator (lexicon ``subclauses.fronted``) up to its first comma, a clause opened after a
comma by a subordinator or relative pronoun (``subclauses.following``) up to the next comma or
the sentence end, and a parenthesis. Only what the punctuation shows is split; a clause without
commas ("Patients who may have diabetes were ...") stays in the main clause.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAIN = 0  # the region number of a sentence's main clause
_LEADS = frozenset({"and", "but", "yet", "so", "however", "still", '"', "'", "\u201c", "\u2018"})


@dataclass(frozen=True)
class Subclauses:
    """The subordinators that open clauses (lower case)."""

    fronted: frozenset[str]
    following: frozenset[str]

    def regions(self, words: Sequence[str]) -> list[int]:
        """A region number for each word of one sentence (lower-cased token texts): ``MAIN``
        for the main clause, else one number per sub-clause (its first word's index + 1)."""
        n = len(words)
        region = [MAIN] * n
        if not n or not (self.fronted or self.following or "(" in words):
            return region
        first = 0
        while first < n - 1 and (words[first] in _LEADS or words[first] == ","):
            first += 1
        if words[first] in self.fronted or (
            words[first] == "even" and first + 1 < n and words[first + 1] in ("though", "if")
        ):
            comma = _next(words, ",", first + 1, n)
            if comma < n - 1:  # a comma ends the clause and the main clause follows it
                region[first:comma] = [first + 1] * (comma - first)
        for i in range(n - 1):
            if words[i] == "," and words[i + 1] in self.following:
                end = _next(words, ",", i + 2, n)
                region[i + 1 : end] = [i + 2] * (end - i - 1)
        for i, word in enumerate(words):
            if word == "(":
                end = min(_next(words, ")", i + 1, n) + 1, n)
                region[i:end] = [i + 1] * (end - i)
        return region


def _next(words: Sequence[str], word: str, start: int, n: int) -> int:
    """The index of the next ``word`` from ``start``, or ``n``."""
    for i in range(start, n):
        if words[i] == word:
            return i
    return n
