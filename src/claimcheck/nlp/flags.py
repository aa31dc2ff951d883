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

import functools
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


def lemma_table(overrides: Mapping[str, str]) -> Mapping[str, str]:
    """Lower-case form -> lemma, as ``LowerLemmas`` sets it and LEMMA flags test it: spaCy's
    lookup with the lexicon's fixes on top ("lower" is a verb, not "low").

    One table per set of overrides and process (read-only): the components that use it are
    built separately, and share it (in memory and in the pickled pipeline)."""
    return _lemma_table(tuple(sorted(overrides.items())))


@functools.lru_cache(maxsize=4)
def _lemma_table(overrides: tuple[tuple[str, str], ...]) -> Mapping[str, str]:
    """``lemma_table`` of hashable overrides (reading the lookup data takes about 1 s)."""
    return {**lemma_lookup(), **dict(overrides)}


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
        # bits taken by an earlier set of these flags (a pipeline initialized again) are free
        free = [b for b in range(FIRST_FLAG, LAST_FLAG + 1)
                if b not in used or _ours(used[b])]  # fmt: skip
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
        self.answers: FlagAnswers
        installed = installed_flags(vocab)
        if installed is not None and installed.same_as(self, table):
            # the rulers of one pipeline share their flags: the first one installs them
            self.answers = installed.answers
            return
        answers = self.answers = FlagAnswers(table)
        for key, bit in self.flags.items():
            answers.own(bit, key)
        for bit in spare:
            answers.shared(bit, [k for k, b in self.shared.items() if b == bit])
        for bit in [b for b, getter in used.items() if _ours(getter)]:
            del used[bit]  # an earlier set of these flags (a pipeline initialized again)
        # the first bit's getter records each new entry; the others answer nothing (spaCy
        # then leaves the bit as it is); ``settle`` sets the bits before flags are read
        bits = answers.bits()
        new = NewWords(answers, self)
        quiet = Unanswered()
        for bit in bits:
            getter = new.append if bit == bits[0] else quiet.get  # both answer None
            cast(Any, vocab).add_flag(getter, bit)
        settle(vocab)

    def same_as(self, other: LexemeFlags, table: Mapping[str, str]) -> bool:
        """Whether ``other`` (built with lemma ``table``) gives every predicate the same bit."""
        return (self.flags == other.flags and self.shared == other.shared
                and (self.answers.table is table or self.answers.table == table))  # fmt: skip

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


class FlagAnswers:
    """Every flag of a vocabulary entry, computed together the first time one is asked.

    ``settle`` asks once per new vocabulary entry: the lower-case form folded once, one
    dict lookup per form for all word sets.
    """

    def __init__(self, table: Mapping[str, str]) -> None:
        self.table = table
        self.by_lower: dict[str, int] = {}  # lower-case form -> bits of the sets holding it
        self.by_text: dict[str, int] = {}  # exact text -> bits (case-sensitive sets)
        self.regexes: list[tuple[int, re.Pattern[str], bool]] = []  # bit, regex, lower
        self.any_of: list[tuple[int, list[tuple[int, bool]]]] = []  # bit, (atom bit, negate)
        self.atoms = 0  # atoms (one per predicate) live above bit 64: out of flag range
        self.declared: set[int] = set()  # the flag bits answered here
        self._last: tuple[str, int] = ("", 0)

    def own(self, bit: int, key: Key) -> None:
        """Flag ``bit`` answers the predicate ``key`` (set membership or regex)."""
        self.declared.add(bit)
        self._predicate(bit, key)

    def shared(self, bit: int, keys: list[Key]) -> None:
        """Flag ``bit`` is true when any predicate of ``keys`` holds (``NOT_IN`` negated)."""
        members = []
        for key in keys:
            atom = 64 + self.atoms
            self.atoms += 1
            self._predicate(atom, key)
            members.append((atom, key[1] == "NOT_IN"))
        self.any_of.append((bit, members))
        self.declared.add(bit)

    def bits(self) -> list[int]:
        """The flag bits answered here."""
        return sorted(self.declared)

    def _predicate(self, bit: int, key: Key) -> None:
        """Record where predicate ``key``'s answer goes: flag ``bit`` or an atom above 64."""
        attr, op, arg = key
        if op == "REGEX":
            self.regexes.append((bit, re.compile(arg), _TEXT_ATTRS[attr]))
            return
        lower = attr == "LEMMA" or _TEXT_ATTRS[attr]
        words = lemma_forms(arg, self.table) if attr == "LEMMA" else arg
        target = self.by_lower if lower else self.by_text
        for word in words:
            target[word] = target.get(word, 0) | 1 << bit

    def answer(self, string: str) -> int:
        """The flag bits (and predicate atoms) that hold for the vocabulary entry."""
        last = self._last
        if last[0] is string:
            return last[1]
        lower = folded_lower(string)
        mask = self.by_lower.get(lower, 0) | self.by_text.get(string, 0)
        for bit, regex, lowered in self.regexes:
            if regex.search(lower if lowered else string) is not None:
                mask |= 1 << bit
        for bit, members in self.any_of:
            if any((mask >> atom & 1 == 1) != negate for atom, negate in members):
                mask |= 1 << bit
        self._last = (string, mask)
        return mask


class NewWords(list[str]):
    """The vocabulary entries made since the flags were last set.

    spaCy calls every lexeme attribute getter, one Python call each, for each new vocabulary
    entry: 45 flag getters cost more than the tokenizer's own work on a new word. Instead the
    first flag bit's getter is this list's ``append`` (a C call) and the other bits' is
    ``Unanswered.get``; :func:`settle` then answers all flags of the recorded entries in one
    pass, setting only the bits that hold (a new entry's bits start cleared). Flags are read
    by the rulers' Matchers, which settle first (``CheckedSpanRuler.match``).

    Pickled empty, with its ``answers`` and ``owner`` (the ``LexemeFlags`` that installed it):
    spaCy does not pickle vocabulary entries, so a loaded vocabulary makes them anew.
    """

    def __init__(self, answers: FlagAnswers, owner: LexemeFlags) -> None:
        super().__init__()
        self.answers = answers
        self.owner = owner

    def __reduce__(self) -> tuple[Any, ...]:
        return (NewWords, (self.answers, self.owner))


class Unanswered(dict[str, bool]):
    """The getter of the flag bits other than the first: ``get`` answers None for every entry
    (see ``NewWords``)."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (Unanswered, ())


def _ours(getter: object) -> bool:
    """Whether a lexeme attribute getter is one that ``LexemeFlags`` installed."""
    return isinstance(getattr(getter, "__self__", None), (NewWords, Unanswered))


def _new_words(vocab: Vocab) -> NewWords | None:
    """The recorder of new entries installed in ``vocab``, if any."""
    for getter in cast(Any, vocab).lex_attr_getters.values():
        owner = getattr(getter, "__self__", None)
        if isinstance(owner, NewWords):
            return owner
    return None


def settle(vocab: Vocab) -> None:
    """Set the flag bits of the vocabulary entries made since the last call (``NewWords``)."""
    new = _new_words(vocab)
    if not new:
        return
    answers = new.answers
    bits = answers.bits()
    declared = sum(1 << bit for bit in bits)
    answer = answers.answer
    while new:  # looking an entry up may make it again (a memory zone dropped it)
        words = new.copy()
        new.clear()
        for word in words:
            mask = answer(word) & declared
            if mask:
                lexeme = vocab[word]
                for bit in bits:
                    if mask >> bit & 1:
                        lexeme.set_flag(bit, True)


def installed_flags(vocab: Vocab) -> LexemeFlags | None:
    """The ``LexemeFlags`` whose flags the vocabulary computes, if any."""
    new = _new_words(vocab)
    return new.owner if new is not None else None


def _getter(key: Key, table: Mapping[str, str]) -> WordSet | WordRegex:
    """The lexeme flag getter that answers the predicate ``key``."""
    attr, op, arg = key
    if op == "REGEX":
        return WordRegex(arg, _TEXT_ATTRS[attr])
    if attr == "LEMMA":
        return WordSet(lemma_forms(arg, table), lower=True)
    return WordSet(arg, _TEXT_ATTRS[attr])
