"""Turn the raw bytes of one input into text: reject binary and empty input, honour BOMs, detect."""

from __future__ import annotations

import codecs
import logging
from collections.abc import Sequence

import charset_normalizer

from claimcheck.errors import InputError

logger = logging.getLogger(__name__)

MAX_INPUT_BYTES = 10 * 1024 * 1024
"""Default size limit for one input; larger files are refused before they are read."""

_SNIFF_BYTES = 8192

# Magic numbers of common binary formats people pass by mistake (documents, images, archives).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old MS Office document"),
    (b"\x7fELF", "an ELF executable"),
)

_PREFERRED = ("cp1252", "latin_1", "iso8859_15")

# UTF-32 LE must be tested before UTF-16 LE: its BOM starts with the UTF-16 LE BOM.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def sniff_binary(data: bytes) -> str | None:
    """Return a short description if ``data`` looks like a binary file, else ``None``."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return f"looks like {name}"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "looks like WebP"
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None  # UTF-16/32 text legitimately contains NUL bytes
    if b"\x00" in data[:_SNIFF_BYTES]:
        return "contains NUL bytes"
    return None


def _decode_bom(origin: str, data: bytes) -> tuple[str, str] | None:
    """Decode ``data`` by its byte order mark, if it has one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                reason = f"invalid {encoding} text after its byte order mark: {exc.reason}"
                raise InputError(origin, reason) from exc
    return None


def _detect(origin: str, data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Decode non-UTF-8 ``data`` with the encoding charset-normalizer finds most likely."""
    results = charset_normalizer.from_bytes(data)
    best = results.best()
    if best is None:
        raise InputError(origin, "undecodable bytes: not UTF-8 and no charset detected")
    # Several code pages often fit equally well (same chaos, or identical decoding): name the
    # most common one then, windows-1252 first, the legacy web's default.
    ties = [m for m in results if m.chaos <= best.chaos + 0.01]
    equivalent = {e for m in ties for e in m.could_be_from_charset}
    encoding = next((e for e in _PREFERRED if e in equivalent), best.encoding)
    try:
        text = data.decode(encoding)
        note = f"decoded as {encoding} (detected; not valid UTF-8)"
    except (UnicodeDecodeError, LookupError):
        text = data.decode(encoding, errors="replace") if _known(encoding) else str(best)
        note = f"decoded as {encoding} (detected; some bytes replaced)"
    logger.debug("%s: %s", origin, note)
    return text, encoding, (note,)


def _known(encoding: str) -> bool:
    """Whether Python has a codec called ``encoding``."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


def _decode_declared(
    data: bytes, declared: Sequence[tuple[str, str]], notes: list[str]
) -> tuple[str, str] | None:
    """Try declared charsets (name, where declared) in order; note the ones that fail."""
    for name, where in declared:
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            notes.append(f"unknown charset '{name}' in {where}, ignored")
            continue
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            notes.append(f"body is not valid {codec} as declared in {where}")
    return None


def decode_bytes(
    origin: str, data: bytes, declared: Sequence[tuple[str, str]] = ()
) -> tuple[str, str, tuple[str, ...]]:
    """Decode one input's bytes to ``(text, encoding, notes)``; raise InputError if not text.

    Order: byte order mark, ``declared`` charsets (HTTP header, ``<meta>``), UTF-8, then
    detection with charset-normalizer.
    """
    if not data:
        raise InputError(origin, "empty file")
    binary = sniff_binary(data)
    if binary is not None:
        raise InputError(origin, f"binary file ({binary})")
    notes: list[str] = []
    found = _decode_bom(origin, data) or _decode_declared(data, declared, notes)
    if found is not None:
        text, encoding = found
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding, detected = _detect(origin, data)
            notes.extend(detected)
    if not text.strip():
        raise InputError(origin, "empty file")
    return text, encoding, tuple(notes)
