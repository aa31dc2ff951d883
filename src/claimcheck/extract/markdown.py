"""Markdown -> Document: a rendered plain text of the prose blocks, with links and front matter."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from claimcheck.document import Document, Metadata, is_followable
from claimcheck.extract.blocks import BlockBuilder
from claimcheck.extract.locate import Locator
from claimcheck.positions import Segment

logger = logging.getLogger(__name__)

_FRONT_MATTER = re.compile(
    r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL
)
_CONTAINERS = {"list_item_open": "list_item", "blockquote_open": "blockquote"}
_CELLS = {"td_open", "th_open"}
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


@dataclass
class _Builder(BlockBuilder):
    """The block builder, plus the first H1 (the fallback title) met on the walk."""

    first_h1: str | None = None
    locator: Locator = field(default_factory=lambda: Locator(""))

    def add_comments(self, html: str) -> None:
        """Record HTML comments (suppression directives) at the current rendered offset."""
        for m in _COMMENT.finditer(html):
            self.comment(m.group(0))

    def add_block(self, role: str, inline: Token) -> str | None:
        """Render one inline token as a block of ``role``; return its text (None if empty)."""
        locator = self.locator
        if inline.map:  # its text lies in these source lines
            locator.seek(locator.line_start(inline.map[0] + 1))
            locator.limit = locator.line_start(inline.map[1] + 1)
        text, links, sources = _render_inline(inline.children or [], locator)
        locator.limit = None
        if not text.strip():
            return None
        line = inline.map[0] + 1 if inline.map else None
        self.append(role, text, links, source_line=line, sources=sources)
        return text


def _render_inline(
    children: list[Token], locator: Locator
) -> tuple[str, list[tuple[int, int, str]], list[Segment]]:
    """Render inline tokens to plain text; return it, its links and where its pieces are in
    the source (offsets into the text)."""
    out: list[str] = []
    size = 0
    links: list[tuple[int, int, str]] = []
    sources: list[Segment] = []
    open_links: list[tuple[int, str]] = []
    for tok in children:
        piece = ""
        if tok.type == "text_special":  # an entity or escape: ``&amp;`` rendered as ``&``
            piece = tok.content
            at = locator.find(tok.markup) if tok.markup else None
            if at is not None:
                sources.append((size, at, min(len(piece), len(tok.markup))))
        elif tok.type in ("text", "code_inline"):
            piece = tok.content
            locator.place(sources, size, piece)
        elif tok.type in ("softbreak", "hardbreak"):
            piece = "\n"
        elif tok.type == "image":
            piece = tok.content
            locator.place(sources, size, piece)
        elif tok.type == "link_open":
            open_links.append((size, str(tok.attrGet("href") or "")))
        elif tok.type == "link_close" and open_links:
            start, href = open_links.pop()
            if is_followable(href):
                links.append((start, size, href))
        out.append(piece)
        size += len(piece)
    return "".join(out), links, sources


def _role_for(tok_type: str, stack: list[str]) -> str | None:
    """The block role an inline token gets from its opening token and enclosing containers."""
    if tok_type == "heading_open":
        return "heading"
    if tok_type in _CELLS:
        return "table_cell"
    if tok_type == "paragraph_open":
        return stack[-1] if stack else "paragraph"
    return None


def _walk(tokens: list[Token], source: str) -> _Builder:
    """Walk markdown-it block tokens and build the rendered text (code and HTML are skipped);
    ``source`` is the text they were parsed from."""
    builder = _Builder(locator=Locator(source))
    builder.source = builder.locator.source
    stack: list[str] = []
    role: str | None = None
    is_h1 = False
    for tok in tokens:
        if tok.type in _CONTAINERS:
            stack.append(_CONTAINERS[tok.type])
        elif tok.type in ("list_item_close", "blockquote_close"):
            stack.pop()
        elif tok.nesting == 1:
            role = _role_for(tok.type, stack)
            is_h1 = tok.tag == "h1" and role == "heading"
        elif tok.type == "html_block":
            builder.add_comments(tok.content)
        elif tok.type == "inline" and role is not None:
            rendered = builder.add_block(role, tok)
            if is_h1 and rendered and builder.first_h1 is None:
                builder.first_h1 = " ".join(rendered.split())
        elif tok.nesting == -1:
            role = None
    return builder


class _AliasFound(Exception):
    """Front matter used a YAML alias (``*name``)."""


@functools.cache
def _loader() -> type[Any]:
    """A safe YAML loader that refuses aliases, made on first use (yaml is imported lazily).

    An alias is a reference, so nine lines of aliases to aliases ("billion laughs") stand
    for 9**9 strings, and reading an author list flattened them for ever. Front matter has
    no use for aliases; without them the loaded data is no bigger than its text.
    """
    import yaml

    class NoAliasLoader(yaml.SafeLoader):
        """``yaml.SafeLoader`` that raises ``_AliasFound`` at the first alias."""

        def compose_node(self, parent: Any, index: Any) -> Any:
            """Refuse an alias before it is resolved to the anchored node."""
            if self.check_event(yaml.AliasEvent):
                raise _AliasFound
            return super().compose_node(parent, index)

    return NoAliasLoader


def _load_front_matter(source: str) -> tuple[object, str | None]:
    """The YAML data of front matter, or None and the note saying why it is ignored."""
    import yaml  # only documents with front matter need it

    try:
        return yaml.load(source, Loader=_loader()), None  # a SafeLoader subclass
    except _AliasFound:
        return None, "front matter uses YAML aliases (*name), which are not read; ignored"
    except RecursionError:
        return None, "front matter is nested too deeply; ignored"
    except yaml.YAMLError as exc:
        logger.debug("front matter is not valid YAML: %s", exc)
        return None, "front matter is not valid YAML; ignored"


def split_front_matter(text: str) -> tuple[dict[str, object], str, tuple[str, ...]]:
    """Split YAML front matter off ``text``: (data, body with the same line count, notes)."""
    m = _FRONT_MATTER.match(text)
    if m is None:
        return {}, text, ()
    body = "\n" * m.group().count("\n") + text[m.end() :]
    data, note = _load_front_matter(m.group(1) or "")
    if note is not None:
        return {}, body, (note,)
    if not isinstance(data, dict):
        return {}, body, ("front matter is not a YAML mapping; ignored",)
    return {str(k).lower(): v for k, v in data.items()}, body, ()


def _as_text(value: object) -> str | None:
    """A front-matter value as a string: names from lists or {name: ...} maps, dates as ISO."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return _as_text(value.get("name"))
    if isinstance(value, (list, tuple)):
        names = [n for n in (_as_text(v) for v in value) if n]
        return ", ".join(names) or None
    return str(value).strip() or None


def _first(data: dict[str, object], *keys: str) -> str | None:
    """The first of ``keys`` present in ``data``, as text."""
    for key in keys:
        value = _as_text(data.get(key))
        if value:
            return value
    return None


def _metadata(data: dict[str, object], first_h1: str | None) -> Metadata:
    """Metadata from front matter, with the first H1 as the fallback title."""
    return Metadata(
        title=_first(data, "title") or first_h1,
        author=_first(data, "author", "authors"),
        date=_first(data, "date", "published", "updated"),
        site_name=_first(data, "site_name", "site"),
        canonical_url=_first(data, "canonical_url", "canonical"),
        language=_first(data, "lang", "language"),
    )


def parse_markdown(origin: str, text: str) -> Document:
    """Build the Document of a Markdown article: rendered prose text, blocks, links, metadata."""
    front, body, notes = split_front_matter(text)
    # text_join would merge entities and escapes into the text around them, which then is
    # not the source's text: kept apart, each is found in the source on its own
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("text_join")
    builder = _walk(md.parse(body), body)
    return builder.document(
        origin, media_type="text/markdown",
        metadata=_metadata(front, builder.first_h1) if front else None, notes=notes,
    )  # fmt: skip
