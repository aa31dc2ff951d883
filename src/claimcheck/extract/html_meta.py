"""Page metadata from HTML: <title>, Open Graph / article meta tags, JSON-LD, canonical, lang."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from claimcheck.document import Metadata

logger = logging.getLogger(__name__)


def _clean(value: object) -> str | None:
    """A metadata value as one line of text, or None when blank."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _meta_index(soup: BeautifulSoup) -> dict[str, str]:
    """The content of every ``<meta>`` by its lower-cased name, property or itemprop."""
    index: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        content = _clean(tag.get("content"))
        if content is None:
            continue
        for attr in ("property", "name", "itemprop"):
            key = tag.get(attr)
            if isinstance(key, str):
                index.setdefault(key.strip().lower(), content)
    return index


def _first(index: dict[str, str], *keys: str) -> str | None:
    """The first of ``keys`` present in the meta index."""
    return next((index[k] for k in keys if k in index), None)


def _json_ld_objects(soup: BeautifulSoup) -> Iterator[dict[str, object]]:
    """Every JSON object in the page's JSON-LD scripts, ``@graph`` members included."""
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.get_text() or "null", strict=False)
        except ValueError:
            logger.debug("invalid JSON-LD block ignored")
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)


def _person(value: object) -> str | None:
    """A JSON-LD author value (string, Person object or list of them) as a name list."""
    if isinstance(value, list):
        names = [n for n in (_person(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        return _clean(value.get("name"))
    value = _clean(value)
    return None if value is None or value.startswith(("http://", "https://")) else value


def _json_ld(objects: list[dict[str, object]], key: str) -> str | None:
    """The first non-empty ``key`` of any JSON-LD object (author and publisher names resolved)."""
    for obj in objects:
        if key not in obj:
            continue
        value = _person(obj[key]) if key in ("author", "publisher") else _clean(obj[key])
        if value:
            return value
    return None


def _rel_author(soup: BeautifulSoup) -> str | None:
    """The text of an ``<a rel=author>`` or ``<link rel=author>`` title."""
    for tag in soup.find_all(["a", "link"], rel="author"):
        value = _clean(tag.get_text()) or _clean(tag.get("title"))
        if value:
            return value
    return None


def _time(soup: BeautifulSoup) -> str | None:
    """The ``datetime`` of the first ``<time>``, preferring one inside ``<article>``."""
    article = soup.find("article")
    for scope in (article, soup):
        if isinstance(scope, Tag):
            tag = scope.find("time", datetime=True)
            if isinstance(tag, Tag):
                return _clean(tag.get("datetime"))
    return None


def _canonical(soup: BeautifulSoup, base: str | None) -> str | None:
    """The ``<link rel=canonical>`` URL, made absolute when a base is known."""
    tag = soup.find("link", rel="canonical", href=True)
    href = _clean(tag.get("href")) if isinstance(tag, Tag) else None
    if href and base:
        return urljoin(base, href)
    return href


def read_metadata(soup: BeautifulSoup, base: str | None) -> Metadata:
    """Read title, author, date, site name, canonical URL and language from a parsed page."""
    meta = _meta_index(soup)
    ld = list(_json_ld_objects(soup))
    title_tag = soup.find("title")
    html = soup.find("html")
    author = _first(meta, "author", "article:author", "dc.creator")
    if author and author.startswith(("http://", "https://")):
        author = None  # article:author is often a profile URL, not a name
    return Metadata(
        title=_first(meta, "og:title")
        or (_clean(title_tag.get_text()) if isinstance(title_tag, Tag) else None)
        or _json_ld(ld, "headline"),
        author=author or _json_ld(ld, "author") or _rel_author(soup),
        date=_first(meta, "article:published_time", "datepublished", "date", "dc.date")
        or _json_ld(ld, "datePublished")
        or _time(soup),
        site_name=_first(meta, "og:site_name", "application-name") or _json_ld(ld, "publisher"),
        canonical_url=_canonical(soup, base),
        language=_clean(html.get("lang")) if isinstance(html, Tag) else None,
    )
