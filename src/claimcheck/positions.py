"""Positions in the source file: rendered-text offsets -> 1-based (line, column) of the source.

A Document's ``text`` is what is checked; for Markdown and HTML it is rendered (markup,
entities and collapsed whitespace gone), so its offsets are not the file's. The extractors
record, while they build the text, where each rendered run of characters came from: a
``SourceMap`` keeps those runs sorted by rendered offset, and answers a position with two
bisections (the run, then the source line).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

__all__ = ["LineIndex", "Segment", "SourceMap", "Span", "normalize_newlines"]

# (rendered start, source start, length): rendered[r : r + n] is source[s : s + n] verbatim;
# rendered offsets after r + n (up to the next segment) map to s + n (the run's end).
# A length of 0 is an approximate place: the whole run maps to s.
Segment = tuple[int, int, int]
# (line, column, end line, end column), 1-based; the end is just after the last character
Span = tuple[int, int, int, int]


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` as ``\\n``, as markdown-it and lxml read them: lines and
    columns are the same as in the file, and offsets agree with the parsers' text."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


class LineIndex:
    """Maps character offsets to 1-based (line, column), by bisection over line starts."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        pos = 0
        while True:
            nl = text.find("\n", pos)
            if nl < 0:
                break
            starts.append(nl + 1)
            pos = nl + 1
        self._starts = tuple(starts)

    def __getstate__(self) -> tuple[int, ...]:
        return self._starts

    def __setstate__(self, state: tuple[int, ...]) -> None:
        self._starts = state

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based line and column of ``offset``."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1

    def line_start(self, line: int) -> int:
        """The offset where 1-based ``line`` begins (the last line's start past the end)."""
        return self._starts[min(max(line, 1), len(self._starts)) - 1]


@dataclass(frozen=True)
class SourceMap:
    """Rendered offsets -> source offsets -> source (line, column).

    ``rendered``, ``source`` and ``lengths`` are the columns of the segments (see
    ``Segment``), sorted by rendered start; ``lines`` indexes the source text.
    """

    rendered: tuple[int, ...]
    source: tuple[int, ...]
    lengths: tuple[int, ...]
    lines: LineIndex

    @classmethod
    def identity(cls, text: str) -> SourceMap:
        """The map of a text that is its own source (plain text)."""
        return cls((0,), (0,), (len(text),), LineIndex(text))

    @classmethod
    def build(cls, source: str, segments: list[Segment]) -> SourceMap:
        """The map of ``segments`` (sorted by rendered start) into ``source``."""
        rendered, starts, lengths = zip(*segments, strict=True) if segments else ((), (), ())
        return cls(tuple(rendered), tuple(starts), tuple(lengths), LineIndex(source))

    def offset(self, rendered: int) -> int:
        """The source offset of rendered offset ``rendered``."""
        i = bisect.bisect_right(self.rendered, rendered) - 1
        if i < 0:
            return self.source[0] if self.source else 0
        return self.source[i] + min(rendered - self.rendered[i], self.lengths[i])

    def position(self, rendered: int) -> tuple[int, int]:
        """The 1-based source (line, column) of rendered offset ``rendered``."""
        return self.lines.position(self.offset(rendered))

    def span(self, start: int, end: int) -> Span:
        """The source (line, column, end line, end column) of ``rendered[start:end]``.

        The end is the column just after the span's last character, on that character's line
        (so a span that ends with a newline does not end on the next line).
        """
        line, column = self.position(start)
        if end <= start:
            return line, column, line, column
        end_line, last_column = self.position(end - 1)
        # an approximate segment can place the end before the start; never report that
        return (line, column, *max((end_line, last_column + 1), (line, column)))


def add_segment(segments: list[Segment], rendered: int, source: int, length: int) -> None:
    """Append a segment, merging it into the last one when it continues it verbatim."""
    if segments:
        r, s, n = segments[-1]
        if r + n == rendered and s + n == source and n:
            segments[-1] = (r, s, n + length)
            return
        if r == rendered:  # nothing of the last one was rendered
            segments[-1] = (rendered, source, length)
            return
    segments.append((rendered, source, length))
