"""URL input: fetch a page, decode it, extract the article, and skip non-English pages."""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import replace

from charset_normalizer import from_bytes

from claimcheck.document import Block, Document
from claimcheck.errors import ExtractError
from claimcheck.extract.article import extract_article
from claimcheck.extract.language import SkippedInput, ensure_english
from claimcheck.sources.fetch import FetchedPage, FetchOptions, fetch_page

__all__ = ["FetchOptions", "SkippedInput", "decode_body", "fetch_document"]

logger = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_BLANK_LINES = re.compile(r"\n\s*\n")


def _declared(page: FetchedPage) -> list[tuple[str, str]]:
    """Declared encodings, most authoritative first: BOM, HTTP header, <meta>."""
    found = [(enc, "byte order mark") for bom, enc in _BOMS if page.body.startswith(bom)][:1]
    if page.charset:
        found.append((page.charset, "Content-Type header"))
    if page.media_type != "text/plain":
        match = _META_CHARSET.search(page.body[:4096])
        if match:
            found.append((match.group(1).decode("ascii"), "<meta> charset"))
    return found


def decode_body(page: FetchedPage) -> tuple[str, str, tuple[str, ...]]:
    """Decode a page body: declared charset, else UTF-8, else detection; with notes."""
    notes: list[str] = []
    for name, where in _declared(page):
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            notes.append(f"unknown charset '{name}' in {where}, ignored")
            continue
        try:
            return page.body.decode(codec), codec, tuple(notes)
        except UnicodeDecodeError:
            notes.append(f"body is not valid {codec} as declared in {where}")
    try:
        return page.body.decode("utf-8"), "utf-8", tuple(notes)
    except UnicodeDecodeError:
        pass
    results = from_bytes(page.body)
    best = results.best()
    if best is not None:
        # Among equally plausible guesses prefer windows-1252, the legacy web's default.
        ties = [m for m in results if m.chaos <= best.chaos + 0.01]
        best = next((m for m in ties if "cp1252" in m.could_be_from_charset), best)
        notes.append(f"decoded as {best.encoding} (detected)")
        return str(best), best.encoding, tuple(notes)
    notes.append("undecodable bytes replaced (decoded as utf-8)")
    return page.body.decode("utf-8", errors="replace"), "utf-8", tuple(notes)


def _plain_document(origin: str, text: str) -> Document:
    """A plain-text page as a Document with one paragraph block per blank-line-separated run."""
    blocks = []
    pos = 0
    for part in [*_BLANK_LINES.split(text)]:
        start = text.index(part, pos)
        pos = start + len(part)
        stripped = part.strip()
        if stripped:
            lead = part.index(stripped[0])
            blocks.append(Block("paragraph", start + lead, start + lead + len(stripped)))
    if not blocks:
        raise ExtractError(origin, "the page has no text")
    return Document(origin=origin, text=text, blocks=tuple(blocks))


def _looks_like_html(page: FetchedPage, text: str) -> bool:
    """Whether to treat the body as HTML (declared, or untyped and starting with markup)."""
    if page.media_type in {"text/html", "application/xhtml+xml"}:
        return True
    return not page.media_type and text.lstrip()[:1] == "<"


def fetch_document(url: str, options: FetchOptions | None = None) -> Document:
    """Fetch ``url`` and return its article; raises FetchError, ExtractError or SkippedInput."""
    page = fetch_page(url, options)
    text, encoding, notes = decode_body(page)
    if _looks_like_html(page, text):
        document = extract_article(url, text, page.url)
    else:
        document = _plain_document(url, text)
    if page.url != url:
        notes = (*notes, f"redirected to {page.url}")
    document = replace(document, encoding=encoding, notes=(*document.notes, *notes))
    ensure_english(document)
    logger.info("%s: %d characters of article text", url, len(document.text))
    return document
