"""Hostile inputs of issue 11: small files with runaway cost, built in memory (never committed).

Each case is a file name and its bytes; ``tests/hostile/test_hostile.py`` checks that each one
ends with a result or a one-line error, and ``bench/hostile.py`` times them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

_SENTENCES = (
    "Ginger may ease nausea in some adults, a small trial found. "
    "Turmeric cures arthritis. Experts say the supplement boosts immunity. "
    "Talk to your doctor before changing your treatment. "
)


@dataclass(frozen=True)
class Case:
    """One hostile input: ``name`` is its file name (the extension picks the parser)."""

    name: str
    build: Callable[[], bytes]
    why: str


def yaml_bomb() -> bytes:
    """'Billion laughs' in Markdown front matter: 9 levels of 9 aliases, under 600 bytes."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{cur}: &{cur} [{','.join(['*' + prev] * 9)}]")
    lines.append("author: *i")  # the metadata reader flattens a list of author names
    return ("---\n" + "\n".join(lines) + "\n---\n\n# Title\n\n" + _SENTENCES).encode()


def nested_divs(depth: int = 100_000) -> bytes:
    """About 1.1 MB of ``<div>`` nested ``depth`` deep around one paragraph."""
    return ("<html><body>" + "<div>" * depth + f"<p>{_SENTENCES}</p>" + "</div>" * depth
            + "</body></html>").encode()  # fmt: skip


def many_links(count: int = 50_000) -> bytes:
    """One 2 MB paragraph (one sentence): ``count`` links, each followed by a claim wording,
    so that every modifier and every trigger share one sentence."""
    links = " ".join(f'<a href="https://e.org/{i}">study</a> may cure flu' for i in range(count))
    return f"<html><body><p>Turmeric cures arthritis {links}.</p></body></html>".encode()


def many_elements(count: int = 1_000_000) -> bytes:
    """``count`` tiny elements (8 MB, under the 10 MB input limit)."""
    return ("<html><body>" + "<b>x</b>" * count + "</body></html>").encode()


def long_text(size: int = 2_000_000) -> bytes:
    """Plain text of ``size`` bytes: twice spaCy's default ``max_length``."""
    paragraph = (_SENTENCES * 4).strip() + "\n\n"
    return (paragraph * (size // len(paragraph) + 1)).encode()[:size]


CASES = (
    Case("yaml-bomb.md", yaml_bomb, "YAML aliases expand to 9**9 strings"),
    Case("nested-divs.html", nested_divs, "100,000 nested <div>"),
    Case("many-links.html", many_links, "one sentence of 50,000 links"),
    Case("many-elements.html", many_elements, "1,000,000 tiny elements"),
    Case("long-text.txt", long_text, "2 MB of plain text, past spaCy's max_length"),
)
