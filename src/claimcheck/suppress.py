"""Inline suppression (Vale's comment model, flake8's code model) and unused-suppression CC900.

    <!-- claimcheck-disable CC101,CC3 -->  ...  <!-- claimcheck-enable -->
    <!-- claimcheck-disable-next-block CC110 -->
    <!-- claimcheck-disable -->              (everything, until enable)
    ... claimcheck: ignore CC110             (plain text: that line only)

Selectors are rule ids, id prefixes or names; no selector means every rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from claimcheck.document import Document
from claimcheck.findings import Finding, selected

UNUSED_RULE = "CC900"
_DIRECTIVE = re.compile(
    r"<!--\s*claimcheck-(disable-next-block|disable|enable)\b(.*?)-->", re.DOTALL
)
_LINE = re.compile(r"claimcheck:\s*ignore\b([^\n]*)")


@dataclass
class Region:
    """Where a directive applies, and whether it suppressed anything."""

    start: int
    end: int
    selectors: tuple[str, ...]
    at: int  # offset of the directive itself, for CC900
    text: str
    used: bool = field(default=False)

    def covers(self, finding: Finding) -> bool:
        """True when the finding starts inside the region and its rule is selected."""
        if not self.start <= finding.start < max(self.end, self.start + 1):
            return False
        return not self.selectors or selected(finding.rule, finding.name, self.selectors)


def _selectors(raw: str) -> tuple[str, ...]:
    """Split 'CC101, CC3 vague-attribution' into selectors."""
    return tuple(s for s in re.split(r"[\s,]+", raw.strip()) if s)


def _directives(document: Document) -> list[tuple[int, str, str, str]]:
    """(offset, verb, selectors, raw text) for every directive, in order."""
    found = [
        (c.offset, m.group(1), m.group(2), m.group(0))
        for c in document.comments
        for m in _DIRECTIVE.finditer(c.text)
    ]
    if document.media_type == "text/plain":
        found += [(m.start(), m.group(1), m.group(2), m.group(0))
                  for m in _DIRECTIVE.finditer(document.text)]  # fmt: skip
    return sorted(found)


def regions(document: Document) -> list[Region]:
    """Turn the document's directives into suppression regions."""
    out: list[Region] = []
    open_regions: list[Region] = []
    for at, verb, raw, text in _directives(document):
        sel = _selectors(raw)
        if verb == "disable":
            region = Region(at, len(document.text), sel, at, text)
            out.append(region)
            open_regions.append(region)
        elif verb == "enable":
            for region in [r for r in open_regions if not sel or r.selectors == sel]:
                region.end = at
                open_regions.remove(region)
        else:
            block = next((b for b in document.blocks if b.start >= at), None)
            if block is not None:
                out.append(Region(block.start, block.end, sel, at, text))
    if document.media_type == "text/plain":
        for m in _LINE.finditer(document.text):
            line_start = document.text.rfind("\n", 0, m.start()) + 1
            out.append(Region(line_start, m.start(), _selectors(m.group(1)), m.start(), m.group(0)))
    return out


def apply(findings: Sequence[Finding], document: Document) -> tuple[list[Finding], list[Region]]:
    """Drop suppressed findings; return the kept ones and every region (with ``used`` set)."""
    all_regions = regions(document)
    if not all_regions:
        return list(findings), []
    kept = []
    for f in findings:
        hit = [r for r in all_regions if r.covers(f)]
        for r in hit:
            r.used = True
        if not hit:
            kept.append(f)
    return kept, all_regions


def unused(all_regions: Iterable[Region]) -> list[Region]:
    """Directives that suppressed nothing: CC900 findings (ruff's RUF100)."""
    return [r for r in all_regions if not r.used]
