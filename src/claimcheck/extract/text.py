"""Plain text -> Document: the text is kept exactly; paragraphs, list items and headings found."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from claimcheck.document import Block, Document

_LINE = re.compile(r"[^\n]*\n?")
_LIST_MARKER = re.compile(r"[ \t]*(?:[-*\u2022]|\d{1,3}[.)])[ \t]+\S")
_TERMINAL = (".", "!", "?", ":", ";")
_MAX_HEADING_WORDS = 12

# A line: (start offset, end offset without the newline, content, 1-based line number).
_Line = tuple[int, int, str, int]


def _lines(text: str) -> Iterator[_Line]:
    """Yield every line of ``text`` with its offsets, newline (and any ``\\r``) excluded."""
    for number, m in enumerate(_LINE.finditer(text), start=1):
        if m.start() == m.end():
            break
        line = m.group().rstrip("\n").rstrip("\r")
        yield m.start(), m.start() + len(line), line, number


def _paragraphs(text: str) -> Iterator[list[_Line]]:
    """Group the lines of ``text`` into runs of non-blank lines."""
    run: list[_Line] = []
    for line in _lines(text):
        if line[2].strip():
            run.append(line)
        elif run:
            yield run
            run = []
    if run:
        yield run


_WRAP_MIN, _WRAP_MAX = 40, 100  # line lengths of hard-wrapped prose


def _hard_wrapped(para: list[_Line]) -> bool:
    """Whether a run of lines is one hard-wrapped paragraph (an editor's 72-column draft)
    rather than lines that are each a block (a scraped page: a paragraph or item per line).

    Wrapped: every line but the last is 40-100 characters long, and some line break falls
    inside a sentence: the line ends without terminal punctuation and the next one starts in
    lower case.
    """
    lines = [line[2].strip() for line in para]
    if len(lines) < 2 or any(not _WRAP_MIN <= len(b) <= _WRAP_MAX for b in lines[:-1]):
        return False
    return any(not a.endswith(_TERMINAL) and b[:1].islower() for a, b in pairwise(lines))


def _segments(para: list[_Line]) -> Iterator[tuple[bool, list[_Line]]]:
    """Split a paragraph into (is_list_item, lines) segments.

    A list-marker line starts a new item; an indented line after an item continues it; an
    unindented plain line after an item starts ordinary text again. Unless the run is
    hard-wrapped prose, every other line is a segment of its own: scraped pages put one
    paragraph, heading or list item on each line.
    """
    current: list[_Line] = []
    in_item = False
    wrapped = _hard_wrapped(para)
    for line in para:
        content = line[2]
        is_marker = _LIST_MARKER.match(content) is not None
        continues = in_item and content[:1] in (" ", "\t")
        breaks = is_marker or (in_item and not continues) or (not in_item and not wrapped)
        if current and breaks:
            yield in_item, current
            current = []
        if not current:
            in_item = is_marker
        current.append(line)
    if current:
        yield in_item, current


def _is_heading(line: str) -> bool:
    """Whether a single-line paragraph reads like a heading ("Benefits of Green Tea")."""
    stripped = line.strip()
    if not any(ch.isalpha() for ch in stripped):
        return False
    if stripped.endswith(_TERMINAL) and not stripped.endswith("?"):
        return False
    return len(stripped.split()) <= _MAX_HEADING_WORDS


def _block(role: str, lines: list[_Line]) -> Block:
    """A block spanning ``lines``, surrounding whitespace excluded."""
    first, last = lines[0], lines[-1]
    start = first[0] + len(first[2]) - len(first[2].lstrip())
    end = last[1] - (len(last[2]) - len(last[2].rstrip()))
    return Block(role, start, end, source_line=first[3])


def plain_blocks(text: str) -> tuple[Block, ...]:
    """Find the paragraph, list-item and heading blocks of plain ``text``."""
    blocks: list[Block] = []
    for para in _paragraphs(text):
        for is_item, lines in _segments(para):
            if is_item:
                role = "list_item"
            elif len(lines) == 1 and _is_heading(lines[0][2]):
                role = "heading"
            else:
                role = "paragraph"
            blocks.append(_block(role, lines))
    return tuple(blocks)


def parse_plain(
    origin: str,
    text: str,
    *,
    encoding: str | None = None,
    notes: tuple[str, ...] = (),
) -> Document:
    """Build the Document of a plain-text article; ``text`` is kept exactly as given."""
    return Document(
        origin=origin,
        text=text,
        blocks=plain_blocks(text),
        media_type="text/plain",
        encoding=encoding,
        metadata=None,
        notes=notes,
    )
