"""The shipped lexicons load, validate with spaCy's schema, and fail loudly when malformed."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from claimcheck.errors import LexiconError
from claimcheck.lexicon.loader import default_lexicon_dir, load_lexicon
from claimcheck.lexicon.model import STRENGTHS, SUPPORT, RuleSet
from claimcheck.lexicon.params import UnsupportedParams
from claimcheck.lexicon.validate import validate_patterns


def test_default_pack_validates(ruleset: RuleSet) -> None:
    assert validate_patterns(ruleset) > 20
    assert len({r.id for r in ruleset.rules}) == len(ruleset.rules)
    assert len({r.name for r in ruleset.rules}) == len(ruleset.rules)


def test_default_dir_is_the_one_place(ruleset: RuleSet) -> None:
    assert Path(ruleset.directories[0]) == default_lexicon_dir()
    assert (default_lexicon_dir() / "meta.yml").is_file()


def test_phrase_lists_have_no_duplicates_or_blank_entries() -> None:
    for path in sorted((default_lexicon_dir() / "lists").glob("*.txt")):
        lines = [
            ln.split("#", 1)[0].strip() for ln in path.read_text(encoding="utf-8").splitlines()
        ]
        phrases = [ln for ln in lines if ln]
        dupes = {p for p in phrases if phrases.count(p) > 1}
        assert dupes == set(), path.name


def test_unsupported_rules_partition_claims(ruleset: RuleSet) -> None:
    """Each (kind, strength, support) combination is judged by at most one rule."""
    rules = [(r, r.params_as(UnsupportedParams)) for r in ruleset.rules
             if r.kind == "unsupported"]  # fmt: skip
    for kind, strength, support in itertools.product(ruleset.kind_names, STRENGTHS, SUPPORT):
        hits = [
            r.id for r, p in rules
            if kind in p.claim_kinds and strength in (p.strengths or STRENGTHS)
            and support in p.support
        ]  # fmt: skip
        assert len(hits) <= 1, (kind, strength, support, hits)
        if support == "unsupported" and strength != "hedged":  # a hedge makes it caveated
            assert hits, f"an unsupported {strength} {kind} claim would go unreported"


def _pack(tmp_path: Path, body: str) -> Path:
    (tmp_path / "x.yml").write_text(body, encoding="utf-8")
    return tmp_path


RULE = (
    "title: x\nrules:\n  - id: CC198\n    name: test-rule\n    kind: existence\n"
    '    category: claim\n    severity: warning\n    message: "{match} is bad"\n'
)

PATTERN = "title: x\npatterns:\n  - kind: causal\n    name: test-pattern\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (RULE + "    patterns: [foo]\n    colour: red\n", "rule CC198: unknown key 'colour'"),
        (RULE, "rule CC198: empty 'patterns'"),
        (
            RULE.replace("CC198", "CX1") + "    patterns: [foo]\n",
            "must be CC followed by three digits",
        ),
        (RULE.replace("warning", "fatal") + "    patterns: [foo]\n", "key 'severity' is 'fatal'"),
        (RULE.replace("{match}", "{nope}") + "    patterns: [foo]\n", "placeholder {nope}"),
        (
            RULE.replace("test-rule", "absolute-cure-claim") + "    patterns: [foo]\n",
            "already used by CC101",
        ),
        (
            "title: x\nmodifiers:\n  - type: hedge\n    direction: sideways\n    phrases: [a]\n",
            "key 'direction' is 'sideways'",
        ),
        ("title: x\nunknown_top: 1\n", "unknown key 'unknown_top'"),
        (PATTERN + "    lead: 2\n    pattern: [{LOWER: may}, {LOWER: help}]\n", "longer than 2"),
        (PATTERN + "    lead: -1\n    pattern: [{LOWER: may}, {LOWER: help}]\n", "whole number"),
        (
            PATTERN + '    lead: 1\n    pattern: [{LOWER: may, OP: "?"}, {LOWER: help}]\n',
            "must match one token each",
        ),
        (PATTERN + "    not_after: to\n    pattern: [{LOWER: help}]\n", "must be a list"),
        ("title: x\nrules: [\n", "invalid YAML"),
        (
            RULE.replace("existence", "boilerplate").replace("claim", "boilerplate")
            + "    boilerplate_kind: spun-text\n    regex: ['a(b']\n",
            "rule CC198: key 'regex': 'a(b' does not compile",
        ),
        (
            RULE.replace("existence", "boilerplate").replace("claim", "boilerplate")
            + "    boilerplate_kind: spun-text\n    regex: [ab]\n    regex_guard: '[a'\n",
            "key 'regex_guard': '[a' does not compile",
        ),
    ],
)
def test_malformed_lexicon_fails_loudly(tmp_path: Path, body: str, expected: str) -> None:
    with pytest.raises(LexiconError) as info:
        load_lexicon([_pack(tmp_path, body)])
    assert expected in str(info.value)
    assert "x.yml" in str(info.value)


def test_extra_pack_overrides_a_rule(tmp_path: Path) -> None:
    body = RULE.replace("CC198", "CC110").replace("test-rule", "unsupported-efficacy-claim")
    rs = load_lexicon([_pack(tmp_path, body + "    patterns: [foo]\n")])
    rule = rs.rule("CC110")
    assert rule is not None and rule.kind == "existence"


def _in_lists(node: object) -> list[object]:
    """Every value inside an IN / NOT_IN list of a token pattern."""
    if isinstance(node, dict):
        found = [v for k, lst in node.items() if k in ("IN", "NOT_IN") for v in lst]
        return found + [x for v in node.values() for x in _in_lists(v)]
    if isinstance(node, list):
        return [x for v in node for x in _in_lists(v)]
    return []


def test_yes_no_on_off_stay_words(ruleset: RuleSet) -> None:
    """YAML 1.1 would turn these into booleans inside token patterns."""
    values = _in_lists([p.pattern for p in ruleset.claim_patterns])
    assert "no" in values and "on" in values
    assert not any(isinstance(v, bool) for v in values)
