"""Safe forms of untrusted strings (file names, article text) for terminals, JSON and URIs.

Two hazards reach the output unchanged otherwise:

- A file name that is not valid UTF-8 arrives (through ``os.fsdecode`` and ``sys.argv``) as a
  str holding lone surrogates: byte 0xFF becomes U+DCFF. Such a str cannot be encoded as
  UTF-8, so writing it either raises (cutting the output) or, on a ``surrogateescape``
  stream, writes the raw byte and makes a JSON or SARIF file invalid UTF-8.
- Article text and file names may hold control characters that a terminal obeys: a
  window-title sequence (ESC ] 0 ; ... BEL), carriage return and erase-line, backspace. They
  can hide or forge report lines.

This module is on the ground floor (no claimcheck imports) so the CLI can use it before
anything heavy is loaded.
"""

from __future__ import annotations

import json
import logging
import os
import re
from urllib.parse import quote

# C0 and C1 controls, DEL, the bidi embeddings/overrides/isolates that reorder the rest of a
# terminal line (Trojan Source), and lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_RAW = re.compile("[\x7f-\x9f]")  # legal in JSON strings, but C1 controls act on terminals
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_URI_RESERVED = "%:/?#[]@!$&'()*+,;=~"


def _escape_char(match: re.Match[str]) -> str:
    """The visible escape of one unsafe character (``\\x1b``, ``\\r``, ``\\xff``, ``\\u202e``)."""
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape): show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` for a terminal: control characters and undecodable bytes shown as escapes.

    Lossy on purpose (a literal backslash is not doubled): text output is for people; the
    JSON and SARIF formats keep file names exactly.
    """
    return _UNSAFE.sub(_escape_char, text)


def visible_lines(text: str) -> str:
    """``visible`` line by line, keeping the line breaks (multi-line log records)."""
    return "\n".join(visible(line) for line in text.split("\n"))


def valid_unicode(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD, so it encodes as UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


def is_lossy(text: str) -> bool:
    """True when ``text`` holds lone surrogates, so ``valid_unicode`` would lose information."""
    return _SURROGATE.search(text) is not None


def raw_bytes(name: str) -> bytes:
    """The bytes a decoded file name stands for (``os.fsencode``; any str has some)."""
    try:
        return os.fsencode(name)
    except UnicodeEncodeError:  # a surrogate that did not come from a byte (surrogatepass)
        return name.encode("utf-8", "surrogatepass")


def percent_encoded(name: str) -> str:
    """``name``'s bytes percent-encoded (RFC 3986): ASCII, valid UTF-8 and lossless.

    Unreserved characters and ``/`` stay as they are; ``os.fsdecode(unquote_to_bytes(s))``
    gives ``name`` back.
    """
    return quote(raw_bytes(name), safe="/")


def uri_reference(origin: str) -> str:
    """An input's origin as a URI reference: URLs keep their syntax, paths are percent-encoded.

    In a URL only what a URI cannot hold (spaces, controls, non-ASCII, undecodable bytes) is
    encoded, so an existing ``%xx`` escape is kept. A path uses ``/`` as separator.
    """
    if _URL.match(origin):
        return quote(raw_bytes(origin), safe=_URI_RESERVED)
    return percent_encoded(origin.replace(os.sep, "/"))


def json_text(data: object) -> str:
    """``data`` as JSON text that encodes as UTF-8 whatever strings it holds.

    ``json.dumps`` escapes C0 controls but writes lone surrogates and C1 controls raw. Both can
    only stand inside a JSON string, so they are replaced there: surrogates by U+FFFD (lossy;
    the reporters keep file names separately), C1 controls and DEL by their ``\\u00XX`` escape.
    """
    text = valid_unicode(json.dumps(data, ensure_ascii=False))
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class VisibleFormatter(logging.Formatter):
    """A log formatter that shows control characters and undecodable bytes as escapes."""

    def format(self, record: logging.LogRecord) -> str:
        """The formatted record with every line made visible."""
        return visible_lines(super().format(record))
