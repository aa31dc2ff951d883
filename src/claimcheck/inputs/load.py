"""Load one input (file, stdin or URL) into a Document; every failure becomes an InputError."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import logging
import os
import stat
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar, cast

from claimcheck.document import Document, Submission
from claimcheck.errors import ExtractError, InputError
from claimcheck.extract.text import parse_plain
from claimcheck.inputs.decode import MAX_INPUT_BYTES, decode_bytes
from claimcheck.results import STDIN_ORIGIN as STDIN_ORIGIN  # re-exported (inputs.files)

logger = logging.getLogger(__name__)


def parse_markdown(origin: str, text: str) -> Document:
    """``claimcheck.extract.markdown.parse_markdown``, imported on first use."""
    from claimcheck.extract.markdown import parse_markdown as parse

    return parse(origin, text)


def parse_html(origin: str, text: str, base_url: str | None = None) -> Document:
    """``claimcheck.extract.html.parse_html``, imported on first use (bs4 is slow to import)."""
    from claimcheck.extract.html import parse_html as parse

    return parse(origin, text, base_url)


def parse_article(origin: str, text: str, base_url: str | None = None) -> Document:
    """The page's main content only (trafilatura, as for URLs), imported on first use."""
    from claimcheck.extract.article import extract_article

    return extract_article(origin, text, base_url)


FORMATS: dict[str, Callable[[str, str], Document]] = {
    "txt": parse_plain,
    "md": parse_markdown,
    "html": parse_html,
    "article": parse_article,
}
# --html: how HTML files and stdin are read, by mode: the whole page minus scripts, navigation
# and footers, or only the main article (as for URLs). The mode names are the CLI's.
HTML_MODES: dict[str, str] = {"page": "html", "article": "article"}  # mode -> format
EXTENSION_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


def format_for(path: Path) -> str:
    """The input format of ``path`` by its extension; unknown extensions are plain text."""
    return EXTENSION_FORMATS.get(path.suffix.lower(), "txt")


def _size(n: float) -> str:
    """A byte count for humans: ``20.0 MB``, ``3.2 KB``, ``120 bytes``."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{int(n)} bytes"


def too_large(origin: str, size: int, limit: int, *, at_least: bool = False) -> InputError:
    """The error for an input over the size limit."""
    shown = ("more than " if at_least else "") + _size(size)
    lim = _size(limit).replace(".0 ", " ")
    reason = f"file too large: {shown} (limit {lim}); split it or raise --max-bytes"
    return InputError(origin, reason)


def parse_bytes(origin: str, data: bytes, fmt: str, base_url: str | None = None) -> Document:
    """Decode ``data`` and parse it as ``fmt`` (txt, md or html); raise InputError on failure."""
    text, encoding, notes = decode_bytes(origin, data)
    try:
        if fmt == "html":
            doc = parse_html(origin, text, base_url)
        elif fmt == "article":
            doc = parse_article(origin, text, base_url)
        else:
            doc = FORMATS[fmt](origin, text)
    except InputError:
        raise
    except RecursionError as exc:
        raise ExtractError(origin, f"could not parse as {fmt}: nested too deeply") from exc
    except Exception as exc:
        logger.debug("%s: parser failed", origin, exc_info=True)
        raise ExtractError(origin, f"could not parse as {fmt}: {type(exc).__name__}") from exc
    if not doc.text.strip():
        raise ExtractError(origin, "no text found after removing markup")
    return dataclasses.replace(doc, encoding=encoding, notes=doc.notes + notes)


@dataclasses.dataclass(frozen=True)
class Unparsed:
    """An input that has been read (or fetched) but not parsed yet.

    Parsing can cost far more than reading (deeply nested HTML, a front-matter alias bomb), so
    a batch run reads its inputs in the main process and parses them where they are checked:
    in a worker that a deadline can stop (claimcheck.parallel). ``reader`` makes the Document
    and must pickle (a module-level function with its arguments, as ``functools.partial``).
    """

    origin: str
    reader: Callable[[], Document]
    # what was read, hashed (format, base address, bytes): the result cache's key of the input;
    # empty when the input is not known as bytes
    digest: str = ""
    submission: Submission | None = None  # the --jsonl record it came from, if any

    @classmethod
    def of_bytes(
        cls, origin: str, data: bytes, fmt: str, base_url: str | None = None
    ) -> Unparsed:
        """Bytes read from a file or stdin, to be decoded and parsed as ``fmt``."""
        digest = hashlib.sha256(f"{fmt}\0{base_url or ''}\0".encode())
        digest.update(data)
        return cls(origin, partial(_parse_later, origin, data, fmt, base_url),
                   digest=digest.hexdigest())  # fmt: skip

    def parse(self) -> Document:
        """The Document; raises InputError (with the origin and the reason) on failure."""
        return self.reader()


_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "FIFO"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
)


def special_file_type(mode: int) -> str | None:
    """What a file that is neither regular nor a directory is ("FIFO", "socket", ...), or None.

    Reading such a file blocks forever (a FIFO with no writer, a terminal) or never ends
    (``/dev/zero``), so one of them would hold up the whole batch.
    """
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return next((name for test, name in _SPECIAL_KINDS if test(mode)), "special file")


def refuse_special(origin: str, mode: int) -> None:
    """Raise an InputError unless ``mode`` is a regular file's."""
    if stat.S_ISDIR(mode):
        raise InputError(origin, "is a directory")
    file_type = special_file_type(mode)
    if file_type is not None:
        raise InputError(origin, f"not a regular file ({file_type})")


def _read_regular(path: Path, origin: str, limit: int) -> bytes:
    """Up to ``limit`` bytes of ``path``, refusing it if it was swapped for a special file.

    ``O_NONBLOCK`` keeps the open itself from waiting on a FIFO that replaced the file after
    it was checked; the descriptor is checked again before anything is read.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        refuse_special(origin, os.fstat(fd).st_mode)
        return handle.read(limit)


def _parse_later(origin: str, data: bytes, fmt: str, base_url: str | None) -> Document:
    """``parse_bytes``, looked up when called (an Unparsed made before a patch sees it)."""
    return parse_bytes(origin, data, fmt, base_url)


def load_file(
    path: Path,
    max_bytes: int = MAX_INPUT_BYTES,
    origin: str | None = None,
    html_mode: str = "page",
) -> Document:
    """Read and parse one file, refusing it before reading if it is over ``max_bytes``.

    Only regular files are read: a FIFO, device or socket is refused without being opened.
    ``html_mode`` is how HTML files are read: ``page`` (the whole page minus scripts,
    navigation and footers) or ``article`` (the main content only).
    """
    return read_file(path, max_bytes, origin, html_mode).parse()


def read_file(
    path: Path,
    max_bytes: int = MAX_INPUT_BYTES,
    origin: str | None = None,
    html_mode: str = "page",
) -> Unparsed:
    """Read one file (as :func:`load_file`) without parsing it."""
    origin = origin or str(path)
    status = path.stat()  # refuse FIFOs and devices before opening them: opening may block
    refuse_special(origin, status.st_mode)
    if status.st_size > max_bytes:
        raise too_large(origin, status.st_size, max_bytes)
    data = _read_regular(path, origin, max_bytes + 1)
    if len(data) > max_bytes:  # the file grew after stat
        raise too_large(origin, len(data), max_bytes, at_least=True)
    fmt = format_for(path)
    return Unparsed.of_bytes(origin, data, HTML_MODES[html_mode] if fmt == "html" else fmt)


def load_stdin(
    fmt: str = "txt", max_bytes: int = MAX_INPUT_BYTES, origin: str = STDIN_ORIGIN
) -> Document:
    """Read standard input as bytes and parse it as ``fmt`` (txt, md or html)."""
    return read_stdin(fmt, max_bytes, origin).parse()


def read_stdin(
    fmt: str = "txt", max_bytes: int = MAX_INPUT_BYTES, origin: str = STDIN_ORIGIN
) -> Unparsed:
    """Read standard input as bytes, to be parsed as ``fmt`` (txt, md or html); ``origin``
    names it in results (``--stdin-filename``)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        data = cast(bytes, buffer.read(max_bytes + 1))
    else:
        data = sys.stdin.read(max_bytes + 1).encode("utf-8")
    if len(data) > max_bytes:
        raise too_large(origin, len(data), max_bytes, at_least=True)
    return Unparsed.of_bytes(origin, data, fmt)


def _web(url: str, name: str) -> Any:
    """The function ``name`` of ``claimcheck.inputs.web`` (imported lazily: requests is slow
    to import); InputError naming ``url`` when the fetch layer is missing."""
    try:
        return getattr(importlib.import_module("claimcheck.inputs.web"), name)
    except ImportError as exc:
        logger.debug("claimcheck.inputs.web unavailable: %s", exc)
        raise InputError(url, "fetching URLs is not available in this build") from exc


def fetch_url(url: str, fetch_options: object | None = None) -> Document:
    """Fetch ``url`` and parse its article."""
    return cast(Document, _web(url, "fetch_document")(url, fetch_options))


def fetch_unparsed(url: str, fetch_options: object | None = None) -> Unparsed:
    """Fetch ``url`` now; its article is extracted when the result is parsed."""
    return cast(Unparsed, _web(url, "fetch_page_input")(url, fetch_options))


Loaded = TypeVar("Loaded", bound=Document | Unparsed)  # what a load returns


def as_input_error(origin: str, exc: BaseException) -> InputError:
    """Turn any exception raised while loading ``origin`` into a short InputError."""
    if isinstance(exc, InputError):
        return exc
    if isinstance(exc, FileNotFoundError):
        return InputError(origin, "no such file or directory")
    if isinstance(exc, PermissionError):
        return InputError(origin, "permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputError(origin, "is a directory")
    if isinstance(exc, OSError):
        return InputError(origin, (exc.strerror or str(exc) or type(exc).__name__).lower())
    if isinstance(exc, UnicodeError):
        return InputError(origin, f"could not decode text: {exc}")
    return InputError(origin, f"unexpected error: {type(exc).__name__}: {exc}")


def guarded(origin: str, load: Callable[[], Loaded]) -> Loaded | InputError:
    """Run ``load``; return what it read, or the InputError that any failure becomes."""
    try:
        return load()
    except Exception as exc:
        if not isinstance(exc, InputError):
            logger.debug("%s: failed to load", origin, exc_info=True)
        return as_input_error(origin, exc)
