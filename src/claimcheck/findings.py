"""Findings: the one flat, frozen record every check produces (after Vale's Alert)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum


class Severity(IntEnum):
    """How serious a finding is; ordered so ``>=`` compares with ``--fail-on``."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @classmethod
    def parse(cls, name: str) -> Severity:
        """Parse 'info', 'warning' or 'error'."""
        return cls[name.upper()]

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Finding:
    """One problem at one place of a document's checked text.

    ``start``/``end`` are offsets in the checked (rendered) text; ``line``/``column`` and
    ``end_line``/``end_column`` are 1-based places in the source file (for Markdown and HTML
    not the same as in the rendered text), the end just after the last character.
    """

    rule: str  # "CC101"
    name: str  # "absolute-cure-claim"
    category: str  # claim | caveat | source | boilerplate | document
    severity: Severity
    start: int
    end: int
    line: int
    column: int
    text: str
    message: str
    suggestion: str | None = None
    # what the finding is about: the claim's kind (efficacy, ...) for claim findings, the
    # boilerplate kind (call-to-action, ...) for boilerplate ones; JSON writes it as "kind"
    topic: str | None = None
    end_line: int = 0  # 0: not known (a Finding built without a document)
    end_column: int = 0
    related: tuple[str, ...] = ()  # other documents involved (the copies of a template)

    def sort_key(self) -> tuple[int, int, str]:
        """Position order (Vale ByPosition), then rule id."""
        return (self.start, self.end, self.rule)


def selected(rule_id: str, name: str, selectors: Iterable[str]) -> bool:
    """True when a selector is the rule's name or a prefix of its id (``CC1``, ``CC101``):
    the one meaning of --select/--ignore, per-path ignores and suppression directives."""
    return any(rule_id.startswith(s.upper()) or s == name for s in selectors)
