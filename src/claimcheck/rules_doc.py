"""Rule documentation for ``claimcheck rules``: the table and one rule's full explanation."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from claimcheck.lexicon.model import Rule


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
        _wrap(rule.message.replace("{match}", "<text>")),
        "",
        "## Why is this bad?",
        _wrap(rule.rationale or "(no rationale given)"),
    ]
    if rule.examples_flag:
        parts += ["", "## Example (flagged)", *(f"    {e}" for e in rule.examples_flag)]
    if rule.examples_pass:
        parts += ["", "## Not flagged", *(f"    {e}" for e in rule.examples_pass)]
    if rule.suggestion:
        parts += ["", "## Use instead", _wrap(rule.suggestion)]
    if rule.references:
        parts += ["", "## References", *(f"- {r}" for r in rule.references)]
    parts += ["", f"Defined in lexicons/{rule.source_file}."]
    return "\n".join(parts)
