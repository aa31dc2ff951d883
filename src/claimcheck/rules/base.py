"""What every rule kind shares: the kind protocol, the check context and finding builder."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Protocol

from spacy.tokens import Doc

from claimcheck.claims import Claim, DocAnalysis
from claimcheck.document import Document
from claimcheck.findings import Finding, Severity
from claimcheck.lexicon.kinds import KindSpec
from claimcheck.lexicon.model import Rule, RuleSet


@dataclass
class CheckContext:
    """One document as the rule kinds see it."""

    document: Document
    doc: Doc
    analysis: DocAnalysis  # what the pipeline found: claims, modifiers, sourced sentences
    ruleset: RuleSet
    prepared: Mapping[str, Any] = field(default_factory=dict)  # rule id -> prepare() output
    # state the run-level kinds share across the documents of one run (the Linter's); None
    # when the document is checked outside a run
    run_state: dict[str, Any] | None = None
    produced: dict[str, list[Finding]] = field(default_factory=dict)  # rule id -> findings so far
    # the kind registry (rules.KINDS, handed in by the Linter): a kind that reads another
    # rule's findings gets them through ``findings_of`` without importing the registry
    kinds: Mapping[str, Kind] = field(default_factory=dict)

    def findings_of(self, rule: Rule) -> list[Finding]:
        """Another rule's findings for this document: the ones it produced if it ran before
        (enabled), else its kind's evaluation now (not recorded, so it does not report)."""
        found = self.produced.get(rule.id)
        if found is None:
            found = list(self.kinds[rule.kind].evaluate(self, rule))
        return found

    @cached_property
    def alpha_words(self) -> int:
        """The number of alphabetic tokens (the word count of the share and density kinds)."""
        return int(self.doc.to_array("IS_ALPHA").sum()) if len(self.doc) else 0

    def positioned(self, claim: Claim) -> Claim:
        """``claim`` with its place in the source file (line, column, end line, end column)."""
        line, column, end_line, end_column = self.document.span(claim.start, claim.end)
        return replace(claim, line=line, column=column, end_line=end_line, end_column=end_column)

    def finding(
        self, rule: Rule, start: int, end: int, values: Mapping[str, str],
        topic: str | None = None, related: tuple[str, ...] = (),
    ) -> Finding:  # fmt: skip
        """Build a Finding at ``text[start:end]`` with the rule's message filled in, about
        ``topic`` (a claim kind or a boilerplate kind)."""
        text = self.document.text[start:end]
        fill = {"match": _clip(text), **values}
        line, column, end_line, end_column = self.document.span(start, end)  # in the source
        suggestion = rule.suggestion.format_map(fill) if rule.suggestion else None
        return Finding(
            rule=rule.id, name=rule.name, category=rule.category,
            severity=Severity.parse(rule.severity), start=start, end=end, line=line,
            column=column, text=text, message=rule.message.format_map(fill),
            suggestion=suggestion, topic=topic, end_line=end_line, end_column=end_column,
            related=related,
        )  # fmt: skip


class Kind(Protocol):
    """A rule kind: Python code that YAML rules instantiate (Vale's ``extends:``)."""

    spec: KindSpec

    def evaluate(self, ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
        """Yield the rule's findings for one document."""
        ...


class PhraseKind(Kind, Protocol):
    """A kind that looks up phrase lists: they are tokenized when the pipeline is built."""

    def phrases(self, rule: Rule) -> list[str]:
        """Every phrase the rule will look up (``nlp.phrases.PhraseIndex``)."""
        ...


class RunLevelKind(Kind, Protocol):
    """A kind whose state spans a run: its per-document part can run in a worker process."""

    def prepare(self, ctx: CheckContext, rule: Rule) -> Any:
        """Document-local data for ``evaluate`` (picklable; read from ``ctx.prepared``)."""
        ...


def _clip(text: str, limit: int = 90) -> str:
    """Shorten long matches for messages, keeping whole words."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
