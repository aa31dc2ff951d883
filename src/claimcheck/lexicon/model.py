"""Typed, frozen records for a loaded lexicon pack."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from claimcheck.lexicon.params import Params

P = TypeVar("P", bound=Params)

Pattern = str | list[dict[str, Any]]

# Modifier types are code-level concepts: the context component gives each its meaning.
# Each belongs to a family, the part it plays for a claim (a caveat, a source, ...).
MODIFIER_FAMILY: dict[str, str] = {
    "hedge": "caveat",
    "evidential": "caveat",
    "limitation": "caveat",
    "risk-disclosure": "caveat",
    "consult-professional": "caveat",
    "generic-disclaimer": "disclaimer",
    "link": "source",
    "url": "source",
    "doi": "source",
    "pmid": "source",
    "citation-marker": "source",
    "author-year": "source",
    "named-study": "source",
    "named-organisation": "source",
    "vague-attribution": "vague",
    "negation": "context",
    "pseudo": "context",
    "terminate": "context",
    "reported": "context",
    "rebuttal": "context",
    "purpose": "context",
    "intensifier": "context",
}
# Types that still count when they overlap a claim trigger ("is completely safe",
# "is found to be a safe"); every other modifier inside a trigger is pruned ("no side effects").
OVERLAP_ALLOWED = frozenset({"intensifier", "vague-attribution"})
# Types whose scope a terminator ("but", "however") cuts, as in ConText; caveats and sources
# reach the whole sentence ("X is safe, but side effects include ...").
CUT_BY_TERMINATORS = frozenset(
    {"negation", "pseudo", "reported", "purpose", "intensifier", "hedge", "evidential"}
)
DIRECTIONS = frozenset({"forward", "backward", "bidirectional", "terminate"})
SCOPES = frozenset(
    {"sentence", "previous-sentence", "next-sentence", "adjacent", "block", "document"}
)
STRENGTHS = ("absolute", "strong", "hedged")
SUPPORT = ("sourced", "caveated", "unsupported")
SEVERITIES = ("info", "warning", "error")
CATEGORIES = ("claim", "caveat", "source", "boilerplate", "document")


@dataclass(frozen=True)
class ClaimKind:
    """A kind of claim a pack declares (``claim_kinds``), and how the checker treats it.

    A sentence's claim takes the kind of lowest ``priority`` among its triggers.
    """

    name: str
    priority: int
    absolute: bool = False  # graded absolute whatever the wording (a cure)
    effect: bool = True  # False: a figure, not an effect; no claim on its own (statistic)
    science: bool = False  # science-register wording: unscored, never vetoed by the model
    generic: bool = False  # yields to an overlapping specific wording; keeps the cues inside


@dataclass(frozen=True)
class ClaimPattern:
    """One claim trigger pattern; ``kind`` becomes the span label, ``name`` the span id."""

    kind: str
    name: str
    pattern: Pattern
    strength: str | None = None
    # tokens of left context: the first ``lead`` steps must match but are not part of the
    # trigger ("may" in "may improve", so the hedge before the trigger still grades it)
    lead: int = 0
    # lower-case words that may not come just before the match ("to" before "affect": a
    # purpose infinitive); checked on matches only, so the Matcher starts on a selective step
    not_after: frozenset[str] = frozenset()
    examples_flag: tuple[str, ...] = ()  # texts the pattern must match
    examples_pass: tuple[str, ...] = ()  # near misses it must not match


@dataclass(frozen=True)
class WordClass:
    """A named class of tokens for claim shapes: by lemma, by lower-case form, or by the type of
    the health term the token is in (``nlp/terms.py``)."""

    name: str
    lemmas: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    terms: frozenset[str] = frozenset()
    like_num: bool = False  # numbers ("14", "two", "1,000") belong to the class too
    excluded: frozenset[str] = frozenset()  # forms that never belong ("burning" of "burn")
    flags: frozenset[str] = frozenset()  # token flags that make a member: like_url, is_upper...


@dataclass(frozen=True)
class ShapeStep:
    """One step of a claim shape: a token of one of ``classes``, at most ``within`` tokens after
    the previous step (0: the very next token), in the same clause."""

    classes: tuple[str, ...]
    within: int = 0


@dataclass(frozen=True)
class ClaimShape:
    """A shape: steps matched in order inside one clause (``nlp/shapes.py``).

    Where a token pattern names a fixed sequence, a shape names the parts of a claim ("an
    effect verb, then a health object within five tokens") and lets any words stand between
    them; the clause, not the pattern, bounds the match. A claim shape has a claim ``kind``; a
    boilerplate shape names the ``rule`` that reports its matches (CC405: "Book your
    appointment today").
    """

    kind: str
    name: str
    steps: tuple[ShapeStep, ...]
    rule: str | None = None  # a boilerplate rule id: the match is that rule's, not a claim
    at_start: bool = False  # the first step begins its sentence or clause (an imperative)
    position: str | None = None  # "first" / "last": only in the first / last ``edge`` blocks
    edge: int = 3
    min_matches: int = 1  # reported only when the shape matches this often (question stacks)
    with_rules: tuple[str, ...] = ()  # only in a text with hits of one of these rules too
    strength: str | None = None
    not_after: tuple[str, ...] = ()  # classes (or words) that may not come just before step 1
    unless: tuple[str, ...] = ()  # classes that may not occur between the first and last step
    requires: tuple[str, ...] = ()  # classes of which one must occur in the same sentence
    blocks: frozenset[str] = frozenset()  # block kinds it applies to; empty: every block
    health_only: bool = False  # only in a health document (nlp/terms.py)
    examples_flag: tuple[str, ...] = ()
    examples_pass: tuple[str, ...] = ()


@dataclass(frozen=True)
class FramedList:
    """Items under a framing line ("Conditions we treat:", "What can X help with?"): each short
    item that follows is a claim of ``kind`` (``nlp/shapes.py``)."""

    name: str
    kind: str
    frame: tuple[str, ...]  # classes: the framing line holds one of them
    not_frame: tuple[str, ...] = ()  # classes that make it no framing line ("side effects:")
    item: tuple[str, ...] = ()  # a line without a list marker is an item only with one of these
    max_words: int = 10  # longer blocks end the list
    examples_flag: tuple[str, ...] = ()
    examples_pass: tuple[str, ...] = ()


@dataclass(frozen=True)
class ModifierGroup:
    """Modifier phrases, token patterns and regexes sharing one type, direction and scope."""

    id: str
    type: str
    direction: str
    scope: str = "sentence"
    max_scope: int | None = None
    cut_by_terminators: bool = False
    needs_reference_list: bool = False
    phrases: tuple[str, ...] = ()
    patterns: tuple[list[dict[str, Any]], ...] = ()
    regex: tuple[str, ...] = ()
    examples_flag: tuple[str, ...] = ()  # texts in which the group finds a modifier
    examples_pass: tuple[str, ...] = ()  # near misses: no modifier of its type in them

    @property
    def family(self) -> str:
        """The part its modifiers play: caveat, source, vague, disclaimer or context."""
        return MODIFIER_FAMILY[self.type]


@dataclass(frozen=True)
class TermGroup:
    """A health vocabulary list; tokens inside a match get ``_.cc_term = type``.

    A ``weak`` group's words are as often meant otherwise; they count only in a health document
    (``nlp/terms.py``)."""

    type: str
    phrases: tuple[str, ...]
    weak: bool = False
    # "form": the exact form or its regular plural; "lower": the exact form; "lemma": any
    # inflection ("joints" finds "joint", but "cupping" also finds "cup")
    match: str = "form"


@dataclass(frozen=True)
class Rule:
    """One rule: metadata shared by every kind plus the kind's own parameters."""

    id: str
    name: str
    kind: str
    category: str
    severity: str
    message: str
    source_file: str
    suggestion: str | None = None
    rationale: str = ""
    references: tuple[str, ...] = ()
    examples_flag: tuple[str, ...] = ()
    examples_pass: tuple[str, ...] = ()
    status: str = "stable"
    limit: int | None = None
    patterns: tuple[Pattern, ...] = ()
    params: Params = field(default_factory=Params)  # the kind's record (lexicon/params.py)

    def params_as(self, cls: type[P]) -> P:
        """The rule's parameters as its kind's record type."""
        if not isinstance(self.params, cls):
            raise TypeError(f"rule {self.id} ({self.kind}) has {type(self.params).__name__}, "
                            f"not {cls.__name__}")  # fmt: skip
        return self.params


@dataclass(frozen=True)
class RuleSet:
    """Everything loaded from a lexicon pack; ``digest`` identifies its content, including
    the ``referenced`` files (absolute paths) that records name with ``*_from`` keys."""

    rules: tuple[Rule, ...]
    claim_patterns: tuple[ClaimPattern, ...]
    modifiers: tuple[ModifierGroup, ...]
    terms: tuple[TermGroup, ...]
    reference_headings: tuple[str, ...]
    softeners: Mapping[str, str]
    digest: str
    directories: tuple[str, ...] = ()
    lemma_overrides: Mapping[str, str] = field(default_factory=dict)
    abbreviations: tuple[str, ...] = ()  # tokenizer special cases: "al." stays one token
    word_classes: tuple[WordClass, ...] = ()
    claim_shapes: tuple[ClaimShape, ...] = ()
    framed_lists: tuple[FramedList, ...] = ()
    clause_breaks: tuple[str, ...] = ()  # word classes that end a clause for claim shapes
    shape_negators: tuple[str, ...] = ()  # word classes no shape match may have inside it
    referenced: tuple[str, ...] = ()  # files named by *_from keys, wherever they live
    # words that open a clause a hedge does not reach out of (or into): at the start of a
    # sentence, up to the first comma ("Although X may ..., Y reduces Z"); after a comma, up to
    # the next comma or the sentence end ("Y reduces Z, which may reflect ...")
    claim_kinds: tuple[ClaimKind, ...] = ()  # by priority
    fronted_subordinators: tuple[str, ...] = ()
    following_subordinators: tuple[str, ...] = ()

    @property
    def kind_names(self) -> tuple[str, ...]:
        """The claim kinds' names, by priority."""
        return tuple(k.name for k in self.claim_kinds)

    def kinds_where(self, **flags: bool) -> frozenset[str]:
        """The names of the claim kinds whose attributes have the given values
        (``kinds_where(science=True)``)."""
        return frozenset(
            k.name for k in self.claim_kinds
            if all(getattr(k, flag) == value for flag, value in flags.items())
        )  # fmt: skip

    def rule(self, key: str) -> Rule | None:
        """Look a rule up by id (``CC101``) or name (``absolute-cure-claim``)."""
        for r in self.rules:
            if key.upper() == r.id or key == r.name:
                return r
        return None

    def modifier_group(self, group_id: str) -> ModifierGroup:
        """The modifier group with this id."""
        return self._groups[group_id]

    @property
    def _groups(self) -> dict[str, ModifierGroup]:
        cache: dict[str, ModifierGroup] | None = self.__dict__.get("_group_cache")
        if cache is None:
            cache = {g.id: g for g in self.modifiers}
            object.__setattr__(self, "_group_cache", cache)
        return cache
