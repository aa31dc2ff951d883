"""HTML -> Document: drop page furniture, keep prose blocks with their links, read page metadata."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from bs4.element import Comment as HtmlComment
from bs4.element import NavigableString, PreformattedString, Tag

from claimcheck.document import Document, is_followable
from claimcheck.extract.blocks import BlockBuilder
from claimcheck.extract.html_meta import read_metadata
from claimcheck.extract.limits import DEPTH_NOTE, MAX_DEPTH, check_markup
from claimcheck.extract.locate import Locator
from claimcheck.positions import Segment, add_segment

logger = logging.getLogger(__name__)

DROPPED_TAGS = (
    "script", "style", "noscript", "template", "nav", "footer", "aside",
    "form", "iframe", "svg", "button", "select", "dialog", "head",
)  # fmt: skip
BLOCK_TAGS = {
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "p": "paragraph", "li": "list_item", "blockquote": "blockquote",
    "figcaption": "caption", "td": "table_cell", "th": "table_cell", "pre": "preformatted",
}  # fmt: skip
# Elements that flow inside a line of text; every other element ends the current run of text.
INLINE_TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font",
    "i", "img", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strike",
    "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
})  # fmt: skip
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


@dataclass
class _Run:
    """The text of the block being built: collapsed whitespace, with open and closed links."""

    role: str
    line: int | None
    keep_newlines: bool = False
    parts: list[str] = field(default_factory=list)
    size: int = 0
    space: bool = False
    links: list[tuple[int, int, str]] = field(default_factory=list)
    link_start: int | None = None  # where the open link's anchor text begins, once known
    in_link: bool = False
    sources: list[Segment] = field(default_factory=list)  # where the text is in the source

    def _append(self, text: str) -> None:
        """Append text that is already in its final form."""
        if self.in_link and self.link_start is None and text.strip():
            self.link_start = self.size + len(text) - len(text.lstrip())
        self.parts.append(text)
        self.size += len(text)

    def add(self, text: str, locator: Locator) -> None:
        """Append ``text``, collapsing whitespace to single spaces (newlines kept in ``pre``),
        and record where it is in the source."""
        if self.keep_newlines:
            text = text.replace("\r\n", "\n")
            text = text.lstrip("\n") if not self.parts else text
            if text.strip():
                locator.place(self.sources, self.size, text)
            self._append(text)
            return
        at = locator.find(text) if text.strip() else None  # the node verbatim (no entities)
        pos = 0  # of the chunk in ``text``
        gap = ""  # the whitespace before the chunk
        for chunk in re.split(r"(\s+)", text):
            if not chunk:
                continue
            if chunk.isspace():
                self.space = self.size > 0
                pos += len(chunk)
                gap = chunk
                continue
            if self.space:
                if at is not None and gap == " ":  # keeps one segment along a line
                    add_segment(self.sources, self.size, at + pos - 1, 1)
                self.parts.append(" ")
                self.size += 1
                self.space = False
            if at is not None:
                add_segment(self.sources, self.size, at + pos, len(chunk))
            else:
                locator.place(self.sources, self.size, chunk)
            self._append(chunk)
            pos += len(chunk)
            gap = ""

    def open_link(self) -> None:
        """Start recording a link's anchor text."""
        self.in_link, self.link_start = True, None

    def close_link(self, href: str) -> None:
        """Stop recording the anchor text and keep the link if it has any."""
        if self.link_start is not None and self.size > self.link_start:
            last = self.parts[-1]
            end = self.size - (len(last) - len(last.rstrip()))
            self.links.append((self.link_start, end, href))
        self.in_link, self.link_start = False, None


@dataclass
class _Builder(BlockBuilder):
    """The block builder, closing runs of HTML text into blocks with absolute links."""

    base: str | None = None
    locator: Locator = field(default_factory=lambda: Locator(""))

    def flush(self, run: _Run | None) -> None:
        """Close ``run`` and append it as a block if it holds any text."""
        if run is None:
            return
        raw = "".join(run.parts)
        text = raw.rstrip()
        lead = len(text) - len(text.lstrip())
        text = text[lead:]
        if not text:
            return
        links: list[tuple[int, int, str]] = []
        for a, b, href in run.links:
            a, b = max(a - lead, 0), min(b - lead, len(text))
            if a < b:
                links.append((a, b, urljoin(self.base, href) if self.base else href))
        sources = [  # the leading whitespace cut off: a segment starting in it starts later
            (r - lead, s, n) if r >= lead else (0, s + lead - r, n - lead + r)
            for r, s, n in run.sources if r >= lead or r + n > lead
        ]  # fmt: skip
        self.append(run.role, text, links, source_line=run.line, sources=sources)


def _is_hidden(tag: Tag) -> bool:
    """Whether ``tag`` is hidden from readers by attribute or inline style."""
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    return bool(_HIDDEN_STYLE.search(str(tag.get("style", ""))))


def _strip_furniture(soup: BeautifulSoup) -> None:
    """Remove navigation, scripts, forms, hidden elements and the site header in place.

    A walk with a stack that carries whether it is inside an ``<article>``, not skipping
    ``tag.decomposed`` tags and asking ``find_parent``: bs4 answers ``decomposed`` on a live
    tag by searching its whole subtree, so nested ``<div>`` cost depth squared.
    """
    dropped = frozenset(DROPPED_TAGS)
    stack: list[tuple[Tag, bool]] = [(soup, False)]
    while stack:
        node, in_article = stack.pop()
        for tag in [c for c in node.children if isinstance(c, Tag)]:
            site_header = tag.name == "header" and not in_article
            if site_header or tag.name in dropped or _is_hidden(tag):
                tag.decompose()
            else:
                stack.append((tag, in_article or tag.name == "article"))


class _Walker:
    """Walks the cleaned tree in document order, cutting it into blocks."""

    def __init__(self, builder: _Builder) -> None:
        self.builder = builder
        self.run: _Run | None = None
        self.flattened = False  # some markup lay deeper than MAX_DEPTH

    def _text(self, text: str, role: str, line: int | None) -> None:
        """Add a text node to the current run, starting a run of ``role`` if needed."""
        if self.run is None:
            if not text.strip():
                return
            self.run = _Run(role, line)
        self.run.add(text, self.builder.locator)

    def walk(self, node: Tag, role: str, link: str | None = None, depth: int = 0) -> None:
        """Visit the children of ``node`` (at ``depth``); ``role`` is the block role for loose
        text."""
        for child in node.children:
            if isinstance(child, HtmlComment):  # kept for suppression directives
                self.builder.comment(f"<!--{child}-->")
                continue
            if isinstance(child, PreformattedString):
                continue  # comments, CDATA, doctype, processing instructions
            if isinstance(child, NavigableString):
                self._text(str(child), role, node.sourceline)
            elif isinstance(child, Tag):
                self._element(child, role, link, depth + 1)

    def _element(self, tag: Tag, role: str, link: str | None, depth: int) -> None:
        """Visit one element: an inline element joins the run, a block starts its own; below
        ``MAX_DEPTH`` its text joins the run (the walk recurses, Python's stack is finite)."""
        if depth > MAX_DEPTH:
            self.flattened = True
            self._text(tag.get_text(), role, tag.sourceline)
            return
        name = tag.name.lower()
        self.builder.locator.enter(name)
        if name in INLINE_TAGS:
            if name == "br":
                self._text(
                    " " if self.run is None or not self.run.keep_newlines else "\n",
                    role,
                    tag.sourceline,
                )
                return
            href = tag.get("href") if name == "a" and link is None else None
            if isinstance(href, str) and is_followable(href):
                self._link(tag, role, href.strip(), depth)
            else:
                self.walk(tag, role, link, depth)
            return
        self.builder.flush(self.run)
        self.run = None
        own = BLOCK_TAGS.get(name)
        if own is not None and role in ("list_item", "blockquote", "table_cell", "caption"):
            own = role if own == "paragraph" else own
        if own is not None:
            self.run = _Run(own, tag.sourceline, keep_newlines=name == "pre")
        self.walk(tag, own or role, link, depth)
        self.builder.flush(self.run)
        self.run = None

    def _link(self, tag: Tag, role: str, href: str, depth: int) -> None:
        """Visit an ``<a href>`` and record its anchor span in the current run."""
        if self.run is None:
            self.run = _Run(role, tag.sourceline)
        run = self.run
        run.open_link()
        self.walk(tag, role, href, depth)
        if self.run is run:
            run.close_link(href)


def _base_url(soup: BeautifulSoup, base_url: str | None) -> str | None:
    """The URL relative links resolve against: ``<base href>`` joined to ``base_url``."""
    base = soup.find("base", href=True)
    href = base.get("href") if isinstance(base, Tag) else None
    if isinstance(href, str) and href.strip():
        return urljoin(base_url, href.strip()) if base_url else href.strip()
    return base_url


def parse_html(origin: str, html: str, base_url: str | None = None) -> Document:
    """Build the Document of an HTML page: prose blocks, absolute links and page metadata.

    Pages over ``MAX_ELEMENTS`` elements are refused (ExtractError) before parsing.
    """
    check_markup(origin, html)
    soup = BeautifulSoup(html, "lxml")
    base = _base_url(soup, base_url)
    metadata = read_metadata(soup, base)
    _strip_furniture(soup)
    builder = _Builder(base=base, locator=Locator(html))
    builder.source = builder.locator.source
    builder.locator.skip_head()
    walker = _Walker(builder)
    walker.walk(soup, "paragraph")
    builder.flush(walker.run)
    return builder.document(
        origin, media_type="text/html", metadata=metadata,
        notes=(DEPTH_NOTE,) if walker.flattened else (),
    )  # fmt: skip
