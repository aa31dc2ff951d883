"""Rule documentation for ``claimcheck rules``: the table and one rule's full explanation."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from claimcheck.lexicon.model import Rule

# What each message placeholder stands for, shown in place of the value a finding fills in
PLACEHOLDERS = {
    "match": "<text>",
    "kind": "<claim kind>",
    "softened": "<the claim, hedged>",
    "softened_bare": "<the claim's verb phrase>",
    "caveat": "<the caveats>",
    "intensifier": "<the intensifier>",
    "vague": "<the vague attribution>",
    "count": "<N>",
    "missing": "<author or date>",
    "score": "<score>",
    "reasons": "<reasons>",
    "original": "<the usual wording>",
    "words": "<words>",
    "signals": "<N>",
    "phrase": "<phrase>",
    "reason": "<reason>",
    "share": "<share>",
    "limit": "<limit>",
    "rate": "<rate>",
    "threshold": "<limit>",
    "examples": "<examples>",
    "others": "<other documents>",
}


class _Described(dict[str, str]):
    """Placeholder descriptions; a placeholder not listed reads as ``<its name>``."""

    def __missing__(self, key: str) -> str:
        return f"<{key.replace('_', ' ')}>"


def fill_placeholders(template: str) -> str:
    """A message or suggestion template with each ``{placeholder}`` described, not left raw."""
    return template.format_map(_Described(PLACEHOLDERS))


def rule_table(rules: Iterable[Rule]) -> str:
    """One line per rule: id, name, severity, category and the first sentence of its rationale."""
    lines = [f"{'id':6} {'name':34} {'severity':8} {'category':11} description"]
    for r in rules:
        status = "" if r.status == "stable" else f" [{r.status}]"
        lines.append(f"{r.id:6} {r.name:34} {r.severity:8} {r.category:11} {summary(r)}{status}")
    return "\n".join(lines)


def summary(rule: Rule) -> str:
    """The first sentence of a rule's rationale."""
    text = " ".join(rule.rationale.split())
    first = text.split(". ")[0].rstrip(".")
    return first + "." if first else rule.name


def _wrap(text: str) -> str:
    """Re-flow a YAML paragraph to 88 columns."""
    return textwrap.fill(" ".join(text.split()), 88)


def explain_rule(rule: Rule) -> str:
    """Ruff-style sections: what it does, why, examples, what to write instead."""
    parts = [
        f"# {rule.id} {rule.name} ({rule.severity}, {rule.category}, kind: {rule.kind})",
        "",
        "## What it does",
        _wrap(fill_placeholders(rule.message)),
        "",
        "## Why is this bad?",
        _wrap(rule.rationale or "(no rationale given)"),
    ]
    if rule.examples_flag:
        parts += ["", "## Example (flagged)", *(f"    {e}" for e in rule.examples_flag)]
    if rule.examples_pass:
        parts += ["", "## Not flagged", *(f"    {e}" for e in rule.examples_pass)]
    if rule.suggestion:
        parts += ["", "## Use instead", _wrap(fill_placeholders(rule.suggestion))]
    if rule.references:
        parts += ["", "## References", *(f"- {r}" for r in rule.references)]
    parts += ["", f"Defined in lexicons/{rule.source_file}."]
    return "\n".join(parts)
