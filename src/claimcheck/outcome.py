"""The one place that decides the process exit code (black's Report.return_code)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from claimcheck.findings import Severity
from claimcheck.results import FileResult  # a light record: no spaCy before the CLI needs it


class ExitCode(IntEnum):
    """Process exit codes, documented in ``claimcheck check --help``."""

    OK = 0  # nothing at or above --fail-on
    FINDINGS = 1  # findings at or above --fail-on
    USAGE = 2  # usage, configuration or lexicon error
    INPUT = 3  # some input could not be read (the others were still checked)


@dataclass
class RunSummary:
    """Counts accumulated while results stream past; never holds the results themselves."""

    documents: int = 0
    checked: int = 0
    errors: int = 0
    skipped: int = 0
    claims: int = 0
    unsupported_claims: int = 0
    words: int = 0
    by_severity: dict[str, int] = field(
        default_factory=lambda: {s.name.lower(): 0 for s in Severity}
    )
    worst: Severity | None = None
    scores: list[tuple[int, str]] = field(default_factory=list)  # (score, origin), capped

    def add(self, result: FileResult, keep_scores: int = 50) -> None:
        """Count one result."""
        self.documents += 1
        if result.error is not None:
            if result.skipped:
                self.skipped += 1
            else:
                self.errors += 1
            return
        self.checked += 1
        self.words += result.words
        self.claims += sum(1 for c in result.claims if not c.negated)
        self.unsupported_claims += sum(
            1 for c in result.claims if not c.negated and c.support == "unsupported"
        )
        for f in result.findings:
            self.by_severity[str(f.severity)] += 1
            if self.worst is None or f.severity > self.worst:
                self.worst = f.severity
        self.scores.append((result.score, result.origin))
        self.scores.sort(key=lambda s: (-s[0], s[1]))
        del self.scores[keep_scores:]

    def exit_code(self, fail_on: Severity | None) -> ExitCode:
        """3 if an input failed, else 1 if a finding reaches ``fail_on``, else 0."""
        if self.errors:
            return ExitCode.INPUT
        if fail_on is not None and self.worst is not None and self.worst >= fail_on:
            return ExitCode.FINDINGS
        return ExitCode.OK
