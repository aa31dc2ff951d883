"""Batches as moderators receive them: a JSON Lines export of submissions (``--jsonl``) and a
list of addresses (``--urls``).

A submission is one JSON object per line::

    {"id": "post-1841", "markdown": "# Title ...", "author": "jo", "site": "forum", "title": "..."}

with ``id`` and exactly one of ``text`` (plain text), ``markdown``, ``html`` or ``url``
(fetched as any URL target). ``author``, ``title`` and ``site`` are optional and only reported
(the CSV ranking, per-author and per-site counts); they never change what is checked. A line
that is not such an object is one input error, named ``FILE:LINE``; the other lines are still
checked. Lines are read one at a time, so an export of any size streams.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from claimcheck.document import Document, Submission
from claimcheck.errors import InputError
from claimcheck.inputs.load import HTML_MODES, Unparsed, fetch_unparsed, guarded, too_large

CONTENT_FORMATS = {"text": "txt", "markdown": "md", "html": "html"}  # key -> input format
CONTENT_KEYS = (*CONTENT_FORMATS, "url")
INFO_KEYS = ("author", "title", "site")

Loaded = Document | Unparsed | InputError


def iter_submissions(
    path: str, max_bytes: int, html_mode: str = "page", fetch: object | None = None
) -> Iterator[Loaded]:
    """One input per line of the JSON Lines file ``path`` (``-``: stdin), in order."""
    name = "<stdin>" if path == "-" else path
    try:
        for number, raw in enumerate(_lines(path), start=1):
            if raw.strip():
                yield _submission(f"{name}:{number}", raw, max_bytes, html_mode, fetch)
    except OSError as exc:
        yield InputError(name, f"cannot read the submissions file: {exc.strerror or exc}")


def _lines(path: str) -> Iterator[bytes]:
    """The lines of ``path`` (``-``: stdin), read one at a time."""
    if path == "-":
        yield from sys.stdin.buffer
        return
    with Path(path).open("rb") as stream:
        yield from stream


def _submission(
    where: str, raw: bytes, max_bytes: int, html_mode: str, fetch: object | None
) -> Loaded:
    """The input of one line: an Unparsed submission, or the InputError saying why not."""
    try:
        record = json.loads(raw)
    except UnicodeDecodeError:
        return InputError(where, "not valid UTF-8")
    except ValueError as exc:
        return InputError(where, f"not valid JSON ({exc})")
    if not isinstance(record, dict):
        return InputError(where, f"a submission is a JSON object, not {_json_type(record)}")
    ident = record.get("id")
    if not isinstance(ident, str | int) or isinstance(ident, bool) or str(ident) == "":
        return InputError(where, "a submission needs an 'id' (a string or a number)")
    origin = str(ident)
    given = [k for k in CONTENT_KEYS if record.get(k) is not None]
    if len(given) != 1:
        found = f"has {' and '.join(given)}" if given else "has none"
        return InputError(origin, f"a submission needs exactly one of text, markdown, html or "
                                  f"url ({where} {found})")  # fmt: skip
    key = given[0]
    content = record[key]
    if not isinstance(content, str):
        return InputError(origin, f"'{key}' must be a string, not {_json_type(content)}")
    info = _info(origin, record)
    if isinstance(info, InputError):
        return info
    if key == "url":
        return guarded(origin, partial(_fetched, content, fetch, info))
    data = content.encode("utf-8", "surrogatepass")
    if len(data) > max_bytes:
        return too_large(origin, len(data), max_bytes)
    fmt = CONTENT_FORMATS[key]
    unparsed = Unparsed.of_bytes(origin, data, HTML_MODES[html_mode] if fmt == "html" else fmt)
    return _with_info(unparsed, info)


def _info(origin: str, record: dict[str, Any]) -> Submission | InputError:
    """The submission's reported fields."""
    values: dict[str, str | None] = {}
    for key in INFO_KEYS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return InputError(origin, f"'{key}' must be a string, not {_json_type(value)}")
        values[key] = value or None
    return Submission(origin, **values)


def _fetched(url: str, fetch: object | None, info: Submission) -> Unparsed:
    """Fetch a submission given by address now (in the main process, as URL targets are),
    named by its id."""
    unparsed = fetch_unparsed(url, fetch)
    return _with_info(dataclasses.replace(unparsed, origin=info.id), info)


def _with_info(unparsed: Unparsed, info: Submission) -> Unparsed:
    """``unparsed``, whose Document will carry ``info``."""
    return Unparsed(unparsed.origin, partial(_attach, unparsed.reader, info),
                    digest=unparsed.digest, submission=info)  # fmt: skip


def _attach(reader: Callable[[], Document], info: Submission) -> Document:
    """The parsed Document, named by the submission's id (a fetched page's reader names it by
    its address) and carrying the submission (module level, so an Unparsed pickles)."""
    return dataclasses.replace(reader(), origin=info.id, submission=info)


def _json_type(value: object) -> str:
    """The JSON name of a decoded value's type."""
    names = {dict: "an object", list: "an array", str: "a string", bool: "true or false",
             int: "a number", float: "a number", type(None): "null"}  # fmt: skip
    return names.get(type(value), type(value).__name__)


def read_url_list(path: str) -> list[str] | InputError:
    """The targets listed in ``path``, one per line (blank lines and ``#`` comments skipped)."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = "not valid UTF-8" if isinstance(exc, UnicodeDecodeError) else exc.strerror
        return InputError(path, f"cannot read the list of addresses: {reason or exc}")
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]
