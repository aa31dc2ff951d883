"""The checked text of one input, with its block structure, links and metadata."""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from claimcheck.positions import SourceMap, Span

BLOCK_KINDS = frozenset(
    {"heading", "paragraph", "list_item", "blockquote", "table_cell", "caption", "preformatted"}
)


@dataclass(frozen=True)
class Block:
    """A structural block of the checked text: ``text[start:end]`` is its content."""

    role: str  # paragraph, heading, list-item, blockquote, link-line, ... (what the block is)
    start: int
    end: int
    source_line: int | None = None  # 1-based line of the block in the source file, when known


@dataclass(frozen=True)
class Link:
    """A hyperlink: ``text[start:end]`` is its anchor text, ``href`` its absolute target."""

    start: int
    end: int
    href: str

    @property
    def domain(self) -> str:
        """The link's host name, lower-cased, without a leading ``www.``."""
        host = (urlsplit(self.href).hostname or "").lower()
        return host[4:] if host.startswith("www.") else host


@dataclass(frozen=True)
class Comment:
    """A source comment (``<!-- ... -->``) at ``offset`` in the checked text.

    Markdown and HTML drop comments from the checked text, so the parser records where they
    stood; suppression directives are read from these.
    """

    offset: int
    text: str


@dataclass(frozen=True)
class Metadata:
    """Page or front-matter metadata; ``None`` fields are absent from the input."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Submission:
    """Who sent a document and where it is to appear: a record of a moderators' batch
    (``check --jsonl``), carried through to the reports."""

    id: str
    author: str | None = None
    title: str | None = None
    site: str | None = None


@dataclass(frozen=True)
class Document:
    """One article ready to check.

    ``text`` is what is checked; offsets in blocks, links and findings point into it. For
    ``.txt`` input it is the decoded file exactly. ``metadata`` is ``None`` when the input
    format carries no metadata at all (plain text), so "no author" is only reported where an
    author could have been given. ``source_map`` maps offsets of ``text`` to lines and columns
    of the source file (Markdown, HTML); None when ``text`` is the source itself.
    """

    origin: str
    text: str
    blocks: tuple[Block, ...] = ()
    links: tuple[Link, ...] = ()
    media_type: str = "text/plain"
    encoding: str | None = None
    metadata: Metadata | None = None
    notes: tuple[str, ...] = field(default=())  # e.g. "decoded as cp1252 (detected)"
    comments: tuple[Comment, ...] = ()
    source_map: SourceMap | None = field(default=None, repr=False, compare=False)
    submission: Submission | None = None  # set for the records of a --jsonl batch

    @functools.cached_property
    def positions(self) -> SourceMap:
        """The source map, or the identity map of a text that is its own source."""
        return self.source_map or SourceMap.identity(self.text)

    def span(self, start: int, end: int) -> Span:
        """The source (line, column, end line, end column) of ``text[start:end]``."""
        return self.positions.span(start, end)

    @functools.cached_property
    def _block_starts(self) -> list[int]:
        """Block starts for bisection, built once: a long page asks for thousands of offsets."""
        return [b.start for b in self.blocks]

    def block_at(self, offset: int) -> Block | None:
        """The block containing ``offset``, if any."""
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i]
        return None


_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "sms:")


def is_followable(href: str) -> bool:
    """Whether a link target points at another page (not a script, e-mail, phone or #anchor)."""
    href = href.strip()
    return bool(href) and not href.startswith("#") and not href.lower().startswith(_SKIP_SCHEMES)
