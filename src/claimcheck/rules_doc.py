"""Rule documentation: the table, one rule's full explanation (plain text for ``claimcheck
rules``, Markdown for SARIF's ``help``) and its reference link."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Section:
    """One section of a rule's explanation: a paragraph, verbatim examples or a list."""

    heading: str
    prose: str = ""
    examples: tuple[str, ...] = ()
    items: tuple[str, ...] = ()


def sections(rule: Rule) -> list[Section]:
    """Ruff-style sections: what it does, why, examples, what to write instead, references."""
    found = [
        Section("What it does", prose=fill_placeholders(rule.message)),
        Section("Why is this bad?", prose=rule.rationale or "(no rationale given)"),
    ]
    if rule.examples_flag:
        found.append(Section("Example (flagged)", examples=rule.examples_flag))
    if rule.examples_pass:
        found.append(Section("Not flagged", examples=rule.examples_pass))
    if rule.suggestion:
        found.append(Section("Use instead", prose=fill_placeholders(rule.suggestion)))
    if rule.references:
        found.append(Section("References", items=rule.references))
    return found


def _title(rule: Rule) -> str:
    """The heading line: id, name, severity, category and kind."""
    return f"{rule.id} {rule.name} ({rule.severity}, {rule.category}, kind: {rule.kind})"


def explain_rule(rule: Rule) -> str:
    """A rule's explanation as plain text (``claimcheck rules CC101``)."""
    parts = [f"# {_title(rule)}"]
    for section in sections(rule):
        parts += ["", f"## {section.heading}"]
        if section.prose:
            parts.append(_wrap(section.prose))
        parts += [f"    {e}" for e in section.examples]
        parts += [f"- {r}" for r in section.items]
    parts += ["", f"Defined in lexicons/{rule.source_file}."]
    return "\n".join(parts)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")
_URL = re.compile(r"https?://[^\s<>\"']+")


def _md(text: str) -> str:
    """Prose for Markdown: whitespace collapsed, markup characters escaped (shown as typed)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _fence(lines: tuple[str, ...]) -> list[str]:
    """``lines`` as a fenced code block whose fence no backtick run inside can close."""
    longest = max((len(run) for line in lines for run in re.findall("`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}text", *lines, fence]


def explain_rule_markdown(rule: Rule) -> str:
    """A rule's explanation as Markdown (SARIF ``help.markdown``), the same sections."""
    parts = [f"# {_md(_title(rule))}"]
    for section in sections(rule):
        parts += ["", f"## {_md(section.heading)}", ""]
        if section.prose:
            parts.append(_md(section.prose))
        if section.examples:
            parts += _fence(section.examples)
        parts += [f"- {_md(r)}" for r in section.items]
    parts += ["", f"Defined in `lexicons/{rule.source_file}`."]
    return "\n".join(parts)


def reference_url(rule: Rule) -> str | None:
    """The first web address among a rule's references (its SARIF ``helpUri``), if any."""
    for reference in rule.references:
        found = _URL.search(reference)
        if found:
            return found.group().rstrip(".,;:)")
    return None
