"""Bounds on the markup a page may have, measured before any tree is built.

A page of 1,000,000 tiny elements took 45 s and 1.1 GB to turn into a BeautifulSoup tree
(95 s through trafilatura); one of 100,000 nested ``<div>`` made the walkers recurse past
Python's limit. ``measure_markup`` counts elements and depth with lxml's event parser (no tree,
constant memory, about 0.7 s per million elements) and stops as soon as the element limit is
passed. Real pages stay far below both limits: among 110,000 HTML files measured (rustdoc's
largest pages of 8 MB included) the most had 154,000 elements and the deepest 116 levels.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped]

from claimcheck.errors import ExtractError

MAX_ELEMENTS = 200_000
MAX_DEPTH = 256  # libxml2's own limit when it builds a tree (lxml stops parsing there)
DEPTH_NOTE = (
    f"HTML nested deeper than {MAX_DEPTH} elements; the markup below that depth was read as "
    "plain text"
)


@dataclass(frozen=True)
class MarkupSize:
    """How many elements a page has (counted up to just past the limit) and its depth."""

    elements: int
    depth: int


class _TooMany(Exception):
    """Raised inside the parser's callbacks to stop counting once the limit is passed."""


class _Counter:
    """An lxml parser target that only counts start tags and tracks the nesting depth."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.elements = 0
        self.depth = 0
        self.deepest = 0

    def start(self, tag: str, attrib: object) -> None:
        """One more element, one level deeper."""
        self.elements += 1
        self.depth += 1
        self.deepest = max(self.deepest, self.depth)
        if self.elements > self.limit:
            raise _TooMany

    def end(self, tag: str) -> None:
        """Back up one level."""
        self.depth -= 1

    def data(self, data: str) -> None:
        """Text is not counted."""

    def close(self) -> MarkupSize:
        """The measurements."""
        return MarkupSize(self.elements, self.deepest)


def measure_markup(html: str, limit: int = MAX_ELEMENTS) -> MarkupSize:
    """Count the elements (stopping just past ``limit``) and the deepest nesting of ``html``."""
    counter = _Counter(limit)
    parser = etree.HTMLParser(target=counter, recover=True, huge_tree=True)
    try:
        parser.feed(html)
        parser.close()
    except _TooMany:
        pass
    except etree.Error:  # unparseable markup: the real parser reports it
        pass
    return counter.close()


def check_markup(origin: str, html: str) -> MarkupSize:
    """The page's size; raise ExtractError (one line) when it has too many elements."""
    size = measure_markup(html)
    if size.elements > MAX_ELEMENTS:
        raise ExtractError(
            origin,
            f"page has more than {MAX_ELEMENTS:,} HTML elements; refused, as parsing it "
            "would take minutes and gigabytes",
        )
    return size
