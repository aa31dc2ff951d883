"""Compile lexeme-level set and regex predicates of token patterns to native lexeme flags.

spaCy's Matcher evaluates ``{LOWER: {IN: [...]}}``, ``NOT_IN`` and ``REGEX`` as Python
predicates, once per token for every pattern whose current step reaches the token; the steps
that can start a match are tested at every token. Whether the lower-case form, the text or
(with ``LowerLemmas``, a pure function of the lower-case form) the lemma is in a set depends on
the word alone, so the answer can be stored once per vocabulary entry as a lexeme flag
(``Vocab.add_flag``) and tested in C: ``{"FLAG20": True}``. Only 45 flag bits exist; they go
to the predicates that can start a match first, then to the most used; the rest stay as they
are. The lexicon format is unchanged: this is only how patterns are compiled.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any, cast

from spacy.util import load_language_data, registry
from spacy.vocab import Vocab

from claimcheck.nlp.fold import folded_lower

FIRST_FLAG, LAST_FLAG = 19, 63  # spaCy's free lexeme flag bits (FLAG19 .. FLAG63)
SUPERSETS = 4  # shared flags for the start predicates that get no flag of their own
_TEXT_ATTRS = {"LOWER": True, "ORTH": False, "TEXT": False}  # attr -> compare lower-cased
_OPTIONAL_OPS = ("?", "*", "{0")

Key = tuple[str, str, Any]  # (attr, operator, frozenset of values or regex string)


class WordSet:
    """Flag getter: the word (lower-cased if ``lower``) is one of ``values``."""

    def __init__(self, values: frozenset[str], lower: bool) -> None:
        self.values = values
        self.lower = lower

    def __call__(self, string: str) -> bool:
        """Whether the vocabulary entry ``string`` is in the set."""
        return (folded_lower(string) if self.lower else string) in self.values


class WordRegex:
    """Flag getter: ``re.search`` finds the pattern in the word (lower-cased if ``lower``)."""

    def __init__(self, pattern: str, lower: bool) -> None:
        self.regex = re.compile(pattern)
        self.lower = lower

    def __call__(self, string: str) -> bool:
        """Whether the vocabulary entry ``string`` matches."""
        return self.regex.search(folded_lower(string) if self.lower else string) is not None


def lemma_lookup() -> dict[str, str]:
    """The lookup table behind ``LowerLemmas`` (spacy-lookups-data), keyed by string."""
    data = load_language_data(registry.lookups.get("en")["lemma_lookup"])
    return dict(data) if isinstance(data, dict) else {}


def lemma_table(overrides: Mapping[str, str]) -> dict[str, str]:
    """Lower-case form -> lemma, as ``LowerLemmas`` sets it and LEMMA flags test it: spaCy's
    lookup with the lexicon's fixes on top ("lower" is a verb, not "low")."""
    return {**lemma_lookup(), **overrides}


def lemma_forms(lemmas: frozenset[str], table: Mapping[str, str]) -> frozenset[str]:
    """Every lower-case form whose lookup lemma (``table.get(w, w)``) is in ``lemmas``."""
    forms = {form for form, lemma in table.items() if lemma in lemmas}
    return frozenset(forms | {w for w in lemmas if w not in table})


def _key(attr: str, value: object) -> Key | None:
    """The flag key of a lexeme-level predicate, or None when it is not one."""
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((op, arg),) = value.items()
    if attr in _TEXT_ATTRS and op == "REGEX" and isinstance(arg, str):
        return (attr, op, arg)
    sets = attr in (*_TEXT_ATTRS, "LEMMA") and op in ("IN", "NOT_IN")
    if sets and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
        return (attr, op, frozenset(arg))
    return None


def _can_start(tokens: list[dict[str, Any]], i: int) -> bool:
    """True when every step before ``i`` is optional, so step ``i`` may start a match."""
    return all(str(t.get("OP", "")).startswith(_OPTIONAL_OPS) for t in tokens[:i])


def _sole_first(tokens: list[dict[str, Any]], i: int) -> bool:
    """True when step ``i`` is the first step and required: every match starts with it."""
    return i == 0 and not str(tokens[0].get("OP", "")).startswith(_OPTIONAL_OPS)


class LexemeFlags:
    """Flag bits given to the predicates of a set of token patterns, in priority order."""

    def __init__(
        self, vocab: Vocab, patterns: Iterable[object], table: Mapping[str, str]
    ) -> None:
        starts: set[Key] = set()
        blocked: set[Key] = set()  # start predicates of steps that are not a sole first step
        uses: Counter[Key] = Counter()
        for tokens in patterns:
            if not isinstance(tokens, list):
                continue  # a phrase pattern
            for i, tok in enumerate(tokens):
                for attr, value in tok.items():
                    key = _key(attr, value)
                    if key is not None:
                        uses[key] += 1
                        if _can_start(tokens, i):
                            starts.add(key)
                            if not _sole_first(tokens, i):
                                blocked.add(key)
        # a start predicate of a required first step (the only possible start) may share a
        # flag with others; the ruler then checks each match's first token (``rewrite``)
        sole = starts - blocked
        ranked = sorted(uses, key=lambda k: (k not in starts, k in sole, -uses[k], repr(k)))
        used = cast(Any, vocab).lex_attr_getters  # not in spaCy's type stubs
        free = [b for b in range(FIRST_FLAG, LAST_FLAG + 1) if b not in used]
        groups = 0
        if len(starts) > len(free) and len(starts - sole) <= len(free) - SUPERSETS:
            groups = SUPERSETS
        own = [k for k in ranked if k in starts][: len(free) - groups] if groups else ranked
        self.flags: dict[Key, int] = dict(zip(own, free, strict=False))
        rest = [k for k in ranked if k in sole and k not in self.flags]
        spare = free[len(self.flags) :][:groups]
        self.shared: dict[Key, int] = {}
        if groups:
            self.shared = {k: spare[i % groups] for i, k in enumerate(rest)}
        self.tests: dict[Key, WordTest] = {k: WordTest(k, table) for k in self.shared}
        for key, bit in self.flags.items():
            vocab.add_flag(_getter(key, table), bit)
        for bit in spare:
            members = tuple(self.tests[k] for k, b in self.shared.items() if b == bit)
            vocab.add_flag(AnyOf(members), bit)

    def flag_words(self) -> dict[int, frozenset[str]]:
        """The words behind each flag bit that stands for set membership (``IN``).

        A flag set by a regex or a ``NOT_IN`` predicate (alone or among the predicates of a
        shared flag) has no finite word list and is left out.
        """
        members: dict[int, list[Key]] = {}
        for key, bit in (*self.flags.items(), *self.shared.items()):
            members.setdefault(bit, []).append(key)
        return {
            bit: frozenset().union(*(key[2] for key in keys))
            for bit, keys in members.items()
            if all(key[1] == "IN" for key in keys)
        }

    def rewrite(
        self, tokens: list[dict[str, Any]]
    ) -> tuple[list[dict[str, Any]], list[WordTest]]:
        """The pattern with each flagged predicate replaced by its flag test.

        Also returns the exact tests (``WordTest``) of the first-step predicates that were
        replaced by a shared flag; a match of the pattern counts only if its first token
        passes them.
        """
        out = []
        checks: list[WordTest] = []
        for i, tok in enumerate(tokens):
            new: dict[str, Any] = {}
            for attr, value in tok.items():
                key = _key(attr, value)
                bit = self.flags.get(key) if key is not None else None
                if key is not None and bit is None and _sole_first(tokens, i):
                    bit = self.shared.get(key)
                    if bit is not None:
                        new[f"FLAG{bit}"] = True
                        checks.append(self.tests[key])
                        continue
                if key is None or bit is None:
                    new[attr] = value
                else:
                    new[f"FLAG{bit}"] = key[1] != "NOT_IN"
            out.append(new)
        return out, checks


class WordTest:
    """The exact answer of one lexeme-level predicate for a vocabulary entry (its text)."""

    def __init__(self, key: Key, table: Mapping[str, str]) -> None:
        self.getter = _getter(key, table)
        self.negate = key[1] == "NOT_IN"

    def __call__(self, string: str) -> bool:
        """Whether a token with this text passes the predicate."""
        return self.getter(string) != self.negate


class AnyOf:
    """Flag getter shared by several predicates: true when any of them is."""

    def __init__(self, tests: tuple[WordTest, ...]) -> None:
        self.tests = tests

    def __call__(self, string: str) -> bool:
        """Whether some member predicate holds for the vocabulary entry ``string``."""
        return any(test(string) for test in self.tests)


def _getter(key: Key, table: Mapping[str, str]) -> WordSet | WordRegex:
    """The lexeme flag getter that answers the predicate ``key``."""
    attr, op, arg = key
    if op == "REGEX":
        return WordRegex(arg, _TEXT_ATTRS[attr])
    if attr == "LEMMA":
        return WordSet(lemma_forms(arg, table), lower=True)
    return WordSet(arg, _TEXT_ATTRS[attr])
