"""Main-content extraction from a web page: the article's blocks, links and metadata.

trafilatura finds the article inside the site's chrome (measured in ``bench/extraction.py``);
its XML output is converted here to a :class:`~claimcheck.document.Document` with character
offsets for every block and link.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml import etree  # type: ignore[import-untyped]
from lxml import html as lxml_html

from claimcheck.document import Document, Metadata
from claimcheck.errors import ExtractError
from claimcheck.extract.blocks import BlockBuilder
from claimcheck.extract.limits import MAX_DEPTH, check_markup
from claimcheck.extract.locate import Locator
from claimcheck.positions import Segment

logger = logging.getLogger(__name__)

# trafilatura XML element -> Document block role; containers (list, table, row) have none.
_BLOCK_KIND = {
    "head": "heading",
    "p": "paragraph",
    "item": "list_item",
    "quote": "blockquote",
    "cell": "table_cell",
    "code": "preformatted",
}
# Inside these, a nested paragraph keeps the container's role (a quoted paragraph is a quote).
_INHERITING = frozenset({"blockquote", "list_item", "table_cell"})
_CONTAINERS = frozenset({"list", "table", "row", "main", "div"})
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class ExtractSettings:
    """trafilatura settings, chosen by measurement (see bench/README.md)."""

    favor_recall: bool = True
    favor_precision: bool = False
    include_tables: bool = True
    no_fallback: bool = False


DEFAULT_SETTINGS = ExtractSettings()


class _Builder:
    """Collects the open block's text and links, and appends closed blocks to ``out``."""

    def __init__(self, base_url: str | None, source: str) -> None:
        self.base_url = base_url
        self.locator = Locator(source)
        self.locator.skip_head()
        self.out = BlockBuilder(source=self.locator.source)
        self._cur = ""
        self._role: str | None = None
        self._pending: list[tuple[int, int, str]] = []
        self._sources: list[Segment] = []  # where the open block's text is in the page

    def open(self, role: str) -> None:
        """Start a block of ``role``, closing any open one."""
        self.close()
        self._role = role

    def add(self, text: str | None) -> None:
        """Append inline text to the open block (a paragraph if none), collapsing whitespace."""
        if not text:
            return
        if self._role is None:
            if not text.strip():
                return
            self._role = "paragraph"
        if self._role != "preformatted":
            text = _SPACES.sub(" ", text)
        if not self._cur or self._cur.endswith((" ", "\n")):
            text = text.lstrip(" ")
        if text.strip():  # trafilatura's text, searched in the page in document order
            self.locator.place(self._sources, len(self._cur), text)
        self._cur += text

    def newline(self) -> None:
        """Append a line break inside the open block."""
        if self._cur:
            self._cur = self._cur.rstrip(" ") + "\n"

    def offset(self) -> int:
        """The text offset where the next appended character will go."""
        return self.out.next_start() + len(self._cur)

    def link(self, start: int, href: str) -> None:
        """Record a link of the open block from ``start`` to the current offset."""
        target = urljoin(self.base_url, href) if self.base_url else href
        base = self.offset() - len(self._cur)
        rel_start, rel_end = min(max(start - base, 0), len(self._cur)), len(self._cur)
        while rel_start < rel_end and self._cur[rel_start].isspace():
            rel_start += 1
        while rel_end > rel_start and self._cur[rel_end - 1].isspace():
            rel_end -= 1
        if rel_end > rel_start and urlsplit(target).scheme in {"http", "https"}:
            self._pending.append((base + rel_start, base + rel_end, target))

    def close(self) -> None:
        """Close the open block, if it has any text."""
        text, role, pending, sources = self._cur.rstrip(), self._role, self._pending, self._sources
        self._cur, self._role, self._pending, self._sources = "", None, [], []
        if not text or role is None:
            return
        start = self.out.next_start()
        end = start + len(text)
        links = [(a - start, min(b, end) - start, href) for a, b, href in pending if a < end]
        self.out.append(role, text, links, sources=sources)


def _walk(builder: _Builder, elem: etree._Element, parent: str | None) -> None:
    """Convert ``elem`` and its subtree; ``parent`` is the enclosing block role."""
    tag = elem.tag if isinstance(elem.tag, str) else ""
    is_block = tag in _BLOCK_KIND or tag in _CONTAINERS
    role = parent
    if tag in _BLOCK_KIND:
        own = _BLOCK_KIND[tag]
        role = parent if own == "paragraph" and parent in _INHERITING else own
        builder.open(role)
    elif tag in _CONTAINERS:
        builder.close()
    elif tag == "lb":
        builder.newline()
    start = builder.offset()
    builder.add(elem.text)
    for child in elem:
        _walk(builder, child, role)
    if tag == "ref" and elem.get("target"):
        builder.link(start, elem.get("target", ""))
    if is_block:
        builder.close()
        if elem.tail and elem.tail.strip():
            builder.open(parent or "paragraph")  # text after a nested block continues the parent
    builder.add(elem.tail)


def _page_language(tree: lxml_html.HtmlElement) -> str | None:
    """The page's declared language: <html lang>, Content-Language meta or og:locale."""
    candidates = [
        *tree.xpath("/html/@lang | /html/@xml:lang"),
        *tree.xpath("//meta[translate(@http-equiv,'CONTEL-AGU','contel-agu')"
                    "='content-language']/@content"),
        *tree.xpath("//meta[@property='og:locale']/@content"),
    ]
    for value in candidates:
        lang = str(value).strip().replace("_", "-").split(",")[0].lower()
        if lang:
            return lang
    return None


def _canonical(tree: lxml_html.HtmlElement, url: str | None) -> str | None:
    """The canonical URL (link rel=canonical, og:url), made absolute."""
    for value in tree.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"):
        href = str(value).strip()
        if href:
            return urljoin(url, href) if url else href
    return None


def _metadata(doc: etree._Element, tree: lxml_html.HtmlElement, url: str | None) -> Metadata:
    """Metadata from trafilatura's <doc> attributes plus the page's own declarations."""
    return Metadata(
        title=doc.get("title") or None,
        author=doc.get("author") or None,
        date=doc.get("date") or None,
        site_name=doc.get("sitename") or None,
        canonical_url=_canonical(tree, url),
        language=_page_language(tree),
    )


def _run_trafilatura(origin: str, tree: lxml_html.HtmlElement, url: str | None,
                     settings: ExtractSettings) -> etree._Element:
    """Run trafilatura on a copy of ``tree`` and parse its XML output."""
    xml = trafilatura.extract(
        copy.deepcopy(tree), url=url, output_format="xml", include_links=True,
        include_formatting=True, with_metadata=True, include_comments=False,
        include_tables=settings.include_tables, favor_recall=settings.favor_recall,
        favor_precision=settings.favor_precision, no_fallback=settings.no_fallback,
    )
    if not xml:
        raise ExtractError(origin, "no article text found in the page")
    root: etree._Element = etree.fromstring(xml.encode("utf-8"))
    return root


def _too_deep(origin: str, html: str, url: str | None) -> Document:
    """A page nested deeper than ``MAX_DEPTH``, read by the whole-page parser: lxml stops
    reading a page at that depth, so trafilatura would see only its start."""
    from claimcheck.extract.html import parse_html  # bs4 is slow to import; rarely needed

    doc = parse_html(origin, html, url)
    note = f"HTML nested deeper than {MAX_DEPTH} elements; read as a whole page, not its article"
    return dataclasses.replace(doc, notes=(*doc.notes, note))


def extract_article(origin: str, html: str, url: str | None = None,
                    settings: ExtractSettings = DEFAULT_SETTINGS) -> Document:
    """Extract the main article of ``html`` (fetched from ``url``) as a Document.

    Pages over ``MAX_ELEMENTS`` elements are refused (ExtractError) before parsing; pages
    nested deeper than ``MAX_DEPTH`` are read whole (``_too_deep``).
    """
    if check_markup(origin, html).depth > MAX_DEPTH:
        return _too_deep(origin, html, url)
    try:
        tree = trafilatura.load_html(html)
    except (ValueError, etree.ParserError) as exc:
        raise ExtractError(origin, f"cannot parse HTML: {exc}") from exc
    if tree is None:
        raise ExtractError(origin, "cannot parse HTML")
    if url:  # resolve hrefs (and <base href>) ourselves: trafilatura mis-resolves "../x"
        tree.make_links_absolute(url, resolve_base_href=True, handle_failures="ignore")
    doc = _run_trafilatura(origin, tree, url, settings)
    builder = _Builder(url, html)
    main = doc.find("main")
    if main is not None:
        _walk(builder, main, None)
    builder.close()
    out = builder.out
    if not out.text().strip():
        raise ExtractError(origin, "no article text found in the page")
    logger.debug("%s: extracted %d blocks, %d links", origin, len(out.blocks), len(out.links))
    return out.document(origin, media_type="text/html", metadata=_metadata(doc, tree, url))
