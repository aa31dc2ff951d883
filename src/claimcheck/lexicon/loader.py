"""Load and validate lexicon packs (YAML) into a :class:`RuleSet`.

Malformed files fail loudly with the file, the rule id and the offending key, after
medspaCy's ``ConTextRule.from_dict`` allowed-keys check.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from claimcheck.errors import LexiconError
from claimcheck.lexicon.model import (
    CATEGORIES,
    CLAIM_KINDS,
    CUT_BY_TERMINATORS,
    DIRECTIONS,
    MODIFIER_CATEGORY,
    SCOPES,
    SEVERITIES,
    STRENGTHS,
    ClaimPattern,
    ModifierGroup,
    Rule,
    RuleSet,
    TermGroup,
)

FILE_KEYS = frozenset(
    {"category", "description", "vocab", "patterns", "rules", "modifiers", "terms",
     "reference_list_headings", "softeners", "lemma_overrides", "abbreviations"}
)  # fmt: skip
RULE_KEYS = frozenset(
    {"id", "name", "kind", "category", "severity", "message", "suggestion", "rationale",
     "references", "examples", "status", "limit", "patterns", "phrases", "phrases_from"}
)  # fmt: skip
MODIFIER_KEYS = frozenset(
    {"type", "direction", "scope", "max_scope", "cut_by_terminators", "needs_reference_list",
     "phrases", "phrases_from", "patterns", "regex"}
)  # fmt: skip
CLAIM_PATTERN_KEYS = frozenset({"kind", "name", "pattern", "strength"})
RULE_ID = re.compile(r"^CC\d{3}$")
RULE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


class _YamlLoader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true/false. In word lists, no/on/off/yes are words."""


_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def default_lexicon_dir() -> Path:
    """The shipped lexicon pack: inside the wheel, or the top-level folder of a checkout."""
    installed = importlib.resources.files("claimcheck") / "lexicons"
    if installed.is_dir():
        return Path(str(installed))
    checkout = Path(__file__).resolve().parents[3] / "lexicons"
    if checkout.is_dir():
        return checkout
    raise LexiconError("the default lexicon pack is missing from this installation")


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


def _check_keys(where: str, record: Mapping[str, Any], allowed: Iterable[str]) -> None:
    """Raise when ``record`` has keys outside ``allowed``, naming both sets."""
    allowed_set = frozenset(allowed)
    bad = sorted(set(record) - allowed_set)
    if bad:
        raise LexiconError(
            f"{where}: unknown key {', '.join(repr(b) for b in bad)} "
            f"(allowed: {', '.join(sorted(allowed_set))})"
        )


def _require(where: str, record: Mapping[str, Any], key: str, choices: Iterable[str] = ()) -> Any:
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


def _phrases(where: str, record: Mapping[str, Any], base: Path) -> tuple[str, ...]:
    """Inline ``phrases`` plus the lines of ``phrases_from``."""
    inline = record.get("phrases") or []
    if not isinstance(inline, list) or not all(isinstance(p, str | int | float) for p in inline):
        raise LexiconError(f"{where}: key 'phrases' must be a list of strings")
    out = tuple(str(p) for p in inline)
    if record.get("phrases_from"):
        out += read_phrase_file(base / str(record["phrases_from"]))
    return out


def _load_modifier(where: str, rec: Mapping[str, Any], base: Path, gid: str) -> ModifierGroup:
    """Validate one modifier group record."""
    _check_keys(where, rec, MODIFIER_KEYS)
    mtype = _require(where, rec, "type", MODIFIER_CATEGORY)
    direction = _require(where, rec, "direction", DIRECTIONS)
    scope = rec.get("scope", "sentence")
    if scope not in SCOPES:
        raise LexiconError(f"{where}: key 'scope' is {scope!r}, expected one of {sorted(SCOPES)}")
    patterns = tuple(rec.get("patterns") or ())
    regex = tuple(str(r) for r in rec.get("regex") or ())
    for r in regex:
        try:
            re.compile(r)
        except re.error as exc:
            raise LexiconError(f"{where}: key 'regex': {r!r} does not compile ({exc})") from exc
    phrases = _phrases(where, rec, base)
    if not (phrases or patterns or regex):
        raise LexiconError(f"{where}: no phrases, patterns or regex")
    return ModifierGroup(
        id=gid, type=mtype, direction=direction, scope=scope, max_scope=rec.get("max_scope"),
        cut_by_terminators=bool(rec.get("cut_by_terminators", mtype in CUT_BY_TERMINATORS)),
        needs_reference_list=bool(rec.get("needs_reference_list", False)),
        phrases=phrases, patterns=patterns, regex=regex,
    )  # fmt: skip


def _load_claim_pattern(where: str, rec: Mapping[str, Any]) -> ClaimPattern:
    """Validate one claim trigger pattern."""
    _check_keys(where, rec, CLAIM_PATTERN_KEYS)
    kind = _require(where, rec, "kind", CLAIM_KINDS)
    strength = rec.get("strength")
    if strength is not None and strength not in STRENGTHS:
        raise LexiconError(f"{where}: key 'strength' is {strength!r}, expected one of {STRENGTHS}")
    pattern = _require(where, rec, "pattern")
    if not isinstance(pattern, str | list):
        raise LexiconError(f"{where}: key 'pattern' must be a phrase or a token pattern list")
    return ClaimPattern(
        kind=kind, name=str(_require(where, rec, "name")), pattern=pattern, strength=strength
    )


def _load_rule(where: str, rec: Mapping[str, Any], base: Path, source: str) -> Rule:
    """Validate one rule record against the common keys and its kind's parameters."""
    from claimcheck.rules import KIND_SPECS

    rid = str(_require(where, rec, "id"))
    where = f"{where} rule {rid}"
    if not RULE_ID.match(rid):
        raise LexiconError(f"{where}: key 'id' must be CC followed by three digits")
    kind = _require(where, rec, "kind", KIND_SPECS)
    spec = KIND_SPECS[kind]
    _check_keys(where, rec, RULE_KEYS | spec.required | spec.optional)
    for key in sorted(spec.required):
        _require(where, rec, key)
    name = str(_require(where, rec, "name"))
    if not RULE_NAME.match(name):
        raise LexiconError(f"{where}: key 'name' must be kebab-case, got {name!r}")
    message = str(_require(where, rec, "message"))
    suggestion = rec.get("suggestion")
    for key, text in (("message", message), ("suggestion", suggestion or "")):
        unknown = set(PLACEHOLDER.findall(text)) - spec.placeholders
        if unknown:
            raise LexiconError(
                f"{where}: key '{key}' uses placeholder {{{sorted(unknown)[0]}}}, which kind "
                f"'{kind}' does not supply (it supplies: {', '.join(sorted(spec.placeholders))})"
            )
    patterns = tuple(rec.get("patterns") or ()) + _phrases(where, rec, base)
    if spec.needs_patterns and not patterns and not rec.get("modifier_types"):
        raise LexiconError(f"{where}: empty 'patterns' and no 'phrases_from'")
    examples = rec.get("examples") or {}
    _check_keys(f"{where} examples", examples, {"flag", "pass"})
    params = {k: v for k, v in rec.items() if k in spec.required | spec.optional}
    if rec.get("replacements_from"):  # a kind's 'phrase -> replacement' list (spun text)
        listed = read_pair_file(base / str(rec["replacements_from"]))
        params["replacements"] = {**listed, **(rec.get("replacements") or {})}
    return Rule(
        id=rid, name=name, kind=kind, category=_require(where, rec, "category", CATEGORIES),
        severity=_require(where, rec, "severity", SEVERITIES), message=message,
        source_file=source, suggestion=suggestion, rationale=str(rec.get("rationale", "")).strip(),
        references=tuple(rec.get("references") or ()),
        examples_flag=tuple(examples.get("flag") or ()),
        examples_pass=tuple(examples.get("pass") or ()),
        status=_require(where, {"status": rec.get("status", "stable")}, "status",
                        ("stable", "preview", "removed")),
        limit=rec.get("limit"), patterns=patterns, params=params,
    )  # fmt: skip


def _read_yaml(path: Path) -> dict[str, Any]:
    """Parse one YAML file, mapping parse errors to LexiconError with the line."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YamlLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise LexiconError(f"{path}{line}: invalid YAML ({getattr(exc, 'problem', exc)})") from exc
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read ({exc.strerror})") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping at the top level")
    _check_keys(str(path), data, FILE_KEYS)
    return data


def load_lexicon(extra: Sequence[Path] = (), *, replace_default: bool = False) -> RuleSet:
    """Load the default pack (unless replaced) plus ``extra`` packs; later rules override."""
    dirs = ([] if replace_default else [default_lexicon_dir()]) + [Path(p) for p in extra]
    rules: dict[str, Rule] = {}
    claims: list[ClaimPattern] = []
    mods: list[ModifierGroup] = []
    terms: list[TermGroup] = []
    headings: list[str] = []
    softeners: dict[str, str] = {}
    lemmas: dict[str, str] = {}
    abbreviations: list[str] = []
    digest = hashlib.sha256()
    for d in dirs:
        in_this_pack: dict[str, str] = {}
        if not d.is_dir():
            raise LexiconError(f"{d}: lexicon directory not found")
        for path in sorted(d.glob("*.yml")):
            if path.name == "meta.yml":
                continue
            digest.update(path.read_bytes())
            data = _read_yaml(path)
            where = str(path)
            for i, rec in enumerate(data.get("patterns") or ()):
                claims.append(_load_claim_pattern(f"{where} pattern {i + 1}", rec))
            for i, rec in enumerate(data.get("modifiers") or ()):
                gid = f"{path.stem}#{i + 1}"
                mods.append(_load_modifier(f"{where} modifier {i + 1}", rec, d, gid))
            for i, rec in enumerate(data.get("terms") or ()):
                _check_keys(f"{where} term {i + 1}", rec, {"type", "phrases", "phrases_from"})
                ttype = str(_require(f"{where} term {i + 1}", rec, "type"))
                terms.append(TermGroup(ttype, _phrases(f"{where} term {i + 1}", rec, d)))
            headings.extend(str(h) for h in data.get("reference_list_headings") or ())
            softeners.update({str(k): str(v) for k, v in (data.get("softeners") or {}).items()})
            lemmas.update({str(k): str(v) for k, v in (data.get("lemma_overrides") or {}).items()})
            abbreviations.extend(str(a) for a in data.get("abbreviations") or ())
            for rec in data.get("rules") or ():
                rule = _load_rule(where, rec, d, path.name)
                if rule.id in in_this_pack:
                    used = in_this_pack[rule.id]
                    msg = f"{where} rule {rule.id}: key 'id' is already used in {used}"
                    raise LexiconError(msg)
                in_this_pack[rule.id] = path.name
                rules[rule.id] = rule
        for path in sorted(d.glob("lists/*.txt")):
            digest.update(path.read_bytes())
    _check_unique_names(rules.values())
    return RuleSet(
        rules=tuple(sorted(rules.values(), key=lambda r: r.id)), claim_patterns=tuple(claims),
        modifiers=tuple(mods), terms=tuple(terms), reference_headings=tuple(headings),
        softeners=softeners, lemma_overrides=lemmas, abbreviations=tuple(abbreviations),
        digest=digest.hexdigest()[:16],
        directories=tuple(str(d) for d in dirs),
    )  # fmt: skip


def _check_unique_names(rules: Iterable[Rule]) -> None:
    """Rule names, like ids, must be unique across the pack."""
    seen: dict[str, str] = {}
    for r in rules:
        if r.name in seen and seen[r.name] != r.id:
            raise LexiconError(
                f"{r.source_file} rule {r.id}: name '{r.name}' is already used by {seen[r.name]}"
            )
        seen[r.name] = r.id
