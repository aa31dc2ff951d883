"""The one builder of a Document's text: blocks joined by one separator, with their offsets.

Markdown, HTML and article extraction each cut their input into blocks of text; this builder
joins them with ``SEPARATOR`` and records every block, link and comment at its offset in the
joined text, so all three follow one offset convention. Given the source text, it also keeps
where each block's text came from (``positions.SourceMap``), so findings report the file's
lines and columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from claimcheck.document import Block, Comment, Document, Link
from claimcheck.positions import Segment, SourceMap, add_segment

__all__ = ["SEPARATOR", "BlockBuilder"]

SEPARATOR = "\n\n"  # between two blocks of the checked text


@dataclass
class BlockBuilder:
    """Appends blocks of text, with their kinds, links and comments, to one checked text."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    # the source text that ``segments`` point into (newline-normalized); None: no source map
    source: str | None = None
    segments: list[Segment] = field(default_factory=list)

    def next_start(self) -> int:
        """The offset where the next block's text will begin (after the separator)."""
        return self.length + (len(SEPARATOR) if self.parts else 0)

    def append(
        self, role: str, text: str, links: Iterable[tuple[int, int, str]] = (),
        source_line: int | None = None, sources: Iterable[Segment] = (),
    ) -> int:
        """Append ``text`` as a block of ``role`` and return where it starts.

        ``links`` are ``(start, end, href)`` and ``sources`` are segments (where the text came
        from in the source), both with rendered offsets into ``text``.
        """
        start = self.next_start()
        if self.parts:
            self.parts.append(SEPARATOR)
        self.parts.append(text)
        self.length = start + len(text)
        self.blocks.append(Block(role, start, self.length, source_line=source_line))
        self.links.extend(Link(start + a, start + b, href) for a, b, href in links)
        for r, s, n in sources:
            if 0 <= r < len(text):
                add_segment(self.segments, start + r, s, n)
        return start

    def comment(self, text: str) -> None:
        """Record a comment (a suppression directive) at the current end of the text."""
        self.comments.append(Comment(self.length, text))

    def text(self) -> str:
        """The checked text built so far."""
        return "".join(self.parts)

    def document(self, origin: str, **fields: Any) -> Document:
        """The Document of the built text, blocks, links and comments, plus ``fields``."""
        source_map = None if self.source is None else SourceMap.build(self.source, self.segments)
        return Document(
            origin=origin, text=self.text(), blocks=tuple(self.blocks),
            links=tuple(self.links), comments=tuple(self.comments), source_map=source_map,
            **fields,
        )  # fmt: skip
