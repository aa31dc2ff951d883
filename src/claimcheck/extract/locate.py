"""Finding rendered text in its source, in document order, to map offsets back to the file.

The extractors render text from parsed markup; parsers do not say where inline text came
from. A ``Locator`` walks the source with a cursor: each piece of rendered text is looked
for at or after the cursor, within a bounded window (so a piece that cannot be found, such
as text with decoded entities, costs a bounded scan and not one to the end of the file).
"""

from __future__ import annotations

import functools
import re

from claimcheck.positions import LineIndex, Segment, add_segment, normalize_newlines

__all__ = ["Locator"]

WINDOW = 65_536  # how far past the cursor a piece of text may be (markup, long URLs between)
_TAG_WINDOW = 2_048  # how far past the cursor an entered element's start tag may be
_IMPLIED = frozenset({"html", "head", "body", "tbody"})  # often implied by the parser
_WORDS = re.compile(r"\S+")
_PLAIN = re.compile(r"[A-Za-z0-9]+")  # the start of a word that no entity could have written


@functools.cache
def _start_tag(name: str) -> re.Pattern[str]:
    """The start tag of element ``name``, in any letter case."""
    return re.compile(rf"<{re.escape(name)}(?=[\s/>])", re.IGNORECASE)


class Locator:
    """A cursor over the (newline-normalized) source text."""

    def __init__(self, source: str) -> None:
        self.source = normalize_newlines(source)
        self.cursor = 0
        self.limit: int | None = None  # where the text being placed must end (a block's end)
        self._lines: LineIndex | None = None

    def line_start(self, line: int) -> int:
        """The source offset of 1-based ``line``."""
        if self._lines is None:
            self._lines = LineIndex(self.source)
        return self._lines.line_start(line)

    def seek(self, offset: int) -> None:
        """Move the cursor forward to ``offset`` (never back)."""
        self.cursor = max(self.cursor, offset)

    def find(self, piece: str) -> int | None:
        """Where ``piece`` next occurs at or after the cursor, before ``limit`` and within
        the window; the cursor moves past it. None (cursor unmoved) when it is not there."""
        end = self.cursor + len(piece) + WINDOW
        limit = self.limit
        found = self.source.find(piece, self.cursor, end if limit is None else min(end, limit))
        if found < 0 or not piece:
            return None
        self.cursor = found + len(piece)
        return found

    def enter(self, tag: str) -> None:
        """Move the cursor past the next start tag of ``tag`` (its attributes are not text),
        if it is near: a tag the parser implied (``tbody``, a ``p`` around loose text) is not
        in the source, and the next one written may be far ahead."""
        if tag in _IMPLIED:
            return
        m = _start_tag(tag).search(self.source, self.cursor, self.cursor + _TAG_WINDOW)
        if m is not None:
            close = self.source.find(">", m.end(), m.end() + WINDOW)
            self.cursor = close + 1 if close >= 0 else m.end()

    def skip_head(self) -> None:
        """Move the cursor past ``<body ...>``, if the page has one: the head's title and
        scripts often repeat the article's words."""
        m = _start_tag("body").search(self.source, self.cursor)
        if m is not None:
            close = self.source.find(">", m.end(), m.end() + WINDOW)
            self.cursor = close + 1 if close >= 0 else m.end()

    def place(self, segments: list[Segment], rendered: int, text: str) -> None:
        """Record where ``text`` (rendered at ``rendered``) came from: in one piece where its
        first word is, if the rest follows verbatim (not a verbatim copy further on, when the
        source wraps the text differently), else word by word. A word not found verbatim is
        placed where its first letters or digits are (``AT&T`` written ``AT&amp;T``), else
        at the cursor."""
        first = _WORDS.search(text)
        if first is None:
            return
        before = self.cursor
        at = self.find(first.group())
        if at is not None:
            body = text[first.start() :].rstrip()
            if self.source.startswith(body, at):
                self.cursor = at + len(body)
                add_segment(segments, rendered + first.start(), at, len(body))
                return
            self.cursor = before
        for m in _WORDS.finditer(text):
            word = m.group()
            at = self.find(word)
            if at is None:
                plain = _PLAIN.match(word)
                word = plain.group() if plain else ""
                at = self.find(word) if word else None
            if at is None:
                add_segment(segments, rendered + m.start(), self.cursor, 0)
            else:
                add_segment(segments, rendered + m.start(), at, len(word))
