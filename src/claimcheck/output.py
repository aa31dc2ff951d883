"""Where the report goes and whether it is coloured: ``--output-file``, ``--color`` and
``NO_COLOR`` (https://no-color.org)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from claimcheck.errors import OutputError


def use_color(flag: bool | None, environ: Mapping[str, str] = os.environ) -> bool | None:
    """``--color``/``--no-color`` when given; else off when ``NO_COLOR`` is set to anything
    but the empty string; else None (colour on a terminal only)."""
    if flag is not None:
        return flag
    return False if environ.get("NO_COLOR") else None


def open_report(path: str) -> TextIO:
    """``path`` created or emptied for writing UTF-8, or an OutputError naming it and why.

    Characters that cannot be encoded (lone surrogates of undecodable file names) are written
    as escapes rather than cutting the report short.
    """
    try:
        return Path(path).open("w", encoding="utf-8", errors="backslashreplace")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(f"--output-file {path!r}: cannot write: {reason}") from None
