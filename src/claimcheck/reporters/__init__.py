"""Output formats, each in its own module behind a name switch (Vale, flake8)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from claimcheck.lexicon.model import Rule
from claimcheck.reporters.base import Reporter
from claimcheck.reporters.json import JsonReporter
from claimcheck.reporters.sarif import SarifReporter
from claimcheck.reporters.text import TextReporter

REPORTERS: dict[str, type[TextReporter] | type[JsonReporter] | type[SarifReporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "sarif": SarifReporter,
}


def get_reporter(
    name: str, out: TextIO, err: TextIO, color: bool | None, rules: Sequence[Rule] = ()
) -> Reporter:
    """Instantiate the reporter registered under ``name`` (``rules``: the enabled rules)."""
    return REPORTERS[name](out, err, color, rules)


__all__ = ["REPORTERS", "Reporter", "get_reporter"]
