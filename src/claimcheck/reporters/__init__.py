"""Output formats: every module of this package but ``base`` is one, named as the module
(``json.py`` is ``--format json``) and naming its reporter class ``REPORTER`` (Vale, flake8).

Adding a format is adding a module (and its test): the CLI's ``--format`` choices are
:func:`format_names`, read from the package's files without importing them.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from claimcheck.reporters.base import NeedsText, Quietable, Reporter, ReporterClass

if TYPE_CHECKING:
    from claimcheck.lexicon.model import Rule

NOT_FORMATS = frozenset({"base"})  # modules of this package that are no output format


def format_names() -> tuple[str, ...]:
    """Every output format, sorted: the modules of this package."""
    found = (m.name for m in pkgutil.iter_modules(__path__))
    return tuple(sorted(n for n in found if n not in NOT_FORMATS and not n.startswith("_")))


def reporter_class(name: str) -> ReporterClass:
    """The ``REPORTER`` of format ``name``, its module imported on first use."""
    if name not in format_names():
        raise ValueError(f"unknown output format {name!r}: use {', '.join(format_names())}")
    found: ReporterClass = importlib.import_module(f"{__name__}.{name}").REPORTER
    return found


def needs_text(name: str) -> bool:
    """Whether format ``name`` shows the documents' text (its class declares ``needs_text``),
    so the Linter must keep it in each FileResult (``CheckOptions.keep_text``)."""
    return bool(getattr(reporter_class(name), "needs_text", False))


def get_reporter(
    name: str,
    out: TextIO,
    err: TextIO,
    color: bool | None,
    rules: Sequence[Rule] = (),
    quiet: bool = False,
) -> Reporter:
    """Instantiate the reporter of format ``name`` (``rules``: the enabled rules; ``quiet``:
    no run information on ``err``, only input errors; formats that write none ignore it)."""
    reporter = reporter_class(name)(out, err, color, rules)
    if quiet and isinstance(reporter, Quietable):
        reporter.quiet = True
    return reporter


__all__ = [
    "NeedsText",
    "Quietable",
    "Reporter",
    "ReporterClass",
    "format_names",
    "get_reporter",
    "needs_text",
    "reporter_class",
]
