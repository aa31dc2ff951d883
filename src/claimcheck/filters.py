"""After the rules ran: quoted-speech policy, per-path ignores and inline suppressions."""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence

from claimcheck import suppress
from claimcheck.document import Document
from claimcheck.findings import Finding, selected
from claimcheck.lexicon.model import Rule
from claimcheck.rules import matches
from claimcheck.rules.base import CheckContext

QUOTE_CATEGORIES = frozenset({"claim", "caveat"})


def in_quote(document: Document, finding: Finding) -> bool:
    """True when the finding sits in a blockquote (someone else's words, not the outlet's)."""
    block = document.block_at(finding.start)
    return block is not None and block.role == "blockquote"


def ignored_here(origin: str, per_path: Sequence[tuple[str, tuple[str, ...]]]) -> list[str]:
    """Selectors ignored for this input by ``[tool.claimcheck.per-path]`` globs."""
    return [s for glob, sels in per_path if fnmatch.fnmatch(origin, glob) for s in sels]


def finish(
    ctx: CheckContext,
    findings: list[Finding],
    rules: Sequence[Rule],
    check_quotes: bool,
    per_path: Sequence[tuple[str, tuple[str, ...]]],
) -> list[Finding]:
    """Apply the quote policy, per-path ignores and suppressions; add CC900 findings."""
    document = ctx.document
    if not check_quotes:
        findings = [
            f for f in findings if f.category not in QUOTE_CATEGORIES or not in_quote(document, f)
        ]
    ignored = ignored_here(document.origin, per_path)
    if ignored:
        findings = [f for f in findings if not selected(f.rule, f.name, ignored)]
    kept, regions = suppress.apply(findings, document)
    unused_rule = next((r for r in rules if r.id == suppress.UNUSED_RULE), None)
    if unused_rule is not None and not matches(unused_rule, ignored):
        enabled = {r.id for r in rules}
        elsewhere = [r for r in ctx.ruleset.rules if r.id not in enabled]  # not enabled
        kept += [
            ctx.finding(unused_rule, r.at, r.at + len(r.text), {})
            for r in suppress.unused(regions)
            if not (r.selectors and any(matches(o, r.selectors) for o in elsewhere))
        ]
    return sorted(kept, key=Finding.sort_key)
