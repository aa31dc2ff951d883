"""One offset convention for every extractor: blocks joined by SEPARATOR, links inside blocks."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimcheck.document import Document
from claimcheck.extract.article import extract_article
from claimcheck.extract.blocks import SEPARATOR, BlockBuilder
from claimcheck.extract.html import parse_html
from claimcheck.extract.markdown import parse_markdown

MARKDOWN = """# A cure?

Green tea [cures](https://example.org/tea) colds, a [study](https://example.org/s) says.

- one item
- two items

> A quoted line.
"""
HTML = """<html><body><article><h1>A cure?</h1>
<p>Green tea <a href="/tea">cures</a> colds, a <a href="https://example.org/s">study</a> says,
according to researchers who followed many people for a long time.</p>
<ul><li>one item</li><li>two items</li></ul><blockquote>A quoted line.</blockquote>
</article></body></html>"""

PARSERS: dict[str, Callable[[], Document]] = {
    "markdown": lambda: parse_markdown("a.md", MARKDOWN),
    "html": lambda: parse_html("a.html", HTML, "https://example.org/a/"),
    "article": lambda: extract_article("a.html", HTML, "https://example.org/a/"),
}


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_blocks_tile_the_text(name: str) -> None:
    """The text is the blocks joined by SEPARATOR; every link lies inside one block."""
    doc = PARSERS[name]()
    assert len(doc.blocks) >= 3
    assert SEPARATOR.join(doc.text[b.start : b.end] for b in doc.blocks) == doc.text
    assert doc.links
    for link in doc.links:
        assert any(b.start <= link.start < link.end <= b.end for b in doc.blocks), link
        assert doc.text[link.start : link.end] in {"cures", "study"}


def test_builder_offsets() -> None:
    """Blocks start after the separator; links are shifted from block to text offsets."""
    out = BlockBuilder()
    assert out.append("heading", "Title") == 0
    out.comment("<!-- claimcheck-disable -->")
    start = out.append("paragraph", "Tea cures.", [(4, 9, "https://example.org/")])
    assert start == len("Title") + len(SEPARATOR)
    doc = out.document("x", media_type="text/markdown")
    assert doc.text == f"Title{SEPARATOR}Tea cures."
    assert out.next_start() == len(doc.text) + len(SEPARATOR)
    assert doc.text[doc.links[0].start : doc.links[0].end] == "cures"
    assert doc.comments[0].offset == len("Title")
