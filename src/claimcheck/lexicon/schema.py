"""The lexicon schema: allowed keys and value checks for each YAML record kind.

Malformed records fail loudly with the file, the rule id and the offending key, after
medspaCy's ``ConTextRule.from_dict`` allowed-keys check.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from claimcheck.errors import LexiconError
from claimcheck.lexicon.kinds import KIND_SPECS
from claimcheck.lexicon.model import (
    CATEGORIES,
    CUT_BY_TERMINATORS,
    DIRECTIONS,
    MODIFIER_FAMILY,
    SCOPES,
    SEVERITIES,
    STRENGTHS,
    ClaimKind,
    ClaimPattern,
    ClaimShape,
    FramedList,
    ModifierGroup,
    Rule,
    ShapeStep,
    TermGroup,
    WordClass,
)
from claimcheck.lexicon.params import parse_params
from claimcheck.lexicon.phrases import read_pair_file, read_phrase_file

FILE_KEYS = frozenset(
    {"title", "description", "vocab", "patterns", "rules", "modifiers", "terms",
     "reference_list_headings", "softeners", "lemma_overrides", "abbreviations", "classes",
     "shapes", "clause_breaks", "negators", "lists", "subclauses", "claim_kinds"}
)  # fmt: skip
RULE_KEYS = frozenset(
    {"id", "name", "kind", "category", "severity", "message", "suggestion", "rationale",
     "references", "examples", "status", "limit", "patterns", "phrases", "phrases_from"}
)  # fmt: skip
MODIFIER_KEYS = frozenset(
    {"type", "direction", "scope", "max_scope", "cut_by_terminators", "needs_reference_list",
     "phrases", "phrases_from", "patterns", "regex", "examples"}
)  # fmt: skip
CLAIM_PATTERN_KEYS = frozenset(
    {"kind", "name", "pattern", "strength", "lead", "not_after", "examples"}
)
RULE_ID = re.compile(r"^CC\d{3}$")
RULE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def check_keys(where: str, record: Mapping[str, Any], allowed: Iterable[str]) -> None:
    """Raise when ``record`` has keys outside ``allowed``, naming both sets."""
    allowed_set = frozenset(allowed)
    bad = sorted(set(record) - allowed_set)
    if bad:
        raise LexiconError(
            f"{where}: unknown key {', '.join(repr(b) for b in bad)} "
            f"(allowed: {', '.join(sorted(allowed_set))})"
        )


def require(where: str, record: Mapping[str, Any], key: str, choices: Iterable[str] = ()) -> Any:
    """Return ``record[key]``, raising when it is missing or not among ``choices``."""
    if key not in record or record[key] in (None, ""):
        raise LexiconError(f"{where}: missing required key '{key}'")
    value = record[key]
    options = tuple(choices)
    if options and value not in options:
        raise LexiconError(
            f"{where}: key '{key}' is {value!r}, expected one of {', '.join(options)}"
        )
    return value


def record_phrases(where: str, record: Mapping[str, Any], base: Path) -> tuple[str, ...]:
    """Inline ``phrases`` plus the lines of ``phrases_from``."""
    inline = record.get("phrases") or []
    if not isinstance(inline, list) or not all(isinstance(p, str | int | float) for p in inline):
        raise LexiconError(f"{where}: key 'phrases' must be a list of strings")
    out = tuple(str(p) for p in inline)
    if record.get("phrases_from"):
        out += read_phrase_file(base / str(record["phrases_from"]))
    return out


TERM_KEYS = frozenset({"type", "phrases", "phrases_from", "weak", "match"})


def load_term_group(where: str, rec: Mapping[str, Any], base: Path) -> TermGroup:
    """Validate one vocabulary group record (``terms:`` entries)."""
    check_keys(where, rec, TERM_KEYS)
    weak = rec.get("weak", False)
    if not isinstance(weak, bool):
        raise LexiconError(f"{where}: key 'weak' must be true or false, got {weak!r}")
    match = rec.get("match", "form")
    if match not in ("form", "lower", "lemma"):
        raise LexiconError(f"{where}: key 'match' is {match!r}, expected form, lower or lemma")
    phrases = record_phrases(where, rec, base)
    return TermGroup(str(require(where, rec, "type")), phrases, weak, match)


def read_model_file(where: str, path: Path) -> dict[str, Any]:
    """A model file named by ``model_from``, parsed (LexiconError naming the record when it
    cannot be read or is not a JSON object)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        reason = f"cannot read {path} ({exc.strerror})"
        raise LexiconError(f"{where}: key 'model_from': {reason}") from exc
    except ValueError as exc:
        raise LexiconError(f"{where}: key 'model_from': {path} is not JSON ({exc})") from exc
    if not isinstance(data, dict) or not all(k in data for k in ("weights", "bias", "threshold")):
        raise LexiconError(f"{where}: key 'model_from': {path} lacks weights, bias or threshold")
    return data


def check_regexes(where: str, key: str, regexes: Sequence[str]) -> None:
    """LexiconError naming the record and key when one of ``regexes`` does not compile."""
    for r in regexes:
        try:
            re.compile(r)
        except re.error as exc:
            raise LexiconError(f"{where}: key '{key}': {r!r} does not compile ({exc})") from exc


def load_modifier(where: str, rec: Mapping[str, Any], base: Path, gid: str) -> ModifierGroup:
    """Validate one modifier group record."""
    check_keys(where, rec, MODIFIER_KEYS)
    mtype = require(where, rec, "type", MODIFIER_FAMILY)
    direction = require(where, rec, "direction", DIRECTIONS)
    scope = rec.get("scope", "sentence")
    if scope not in SCOPES:
        raise LexiconError(f"{where}: key 'scope' is {scope!r}, expected one of {sorted(SCOPES)}")
    patterns = tuple(rec.get("patterns") or ())
    regex = tuple(str(r) for r in rec.get("regex") or ())
    check_regexes(where, "regex", regex)
    phrases = record_phrases(where, rec, base)
    if not (phrases or patterns or regex):
        raise LexiconError(f"{where}: no phrases, patterns or regex")
    examples_flag, examples_pass = read_examples(where, rec)
    return ModifierGroup(
        id=gid, type=mtype, direction=direction, scope=scope, max_scope=rec.get("max_scope"),
        cut_by_terminators=bool(rec.get("cut_by_terminators", mtype in CUT_BY_TERMINATORS)),
        needs_reference_list=bool(rec.get("needs_reference_list", False)),
        phrases=phrases, patterns=patterns, regex=regex,
        examples_flag=examples_flag, examples_pass=examples_pass,
    )  # fmt: skip


CLAIM_KIND_KEYS = frozenset({"name", "priority", "absolute", "effect", "science", "generic"})


def load_claim_kind(where: str, rec: Any) -> ClaimKind:
    """Validate one declared claim kind (``claim_kinds`` entry)."""
    if not isinstance(rec, Mapping):
        raise LexiconError(f"{where}: expected a mapping with 'name' and 'priority'")
    check_keys(where, rec, CLAIM_KIND_KEYS)
    name = require(where, rec, "name")
    if not isinstance(name, str) or not RULE_NAME.match(name):
        raise LexiconError(f"{where}: key 'name' must be a lower-case word, got {name!r}")
    priority = require(where, rec, "priority")
    if not isinstance(priority, int) or isinstance(priority, bool):
        raise LexiconError(f"{where}: key 'priority' must be an integer, got {priority!r}")
    flags = {}
    for key in ("absolute", "effect", "science", "generic"):
        if key in rec:
            if not isinstance(rec[key], bool):
                raise LexiconError(f"{where}: key '{key}' must be true or false")
            flags[key] = rec[key]
    return ClaimKind(name=name, priority=priority, **flags)


def load_claim_pattern(where: str, rec: Mapping[str, Any]) -> ClaimPattern:
    """Validate one claim trigger pattern."""
    check_keys(where, rec, CLAIM_PATTERN_KEYS)
    kind = str(require(where, rec, "kind"))  # declared? checked once the pack is read
    strength = rec.get("strength")
    if strength is not None and strength not in STRENGTHS:
        raise LexiconError(f"{where}: key 'strength' is {strength!r}, expected one of {STRENGTHS}")
    pattern = require(where, rec, "pattern")
    if not isinstance(pattern, str | list):
        raise LexiconError(f"{where}: key 'pattern' must be a phrase or a token pattern list")
    lead = rec.get("lead", 0)
    if lead:
        if not isinstance(lead, int) or isinstance(lead, bool) or lead < 0:
            raise LexiconError(f"{where}: key 'lead' must be a whole number of tokens: {lead!r}")
        if not isinstance(pattern, list) or lead >= len(pattern):
            raise LexiconError(f"{where}: key 'lead' needs a token pattern longer than {lead}")
        if any(isinstance(step, Mapping) and "OP" in step for step in pattern[:lead]):
            raise LexiconError(f"{where}: 'lead' steps must match one token each (no OP)")
    examples_flag, examples_pass = read_examples(where, rec)
    not_after = rec.get("not_after", [])
    if not isinstance(not_after, list) or not all(isinstance(w, str) and w for w in not_after):
        raise LexiconError(f"{where}: key 'not_after' must be a list of words")
    return ClaimPattern(
        kind=kind,
        name=str(require(where, rec, "name")),
        pattern=pattern,
        strength=strength,
        lead=lead,
        not_after=frozenset(w.lower() for w in not_after),
        examples_flag=examples_flag,
        examples_pass=examples_pass,
    )


CLASS_KEYS = frozenset({"lemmas", "words", "terms", "like_num", "except", "flags"})
TOKEN_FLAGS = frozenset(
    {"like_url", "like_email", "like_num", "is_upper", "is_title", "is_digit", "is_currency",
     "is_punct", "is_quote", "is_bracket"}
)  # fmt: skip
SHAPE_KEYS = frozenset(
    {"kind", "name", "steps", "within", "strength", "not_after", "unless", "requires", "blocks",
     "health_only", "examples", "rule", "at_start", "position", "edge", "min_matches",
     "with_rules"}
)  # fmt: skip
LIST_KEYS = frozenset({"kind", "name", "frame", "not_frame", "item", "max_words", "examples"})
DEFAULT_WITHIN = 4


def load_word_class(where: str, name: str, rec: Any) -> WordClass:
    """Validate one word class (``classes:`` entries): lemmas, words and/or term types."""
    if not isinstance(rec, Mapping) or not rec:
        raise LexiconError(f"{where}: class '{name}' must map lemmas/words/terms to lists")
    check_keys(f"{where} class {name}", rec, CLASS_KEYS)
    like_num = rec.get("like_num", False)
    if not isinstance(like_num, bool):
        raise LexiconError(f"{where} class {name}: key 'like_num' must be true or false")
    sets = {}
    for key in ("lemmas", "words", "terms", "except", "flags"):
        values = rec.get(key) or []
        if not isinstance(values, list) or not all(isinstance(v, str | int) for v in values):
            raise LexiconError(f"{where} class {name}: key '{key}' must be a list of words")
        sets[key] = frozenset(str(v).lower() for v in values)
    bad = sorted(sets["flags"] - TOKEN_FLAGS)
    if bad:
        raise LexiconError(f"{where} class {name}: unknown flag {', '.join(bad)}")
    return WordClass(
        name, sets["lemmas"], sets["words"], sets["terms"], like_num, sets["except"],
        sets["flags"],
    )  # fmt: skip


def _step(where: str, raw: Any, within: int, first: bool) -> ShapeStep:
    """One shape step: 'class', 'class|class', or {class: [...], within: N}."""
    if isinstance(raw, str):
        return ShapeStep(tuple(raw.split("|")), 0 if first else within)
    if isinstance(raw, Mapping):
        check_keys(f"{where} step", raw, {"class", "within"})
        names = raw.get("class")
        names = names.split("|") if isinstance(names, str) else names
        gap = raw.get("within", within)
        if not isinstance(names, list) or not names or not isinstance(gap, int) or gap < 0:
            raise LexiconError(f"{where}: a step needs 'class' (names) and a whole 'within'")
        return ShapeStep(tuple(str(n) for n in names), 0 if first else gap)
    raise LexiconError(f"{where}: a step is a class name or {{class: ..., within: N}}")


def load_claim_shape(where: str, rec: Mapping[str, Any], classes: Iterable[str]) -> ClaimShape:
    """Validate one claim shape; every class it names must be defined."""
    check_keys(where, rec, SHAPE_KEYS)
    rule = rec.get("rule")
    if rule is not None and not RULE_ID.match(str(rule)):
        raise LexiconError(f"{where}: key 'rule' must be a rule id such as CC405")
    kind = "boilerplate" if rule else str(require(where, rec, "kind"))
    name = str(require(where, rec, "name"))
    position = rec.get("position")
    if position not in (None, "first", "last"):
        raise LexiconError(f"{where}: key 'position' is {position!r}, expected first or last")
    for key in ("edge", "min_matches"):
        value = rec.get(key, 1)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise LexiconError(f"{where}: key '{key}' must be a whole number, 1 or more")
    within = rec.get("within", DEFAULT_WITHIN)
    raw_steps = require(where, rec, "steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise LexiconError(f"{where}: key 'steps' must be a non-empty list")
    steps = tuple(_step(where, s, within, i == 0) for i, s in enumerate(raw_steps))
    known = set(classes)
    named = [c for st in steps for c in st.classes]
    named += list(rec.get("unless") or []) + list(rec.get("requires") or [])
    unknown = sorted({c for c in named if c not in known})
    if unknown:
        defined = ", ".join(sorted(known))
        raise LexiconError(f"{where}: unknown class {', '.join(unknown)} (defined: {defined})")
    strength = rec.get("strength")
    if strength is not None and strength not in STRENGTHS:
        raise LexiconError(f"{where}: key 'strength' is {strength!r}, expected one of {STRENGTHS}")
    flag, pass_ = read_examples(where, rec)
    return ClaimShape(
        kind=kind, name=name, steps=steps, strength=strength,
        not_after=tuple(str(w).lower() for w in rec.get("not_after") or ()),
        unless=tuple(str(c) for c in rec.get("unless") or ()),
        requires=tuple(str(c) for c in rec.get("requires") or ()),
        blocks=frozenset(str(b) for b in rec.get("blocks") or ()),
        health_only=bool(rec.get("health_only", False)),
        examples_flag=flag, examples_pass=pass_, rule=str(rule) if rule else None,
        at_start=bool(rec.get("at_start", False)), position=position,
        edge=int(rec.get("edge", 3)), min_matches=int(rec.get("min_matches", 1)),
        with_rules=tuple(str(r) for r in rec.get("with_rules") or ()),
    )  # fmt: skip


def load_framed_list(where: str, rec: Mapping[str, Any], classes: Iterable[str]) -> FramedList:
    """Validate one framed-list record (``lists:`` entries of shapes.yml)."""
    check_keys(where, rec, LIST_KEYS)
    frame = [str(c) for c in require(where, rec, "frame")]
    not_frame = [str(c) for c in rec.get("not_frame") or ()]
    item = [str(c) for c in rec.get("item") or ()]
    unknown = sorted(set(frame + not_frame + item) - set(classes))
    if unknown:
        raise LexiconError(f"{where}: unknown class {', '.join(unknown)}")
    max_words = rec.get("max_words", 10)
    if not isinstance(max_words, int) or isinstance(max_words, bool) or max_words < 1:
        raise LexiconError(f"{where}: key 'max_words' must be a whole number of words")
    flag, pass_ = read_examples(where, rec)
    return FramedList(
        name=str(require(where, rec, "name")), kind=str(require(where, rec, "kind")),
        frame=tuple(frame), not_frame=tuple(not_frame), item=tuple(item), max_words=max_words,
        examples_flag=flag, examples_pass=pass_,
    )  # fmt: skip


def read_examples(where: str, rec: Mapping[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A record's ``examples: {flag: [...], pass: [...]}`` (texts it must / must not hit)."""
    examples = rec.get("examples") or {}
    check_keys(f"{where} examples", examples, {"flag", "pass"})
    for key in ("flag", "pass"):
        texts = examples.get(key) or []
        if not isinstance(texts, list) or not all(isinstance(t, str) and t for t in texts):
            raise LexiconError(f"{where}: 'examples.{key}' must be a list of texts")
    return tuple(examples.get("flag") or ()), tuple(examples.get("pass") or ())


def load_rule(where: str, rec: Mapping[str, Any], base: Path, source: str) -> Rule:
    """Validate one rule record against the common keys and its kind's parameters."""
    rid = str(require(where, rec, "id"))
    where = f"{where} rule {rid}"
    if not RULE_ID.match(rid):
        raise LexiconError(f"{where}: key 'id' must be CC followed by three digits")
    kind = require(where, rec, "kind", KIND_SPECS)
    spec = KIND_SPECS[kind]
    check_keys(where, rec, RULE_KEYS | spec.required | spec.optional)
    for key in sorted(spec.required):
        require(where, rec, key)
    name = str(require(where, rec, "name"))
    if not RULE_NAME.match(name):
        raise LexiconError(f"{where}: key 'name' must be kebab-case, got {name!r}")
    message = str(require(where, rec, "message"))
    suggestion = rec.get("suggestion")
    for key, text in (("message", message), ("suggestion", suggestion or "")):
        unknown = set(PLACEHOLDER.findall(text)) - spec.placeholders
        if unknown:
            raise LexiconError(
                f"{where}: key '{key}' uses placeholder {{{sorted(unknown)[0]}}}, which kind "
                f"'{kind}' does not supply (it supplies: {', '.join(sorted(spec.placeholders))})"
            )
    patterns = tuple(rec.get("patterns") or ()) + record_phrases(where, rec, base)
    sources = ("modifier_types", "regex", "line_patterns")  # other things a rule can match
    if spec.needs_patterns and not patterns and not any(rec.get(k) for k in sources):
        raise LexiconError(f"{where}: empty 'patterns' and no 'phrases_from'")
    for key in ("regex", "regex_guard", "marker_regex"):  # a kind's character patterns
        value = rec.get(key) or ()
        listed = [value] if isinstance(value, str) else value
        check_regexes(where, key, [str(v) for v in listed])
    examples_flag, examples_pass = read_examples(where, rec)
    values = {k: v for k, v in rec.items() if k in spec.required | spec.optional}
    if rec.get("model_from"):  # a kind's trained weights (JSON inside the pack)
        values["model"] = read_model_file(where, base / str(rec["model_from"]))
    if rec.get("replacements_from"):  # a kind's 'phrase -> replacement' list (spun text)
        listed = read_pair_file(base / str(rec["replacements_from"]))
        values["replacements"] = {**listed, **(rec.get("replacements") or {})}
    params = parse_params(where, spec.params, values)
    return Rule(
        id=rid, name=name, kind=kind, category=require(where, rec, "category", CATEGORIES),
        severity=require(where, rec, "severity", SEVERITIES), message=message,
        source_file=source, suggestion=suggestion, rationale=str(rec.get("rationale", "")).strip(),
        references=tuple(rec.get("references") or ()),
        examples_flag=examples_flag, examples_pass=examples_pass,
        status=require(where, {"status": rec.get("status", "stable")}, "status",
                        ("stable", "preview", "removed")),
        limit=rec.get("limit"), patterns=patterns, params=params,
    )  # fmt: skip
