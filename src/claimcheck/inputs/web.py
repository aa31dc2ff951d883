"""URL input: fetch a page, decode it, extract the article, and skip non-English pages."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from functools import partial

from claimcheck.document import Document
from claimcheck.extract.article import extract_article
from claimcheck.extract.language import SkippedInput, ensure_english
from claimcheck.extract.text import parse_plain
from claimcheck.inputs.decode import decode_bytes
from claimcheck.inputs.fetch import FetchedPage, fetch_page
from claimcheck.inputs.load import Unparsed
from claimcheck.inputs.options import FetchOptions

__all__ = ["FetchOptions", "SkippedInput", "decode_body", "fetch_document"]

logger = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _declared(page: FetchedPage) -> list[tuple[str, str]]:
    """Declared encodings, most authoritative first: HTTP header, then <meta>."""
    found = [(page.charset, "Content-Type header")] if page.charset else []
    if page.media_type != "text/plain":
        match = _META_CHARSET.search(page.body[:4096])
        if match:
            found.append((match.group(1).decode("ascii"), "<meta> charset"))
    return found


def decode_body(page: FetchedPage) -> tuple[str, str, tuple[str, ...]]:
    """Decode a page body (BOM, declared charset, UTF-8, detection); InputError if not text."""
    return decode_bytes(page.requested_url, page.body, _declared(page))


def _looks_like_html(page: FetchedPage, text: str) -> bool:
    """Whether to treat the body as HTML (declared, or untyped and starting with markup)."""
    if page.media_type in {"text/html", "application/xhtml+xml"}:
        return True
    return not page.media_type and text.lstrip()[:1] == "<"


def fetch_document(url: str, options: FetchOptions | None = None) -> Document:
    """Fetch ``url`` and return its article; raises FetchError, ExtractError or SkippedInput."""
    return page_document(url, fetch_page(url, options))


def fetch_page_input(url: str, options: object | None = None) -> Unparsed:
    """Fetch ``url`` now and leave the article extraction to whoever parses the result (a
    worker under --doc-timeout: extraction of a hostile page can be slow)."""
    page = fetch_page(url, options if isinstance(options, FetchOptions) else None)
    return Unparsed(url, partial(page_document, url, page))


def page_document(url: str, page: FetchedPage) -> Document:
    """A fetched page's article: decoded, extracted, English only (else SkippedInput)."""
    text, encoding, notes = decode_body(page)
    if _looks_like_html(page, text):
        document = extract_article(url, text, page.url)
    else:
        document = parse_plain(url, text)  # as a .txt file on disk
    if page.url != url:
        notes = (*notes, f"redirected to {page.url}")
    document = replace(document, encoding=encoding, notes=(*document.notes, *notes))
    ensure_english(document)
    logger.info("%s: %d characters of article text", url, len(document.text))
    return document
