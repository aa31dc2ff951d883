"""Each rule kind's parameters: a frozen, typed record, parsed when the lexicon loads.

After Vale's per-kind constructors: a kind declares its keys once, with their types and
defaults, as a dataclass here; the loader turns a rule record's keys into that record and
refuses a value of the wrong type with the rule and key named, so a kind's code reads
``params.min_words`` and never a default of its own. Keys without a default are required.
Values a pack keeps in files (``model_from``, ``replacements_from``) are read by the loader
into the field they name (``model``, ``replacements``).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from claimcheck.errors import LexiconError

__all__ = [
    "AbsenceParams", "BoilerplateModelParams", "BoilerplateParams", "CrossdocParams",
    "DensityParams", "ExistenceParams", "HomoglyphParams", "KeyphraseParams", "MatchParams",
    "Params", "SpunCopyParams", "SpunParams", "StuffingParams", "UnsupportedParams",
    "param_keys", "parse_params",
]  # fmt: skip

Strings = tuple[str, ...]


@dataclass(frozen=True)
class Params:
    """The parameters of a kind that takes none (and the base of the others)."""


@dataclass(frozen=True)
class UnsupportedParams(Params):
    """Claims of these kinds and support levels (and strengths, if given) are flagged."""

    claim_kinds: Strings
    support: Strings
    strengths: Strings = ()


@dataclass(frozen=True)
class MatchParams(Params):
    """Kinds that report matches of their patterns and of modifiers of these types."""

    modifier_types: Strings = ()
    boilerplate_kind: str | None = None


@dataclass(frozen=True)
class ExistenceParams(MatchParams):
    """A pattern or phrase match, or a modifier of these types, is a finding."""

    unless_sourced: bool = False
    linked_to_claim: bool = False


@dataclass(frozen=True)
class AbsenceParams(Params):
    """A document with such claims but none of the required elements gets one finding."""

    requires: Strings = ()
    requires_metadata: Strings = ()
    when_claims: Strings = ()


@dataclass(frozen=True, kw_only=True)
class BoilerplateParams(MatchParams):
    """Template text found by patterns, regexes or line patterns, reported per span."""

    boilerplate_kind: str = field()  # required here (field(): no default inherited)
    line_patterns: tuple[Any, ...] = ()
    span: str | None = None  # "sentence" | "block": widen a match to it
    regex: Strings = ()
    regex_guard: str | None = None
    follow_titles: int = 0


@dataclass(frozen=True)
class BoilerplateModelParams(Params):
    """A trained sentence model (``model_from``) scores a document's passages."""

    boilerplate_kind: str
    model: Mapping[str, Any] = field(default_factory=dict)
    min_tokens: int = 120


@dataclass(frozen=True)
class SpunParams(Params):
    """Tortured phrases (``replacements_from`` plus inline ``replacements``)."""

    replacements: Mapping[str, str] = field(default_factory=dict)
    boilerplate_kind: str = "spun-text"
    plurals: bool = True


@dataclass(frozen=True)
class HomoglyphParams(Params):
    """Words mixing scripts."""

    boilerplate_kind: str | None = None


@dataclass(frozen=True)
class SpunCopyParams(Params):
    """Several spinner signals (other rules' findings, markers) in one passage."""

    signal_rules: Strings
    min_signals: int
    boilerplate_kind: str | None = None
    markers: Strings = ()
    marker_regex: Strings = ()
    min_density: float = 0.0
    shuffle_check: bool = False


@dataclass(frozen=True)
class KeyphraseParams(Params):
    """Search-engine queries, repeated titles and injected spam phrases."""

    search_phrases: Strings
    qualifiers: Strings
    min_count: int = 3
    max_words: int = 5
    title_words: int = 5
    spam_phrases: Strings = ()
    max_spam_uses: int = 2
    boilerplate_kind: str | None = None


@dataclass(frozen=True)
class StuffingParams(Params):
    """A phrase of n words over its share (``max_share``: n -> share) of the text."""

    max_share: Mapping[int, float]
    max_phrase_words: int = 4
    min_count: int = 10
    min_words: int = 150
    boilerplate_kind: str | None = None


@dataclass(frozen=True)
class DensityParams(Params):
    """Terms or marks more often than a rate per 1,000 words."""

    threshold_per_1000_words: float
    terms: Strings = ()
    marks: Strings = ()
    min_count: int = 5
    min_words: int = 50
    boilerplate_kind: str | None = None


@dataclass(frozen=True)
class CrossdocParams(Params):
    """Passages shared by documents of one run (MinHash signatures)."""

    min_words: int = 8
    shingle: int = 3
    threshold: float = 0.8
    num_perm: int = 64
    max_passages: int = 50_000
    max_copies: int = 8
    boilerplate_kind: str | None = None


def param_keys(cls: type[Params]) -> tuple[frozenset[str], frozenset[str]]:
    """(required, optional) field names of a parameter record."""
    required: set[str] = set()
    optional: set[str] = set()
    for f in dataclasses.fields(cls):
        has_default = f.default is not dataclasses.MISSING
        has_default = has_default or f.default_factory is not dataclasses.MISSING
        (optional if has_default else required).add(f.name)
    return frozenset(required), frozenset(optional)


def parse_params(where: str, cls: type[Params], values: Mapping[str, Any]) -> Params:
    """Build ``cls`` from a rule record's values, converting and checking each by its type."""
    hints = typing.get_type_hints(cls)
    given = {}
    for f in dataclasses.fields(cls):
        if f.name in values:
            given[f.name] = _convert(f"{where}: key '{f.name}'", hints[f.name], values[f.name])
    missing = sorted(param_keys(cls)[0] - set(given))
    if missing:
        raise LexiconError(f"{where}: missing required key '{missing[0]}'")
    return cls(**given)


def _convert(where: str, hint: Any, value: Any) -> Any:
    """``value`` as the annotated type, or a LexiconError saying what was expected."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):  # "X | None"
        if value is None:
            return None
        return _convert(where, next(a for a in args if a is not type(None)), value)
    if hint is bool:
        if not isinstance(value, bool):
            raise LexiconError(f"{where} must be true or false, got {value!r}")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise LexiconError(f"{where} must be an integer, got {value!r}")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise LexiconError(f"{where} must be a number, got {value!r}")
        return float(value)
    if hint is str:
        if not isinstance(value, str):
            raise LexiconError(f"{where} must be a string, got {value!r}")
        return value
    if origin is tuple:
        items = [value] if isinstance(value, str) and args[0] is str else value
        if not isinstance(items, list | tuple):
            raise LexiconError(f"{where} must be a list, got {value!r}")
        return tuple(_convert(where, args[0], v) for v in items)
    if origin is Mapping:
        if not isinstance(value, Mapping):
            raise LexiconError(f"{where} must be a mapping, got {value!r}")
        key_type, value_type = args
        return {_convert(where, key_type, k): _convert(where, value_type, v)
                for k, v in value.items()}  # fmt: skip
    return value  # Any: the kind checks its own structure (line patterns, a model)
