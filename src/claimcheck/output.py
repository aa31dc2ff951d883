"""Where the report goes and whether it is coloured: ``--output-file``, ``--color`` and
``NO_COLOR`` (https://no-color.org)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TextIO

from claimcheck.errors import OutputError


def use_color(flag: bool | None, environ: Mapping[str, str] = os.environ) -> bool | None:
    """``--color``/``--no-color`` when given; else off when ``NO_COLOR`` is set to anything
    but the empty string; else None (colour on a terminal only)."""
    if flag is not None:
        return flag
    return False if environ.get("NO_COLOR") else None


def open_report(path: str, targets: Iterable[str] = (), keep: int | None = None) -> TextIO:
    """``path`` created or emptied for writing UTF-8, or an OutputError naming it and why;
    with ``keep`` (``--resume``), its first ``keep`` bytes kept and the rest cut off, to be
    appended to.

    A file also named among ``targets`` is refused: emptying it would lose the draft before
    it is read. Characters that cannot be encoded (lone surrogates of undecodable file names)
    are written as escapes rather than cutting the report short.
    """
    if any(_same_file(path, target) for target in targets):
        raise OutputError(f"--output-file {path!r}: is also an input; it would be overwritten")
    try:
        if keep:
            os.truncate(path, keep)
            return Path(path).open("a", encoding="utf-8", errors="backslashreplace")
        return Path(path).open("w", encoding="utf-8", errors="backslashreplace")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(f"--output-file {path!r}: cannot write: {reason}") from None


def _same_file(path: str, target: str) -> bool:
    """True when both name one existing file."""
    try:
        return Path(path).samefile(target)
    except (OSError, ValueError):  # either missing, or a name the OS refuses
        return False
