"""Output formats, each in its own module behind a name switch (Vale, flake8)."""

from __future__ import annotations

from typing import TextIO

from claimcheck.reporters.base import Reporter
from claimcheck.reporters.json import JsonReporter
from claimcheck.reporters.text import TextReporter

REPORTERS: dict[str, type[TextReporter] | type[JsonReporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
}


def get_reporter(name: str, out: TextIO, err: TextIO, color: bool | None) -> Reporter:
    """Instantiate the reporter registered under ``name``."""
    return REPORTERS[name](out, err, color)


__all__ = ["REPORTERS", "Reporter", "get_reporter"]
