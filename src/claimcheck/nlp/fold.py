"""Fold homoglyph-obfuscated words to the Latin words they imitate (Cyrillic U+0435 for "e").

Spam copies swap Latin letters for Cyrillic or Greek look-alikes so that filters miss them.
The look-alike table is Unicode's confusables data, through the ``confusable-homoglyphs``
library. A word is folded when it mixes scripts or consists only of letters with an ASCII
look-alike; a genuine Cyrillic or Greek word ("Москва") is left alone. The pipeline computes
each word's lower-case form (``LOWER``, from which lemmas, health terms and every pattern are
matched) through :func:`folded_lower`, once per vocabulary entry; the checked text itself is
never changed.
"""

from __future__ import annotations

import functools
from typing import Any

from spacy.attrs import LOWER  # type: ignore[import-not-found]  # Cython, no stubs


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The word with look-alike letters replaced by their ASCII originals, when obfuscated."""
    if word.isascii() or not any(ch.isalpha() and not ch.isascii() for ch in word):
        return word  # a curly quote or a dash disguises no letter
    from confusable_homoglyphs import confusables  # its tables load on first use: ~60 ms

    found = confusables.is_confusable(word, greedy=True, preferred_aliases=["latin"])
    if not found:
        return word
    table = {}
    for hit in found:  # letters only: an en dash or a curly quote disguises nothing
        ascii_forms = [h["c"] for h in hit["homoglyphs"] if h["c"].isascii() and h["c"].isalpha()]
        if ascii_forms and hit["character"].isalpha():
            table[hit["character"]] = ascii_forms[0]
    letters = [ch for ch in word if ch.isalpha()]
    has_latin = any(ch.isascii() for ch in letters)
    if not table or not (has_latin or all(ch in table for ch in letters)):
        return word
    return "".join(table.get(ch, ch) for ch in word)


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def folded_lower(string: str) -> str:
    """The ``LOWER`` attribute of a vocabulary entry: lower case, look-alikes folded, and curly
    apostrophes straight (so a curly "don't" matches a straight one)."""
    if string.isascii():  # nearly every word: nothing to fold
        return string.lower()
    return fold(string).lower().translate(_QUOTES)


def is_obfuscated(word: str) -> bool:
    """Whether a word hides Latin letters behind look-alikes (a spam signal)."""
    return fold(word) != word


def fold_vocab(vocab: Any) -> None:
    """Compute ``LOWER`` through :func:`folded_lower` in ``vocab`` (a spaCy Vocab, Cython
    without stubs), for the entries it already holds (tokenizer exceptions, a curly "n't")
    and every later one. Each claimcheck component does this when it is made, so a pipeline
    built any way (``add_pipe``, ``spacy.load``) folds before its first document."""
    getters = vocab.lex_attr_getters
    if getters.get(LOWER) is folded_lower:
        return
    getters[LOWER] = folded_lower
    for lexeme in vocab:
        lexeme.lower_ = folded_lower(lexeme.orth_)
