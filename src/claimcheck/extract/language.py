"""Cheap language check: only English articles are checked; others are skipped, not failed."""

from __future__ import annotations

import re
from collections import Counter

from claimcheck.document import Document
from claimcheck.errors import InputError

# Very frequent function words; a page's share of each list identifies its language well
# enough to tell English from the other common web languages.
_STOPWORDS = {
    "en": "the and of to a in is that it for was on are with as be by this not or have from",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als",
    "fr": "le la les de des et en un une du est pour que qui dans ne pas sur au avec",
    "es": "el la de que y en los se del las un por con no una su para es al lo",
    "it": "il di che la e per un in non una sono del della le con si da gli al",
    "nl": "de het een en van is dat op te in zijn met voor niet aan er ook als maar",
    "pt": "o a de que e do da em um para com não uma os no se na por mais as",
}
_LISTS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 40
MIN_SHARE = 0.12


class SkippedInput(InputError):
    """An input that is deliberately not checked (e.g. not English); report it as info."""

    code = "skipped-input"


def guess_language(text: str) -> str | None:
    """The language whose stopwords cover most of ``text``, if the text is long enough."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return None
    counts = Counter(words)
    shares = {lang: sum(counts[w] for w in stop) / len(words) for lang, stop in _LISTS.items()}
    best = max(shares, key=lambda lang: shares[lang])
    return best if shares[best] >= MIN_SHARE else None


def document_language(document: Document) -> str | None:
    """The primary language subtag of ``document``: from its text, else from its metadata."""
    declared = document.metadata.language if document.metadata else None
    primary = declared.split("-")[0].lower() if declared else None
    guessed = guess_language(document.text)
    if guessed is not None:
        return guessed  # declarations are often template defaults; the text decides
    if primary is None and _mostly_non_latin(document.text):
        return "und"  # BCP 47 "undetermined": not in a Latin script, so not English
    return primary


def _mostly_non_latin(text: str) -> bool:
    """Whether most letters of a long enough ``text`` are outside the Latin script."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < MIN_WORDS * 4:
        return False
    latin = sum(1 for c in letters if c < "\u0250")
    return latin / len(letters) < 0.5


def ensure_english(document: Document) -> None:
    """Raise :class:`SkippedInput` when ``document`` is not in English."""
    lang = document_language(document)
    if lang is not None and lang != "en":
        raise SkippedInput(
            document.origin, f"skipped: page language is '{lang}', only English is checked"
        )
