"""Find the shipped pack and merge packs (YAML files and phrase lists) into a :class:`RuleSet`.

Each record is checked by ``claimcheck.lexicon.schema``; ids must be unique within a pack,
and a later pack's rule replaces an earlier one with the same id.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from claimcheck.errors import LexiconError
from claimcheck.lexicon.model import (
    ClaimKind,
    ClaimPattern,
    ModifierGroup,
    Rule,
    RuleSet,
    TermGroup,
    WordClass,
)
from claimcheck.lexicon.phrases import read_pair_file, read_phrase_file
from claimcheck.lexicon.schema import (
    FILE_KEYS,
    check_keys,
    load_claim_kind,
    load_claim_pattern,
    load_claim_shape,
    load_framed_list,
    load_modifier,
    load_rule,
    load_term_group,
    load_word_class,
)

__all__ = ["default_lexicon_dir", "load_lexicon", "read_pair_file", "read_phrase_file"]


@functools.cache
def _yaml_loader() -> type[Any]:
    """A SafeLoader with YAML 1.2 booleans: only true/false. In word lists, no/on/off/yes are
    words. Made on first use: a run with a cached pipeline never reads YAML."""
    import yaml

    class YamlLoader(yaml.SafeLoader):
        """SafeLoader without the YAML 1.1 booleans."""

    YamlLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    YamlLoader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    return YamlLoader


def default_lexicon_dir() -> Path:
    """The shipped lexicon pack: inside the wheel, or the top-level folder of a checkout."""
    installed = importlib.resources.files("claimcheck") / "lexicons"
    if installed.is_dir():
        return Path(str(installed))
    checkout = Path(__file__).resolve().parents[3] / "lexicons"
    if checkout.is_dir():
        return checkout
    raise LexiconError("the default lexicon pack is missing from this installation")


def _read_yaml(path: Path) -> dict[str, Any]:
    """Parse one YAML file, mapping parse errors to LexiconError with the line."""
    import yaml

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_yaml_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise LexiconError(f"{path}{line}: invalid YAML ({getattr(exc, 'problem', exc)})") from exc
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read ({exc.strerror})") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping at the top level")
    check_keys(str(path), data, FILE_KEYS)
    return data


def check_pack_dir(folder: Path) -> None:
    """LexiconError unless ``folder`` is a pack: a directory with a .yml file besides meta.yml.

    Checked before the pipeline cache is consulted too: a missing or mistyped --lexicon must
    not be skipped because the default pack's pipeline is cached."""
    if not folder.is_dir():
        reason = "is not a directory" if folder.exists() else "lexicon directory not found"
        raise LexiconError(f"{folder}: {reason}")
    if not any(p.name != "meta.yml" for p in folder.glob("*.yml")):
        raise LexiconError(f"{folder}: not a lexicon pack (no .yml rule files)")


def pack_digest(dirs: Sequence[Path]) -> str:
    """A hash of the packs' YAML and every text and JSON file below them (meta.yml aside),
    read without parsing, so the pipeline cache can be looked up before anything is loaded.
    Files a record names elsewhere are added by :func:`content_digest`."""
    digest = hashlib.sha256()
    for d in dirs:
        check_pack_dir(d)
        for path in sorted(d.glob("*.yml")):
            if path.name != "meta.yml":
                digest.update(path.read_bytes())
        for path in sorted([*d.rglob("*.txt"), *d.rglob("*.json")]):
            digest.update(str(path.relative_to(d)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def content_digest(pack: str, referenced: Sequence[str]) -> str:
    """``RuleSet.digest``: ``pack`` (:func:`pack_digest`) plus every file named by a ``*_from``
    key, which may lie outside the pack or have any extension. Raises OSError when one of
    them cannot be read (the pipeline cache then rebuilds, and the loader names it)."""
    digest = hashlib.sha256(pack.encode())
    for name in referenced:
        digest.update(name.encode())
        digest.update(Path(name).read_bytes())
    return digest.hexdigest()[:16]


def referenced_files(data: Any, base: Path) -> list[str]:
    """Every file a YAML document names with a ``*_from`` key (phrases_from, model_from,
    replacements_from, ...) at any depth, resolved against its pack folder ``base``."""
    if isinstance(data, list):
        return [f for item in data for f in referenced_files(item, base)]
    if not isinstance(data, dict):
        return []
    named = [str((base / v).resolve()) for k, v in data.items()
             if str(k).endswith("_from") and isinstance(v, str) and v]  # fmt: skip
    return named + [f for v in data.values() for f in referenced_files(v, base)]


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
    classes: dict[str, WordClass] = {}
    shape_records: list[tuple[str, Any]] = []
    list_records: list[tuple[str, Any]] = []
    breaks: list[str] = []
    negators: list[str] = []
    subclauses: dict[str, list[str]] = {"fronted": [], "following": []}
    kinds: dict[str, tuple[str, ClaimKind]] = {}  # name -> (where declared, kind)
    kind_uses: list[tuple[str, str]] = []  # (where, kind) of every claim pattern
    referenced: set[str] = set()
    for d in dirs:
        in_this_pack: dict[str, str] = {}
        check_pack_dir(d)
        for path in sorted(d.glob("*.yml")):
            if path.name == "meta.yml":
                continue
            data = _read_yaml(path)
            referenced.update(referenced_files(data, d))
            where = str(path)
            for i, rec in enumerate(data.get("claim_kinds") or ()):
                kind = load_claim_kind(f"{where} claim kind {i + 1}", rec)
                if kind.name in kinds:
                    raise LexiconError(f"{where} claim kind {i + 1}: '{kind.name}' is already "
                                       f"declared in {kinds[kind.name][0]}")  # fmt: skip
                kinds[kind.name] = (where, kind)
            for i, rec in enumerate(data.get("patterns") or ()):
                claims.append(load_claim_pattern(f"{where} pattern {i + 1}", rec))
                kind_uses.append((f"{where} pattern {i + 1}", claims[-1].kind))
            for i, rec in enumerate(data.get("modifiers") or ()):
                gid = f"{path.stem}#{i + 1}"
                mods.append(load_modifier(f"{where} modifier {i + 1}", rec, d, gid))
            for i, rec in enumerate(data.get("terms") or ()):
                terms.append(load_term_group(f"{where} term {i + 1}", rec, d))
            headings.extend(str(h) for h in data.get("reference_list_headings") or ())
            softeners.update({str(k): str(v) for k, v in (data.get("softeners") or {}).items()})
            lemmas.update({str(k): str(v) for k, v in (data.get("lemma_overrides") or {}).items()})
            abbreviations.extend(str(a) for a in data.get("abbreviations") or ())
            for name, rec in (data.get("classes") or {}).items():
                classes[str(name)] = load_word_class(where, str(name), rec)
            shape_records += [(f"{where} shape {i + 1}", rec)
                              for i, rec in enumerate(data.get("shapes") or ())]  # fmt: skip
            breaks.extend(str(b) for b in data.get("clause_breaks") or ())
            negators.extend(str(b) for b in data.get("negators") or ())
            for side, words in _subclauses(where, data.get("subclauses")).items():
                subclauses[side].extend(words)
            list_records += [(f"{where} list {i + 1}", rec)
                             for i, rec in enumerate(data.get("lists") or ())]  # fmt: skip
            for rec in data.get("rules") or ():
                rule = load_rule(where, rec, d, path.name)
                if rule.id in in_this_pack:
                    used = in_this_pack[rule.id]
                    msg = f"{where} rule {rule.id}: key 'id' is already used in {used}"
                    raise LexiconError(msg)
                in_this_pack[rule.id] = path.name
                rules[rule.id] = rule
    __check_unique_names(rules.values())
    shapes = tuple(load_claim_shape(w, rec, classes) for w, rec in shape_records)
    lists = tuple(load_framed_list(w, rec, classes) for w, rec in list_records)
    kind_uses += [(w, s.kind) for (w, _), s in zip(shape_records, shapes, strict=True)
                  if s.kind != "boilerplate"]  # fmt: skip
    kind_uses += [(w, fl.kind) for (w, _), fl in zip(list_records, lists, strict=True)]
    _check_kinds(kind_uses, kinds)
    unknown = sorted(set(breaks + negators) - set(classes))
    if unknown:
        raise LexiconError(f"clause_breaks/negators: unknown class {', '.join(unknown)}")
    return RuleSet(
        rules=tuple(sorted(rules.values(), key=lambda r: r.id)), claim_patterns=tuple(claims),
        modifiers=tuple(mods), terms=tuple(terms), reference_headings=tuple(headings),
        softeners=softeners, lemma_overrides=lemmas, abbreviations=tuple(abbreviations),
        digest=content_digest(pack_digest(dirs), sorted(referenced)),
        referenced=tuple(sorted(referenced)), word_classes=tuple(classes.values()),
        claim_shapes=shapes, framed_lists=lists,
        clause_breaks=tuple(breaks), shape_negators=tuple(negators),
        claim_kinds=tuple(sorted((k for _, k in kinds.values()), key=lambda k: k.priority)),
        fronted_subordinators=tuple(w.lower() for w in subclauses["fronted"]),
        following_subordinators=tuple(w.lower() for w in subclauses["following"]),
        directories=tuple(str(d) for d in dirs),
    )  # fmt: skip


def _check_kinds(uses: list[tuple[str, str]], kinds: dict[str, tuple[str, ClaimKind]]) -> None:
    """Every claim pattern, shape and list names a declared claim kind."""
    for where, kind in uses:
        if kind not in kinds:
            declared = ", ".join(sorted(kinds)) or "none"
            raise LexiconError(f"{where}: key 'kind' is {kind!r}, not a declared claim kind "
                               f"(claim_kinds: {declared})")  # fmt: skip


def _subclauses(where: str, record: Any) -> dict[str, list[str]]:
    """The ``subclauses`` record of one file: ``fronted`` and ``following`` word lists."""
    if record is None:
        return {}
    if not isinstance(record, dict):
        raise LexiconError(f"{where} subclauses: expected a mapping with 'fronted', 'following'")
    check_keys(f"{where} subclauses", record, ("fronted", "following"))
    out = {}
    for side, words in record.items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise LexiconError(f"{where} subclauses: '{side}' must be a list of words")
        out[str(side)] = [str(w) for w in words]
    return out


def __check_unique_names(rules: Iterable[Rule]) -> None:
    """Rule names, like ids, must be unique across the pack."""
    seen: dict[str, str] = {}
    for r in rules:
        if r.name in seen and seen[r.name] != r.id:
            raise LexiconError(
                f"{r.source_file} rule {r.id}: name '{r.name}' is already used by {seen[r.name]}"
            )
        seen[r.name] = r.id
