"""Phrase-list files of a lexicon pack: one phrase (or 'phrase -> replacement') per line."""

from __future__ import annotations

from pathlib import Path

from claimcheck.errors import LexiconError


def read_phrase_file(path: Path) -> tuple[str, ...]:
    """Read one phrase per line; blank lines and '#' comments are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read phrase list ({exc.strerror})") from exc
    out = (line.split("#", 1)[0].strip() for line in lines)
    return tuple(p for p in out if p)


def read_pair_file(path: Path) -> dict[str, str]:
    """Read 'phrase -> replacement' lines; blank lines and '#' comments are skipped."""
    pairs: dict[str, str] = {}
    for line in read_phrase_file(path):
        phrase, sep, replacement = line.partition(" -> ")
        if not sep or not phrase.strip() or not replacement.strip():
            raise LexiconError(f"{path}: expected 'phrase -> replacement', got {line!r}")
        pairs[phrase.strip()] = replacement.strip()
    return pairs
