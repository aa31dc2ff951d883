"""Where the pipeline components get their rules: lexicon packs, loaded once per process, and
the part of a RuleSet a component keeps when it is saved (``nlp.to_disk``).

Every claimcheck component is built from a :class:`RuleSet`. Given none, a component loads the
shipped pack plus the extra packs of its ``lexicons`` initialize setting; the components of
one pipeline ask for the same packs, so the load is shared (keyed by the packs' content, so an
edited pack is loaded anew). A saved component writes only the RuleSet fields it reads.
"""

# no ``from __future__ import annotations``: spaCy validates ``initialize`` settings against
# the signature's annotations, which must be real types then

import dataclasses
import functools
import pickle
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from claimcheck.errors import LexiconError
from claimcheck.lexicon.loader import check_pack_dir, default_lexicon_dir, load_lexicon, pack_digest
from claimcheck.lexicon.model import RuleSet

_FORMAT = 1  # of a saved component's rules file
RULES_FILE = "rules.pickle"


def check_lexicons(lexicons: Iterable[str]) -> None:
    """LexiconError unless every entry names a lexicon pack folder."""
    for folder in lexicons:
        check_pack_dir(Path(folder))


def load_rules(lexicons: Sequence[str] = ()) -> RuleSet:
    """The shipped pack plus ``lexicons`` (extra pack folders, later ones override)."""
    dirs = [default_lexicon_dir(), *(Path(p) for p in lexicons)]
    return _load(tuple(str(p) for p in lexicons), pack_digest(dirs))


@functools.lru_cache(maxsize=4)
def _load(lexicons: tuple[str, ...], digest: str) -> RuleSet:
    """One load per set of packs and their content (``digest`` keys the cache only)."""
    return load_lexicon([Path(p) for p in lexicons])


def extra_packs(ruleset: RuleSet) -> list[str]:
    """The packs of ``ruleset`` besides the shipped one: its ``lexicons`` setting."""
    default = default_lexicon_dir().resolve()
    return [d for d in ruleset.directories if Path(d).resolve() != default]


def part(ruleset: RuleSet, fields: Iterable[str]) -> RuleSet:
    """``ruleset`` with every field but ``fields`` (and its identity) left empty."""
    kept = {"digest", "directories", *fields}
    empty = {
        f.name: _empty(getattr(ruleset, f.name))
        for f in dataclasses.fields(ruleset)
        if f.name not in kept
    }
    return dataclasses.replace(ruleset, **empty)


def _empty(value: object) -> Any:
    """An empty value of a RuleSet field's kind."""
    if isinstance(value, Mapping):
        return {}
    return () if isinstance(value, tuple) else value


def dump_rules(ruleset: RuleSet, extra: Any = None) -> bytes:
    """A component's rules (and any data of its own, e.g. a sentence model) as bytes."""
    return pickle.dumps((_FORMAT, ruleset, extra), protocol=pickle.HIGHEST_PROTOCOL)


def load_dumped(data: bytes, where: str) -> tuple[RuleSet, Any]:
    """The pair written by :func:`dump_rules` (LexiconError naming ``where`` otherwise)."""
    try:
        version, ruleset, extra = pickle.loads(data)  # written by dump_rules, saved with nlp
    except Exception as exc:
        raise LexiconError(f"{where}: not a saved claimcheck component ({exc})") from exc
    if version != _FORMAT or not isinstance(ruleset, RuleSet):
        raise LexiconError(f"{where}: saved by another claimcheck version; save it again")
    return ruleset, extra


class RuleBound:
    """What every claimcheck component shares: rules given to ``initialize`` (or loaded from
    the packs it names), and saved with the component.

    A subclass names the RuleSet ``fields`` it reads and builds itself in ``setup``. Given no
    ``ruleset``, ``initialize`` loads the shipped pack plus the ``lexicons`` folders (pack
    folders are initialize settings, ``[initialize.components.NAME]``, not component config:
    a saved pipeline does not need them). ``to_disk``/``from_disk`` (and the bytes pair) save
    the fields and anything ``saved_data`` returns, so ``spacy.load`` rebuilds the same
    component.
    """

    fields: tuple[str, ...] = ()
    rules: RuleSet | None = None  # None until initialized or loaded
    name: str

    def setup(self, ruleset: RuleSet, nlp: Any, saved: Any) -> None:
        """Build the component from ``ruleset`` (``saved``: its ``saved_data``, when loaded)."""
        raise NotImplementedError

    def saved_data(self) -> Any:
        """Data of the component's own to save besides its rules (None: nothing)."""
        return None

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Any = None,
        ruleset: RuleSet | None = None,
        lexicons: Sequence[str] | None = None,
        patterns: Sequence[Any] | None = None,
    ) -> None:
        """Build from ``ruleset``, or from the shipped pack plus the ``lexicons`` pack folders
        (a folder that is no pack fails here). Examples are not needed: the rules are the
        lexicon's (``patterns``, SpanRuler's setting, is refused for the same reason)."""
        if patterns is not None:
            raise ValueError(f"{self.name}: patterns come from the lexicon, not from initialize")
        if ruleset is None:
            packs = tuple(str(p) for p in lexicons or ())
            check_lexicons(packs)
            ruleset = load_rules(packs)
        self.setup(ruleset, nlp, None)
        self.rules = ruleset

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The component's rules and data (initialized from the default packs if it was not)."""
        if self.rules is None:
            self.initialize()
        assert self.rules is not None
        return dump_rules(part(self.rules, self.fields), self.saved_data())

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> Any:
        """Rebuild from :meth:`to_bytes` output."""
        ruleset, saved = load_dumped(data, self.name)
        self.setup(ruleset, None, saved)
        self.rules = ruleset
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write :meth:`to_bytes` to ``path/rules.pickle``."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / RULES_FILE).write_bytes(self.to_bytes(exclude=exclude))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Any:
        """Rebuild from what :meth:`to_disk` wrote."""
        file = Path(path) / RULES_FILE
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise LexiconError(f"{file}: cannot read the saved component ({exc.strerror})") from exc
        return self.from_bytes(data, exclude=exclude)
