"""Wording a page shows without asserting it: scare quotes and navigation trails.

A word or two in quotation marks ("a 'miracle' cure", “immune boosting” drips) is held at a
distance: the writer names other people's wording, often to doubt it. A longer quotation is
someone's statement and stays a (reported) claim. A line of links joined by breadcrumb
separators ("Home > Health > Back pain", also with U+203A or U+00BB) is site navigation. Claim
triggers inside a trail, or starting inside scare quotes, are no claims of the page.
"""

from __future__ import annotations

from spacy.tokens import Doc

MAX_SCARE_WORDS = 3  # words inside the quotes
_PAIRS = {"\u201c": "\u201d", "\u2018": "\u2019", '"': '"'}  # opening -> closing mark
_TRAIL = frozenset({"\u203a", "\u00bb", ">", "\u2192"})  # breadcrumb separators


def scare_quoted(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges inside quotation marks holding one to ``MAX_SCARE_WORDS`` words."""
    out: list[tuple[int, int]] = []
    i = 0
    n = len(doc)
    while i < n:
        close = _PAIRS.get(doc[i].text)
        if close is None:
            i += 1
            continue
        j = i + 1
        while j < n and j - i <= MAX_SCARE_WORDS + 2 and doc[j].text != close:
            j += 1
        words = sum(1 for t in doc[i + 1 : j] if not t.is_punct)
        if j < n and doc[j].text == close and 1 <= words <= MAX_SCARE_WORDS:
            if not any(t.is_sent_start for t in doc[i + 1 : j]):
                out.append((i + 1, j))
            i = j + 1
        else:
            i += 1
    return out


def navigation_trails(doc: Doc, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences (token ranges) with two or more breadcrumb separators."""
    return [(s, e) for s, e in bounds if sum(doc[k].text in _TRAIL for k in range(s, e)) >= 2]
