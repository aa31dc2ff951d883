"""The one place that decides the process exit code (black's Report.return_code)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
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
    INTERRUPTED = 130  # Ctrl-C: what was finished is reported, the rest was not checked


@dataclass(frozen=True)
class Ranked:
    """One checked document's place in the risk ranking."""

    origin: str
    score: int
    errors: int
    warnings: int
    unsupported: int

    def key(self) -> tuple[int, int, int, int, str]:
        """Highest risk first: score, then errors, warnings and unsupported claims (the
        score is capped at 100, so many spam posts share it), then the name."""
        return (-self.score, -self.errors, -self.warnings, -self.unsupported, self.origin)

    @classmethod
    def of(cls, result: FileResult) -> Ranked:
        """The ranking entry of a checked document."""
        sev = Counter(str(f.severity) for f in result.findings)
        return cls(result.origin, result.score, sev["error"], sev["warning"],
                   result.unsupported_claims)  # fmt: skip


@dataclass
class Group:
    """The documents of one author or one site."""

    documents: int = 0
    flagged: int = 0  # with at least one finding
    findings: int = 0
    max_score: int = 0
    total_score: int = 0

    def add(self, result: FileResult) -> None:
        """Count one checked document."""
        self.documents += 1
        self.flagged += bool(result.findings)
        self.findings += len(result.findings)
        self.max_score = max(self.max_score, result.score)
        self.total_score += result.score

    @property
    def mean_score(self) -> float:
        """The documents' mean risk score."""
        return self.total_score / self.documents if self.documents else 0.0


@dataclass
class Clusters:
    """Documents that share a template passage (the ``related`` documents of cross-document
    findings), joined into clusters (union-find): only documents in a cluster are held."""

    parent: dict[str, str] = field(default_factory=dict)

    def join(self, origin: str, others: Iterable[str]) -> None:
        """Put ``origin`` in one cluster with each of ``others``."""
        for other in others:
            a, b = self._root(origin), self._root(other)
            if a != b:
                self.parent[max(a, b)] = min(a, b)

    def _root(self, origin: str) -> str:
        """The cluster's representative, compressing the path on the way."""
        self.parent.setdefault(origin, origin)
        root = origin
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[origin] != root:
            self.parent[origin], origin = root, self.parent[origin]
        return root

    def members(self) -> list[list[str]]:
        """Each cluster's documents, sorted; largest clusters first."""
        out: dict[str, list[str]] = {}
        for origin in self.parent:
            out.setdefault(self._root(origin), []).append(origin)
        return sorted((sorted(m) for m in out.values()), key=lambda m: (-len(m), m[0]))


@dataclass
class RunSummary:
    """Counts accumulated while results stream past; never holds the results themselves
    (only the ``top`` ranking entries, one count per author and site, and the names of the
    documents that share templates)."""

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
    top: int = 10  # how many of the riskiest documents the summary lists (--top)
    ranking: list[Ranked] = field(default_factory=list)  # the riskiest, once sorted
    authors: dict[str, Group] = field(default_factory=dict)
    sites: dict[str, Group] = field(default_factory=dict)
    clusters: Clusters = field(default_factory=Clusters)
    interrupted: bool = False

    def add(self, result: FileResult) -> None:
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
        self.claims += result.asserted_claims
        self.unsupported_claims += result.unsupported_claims
        for f in result.findings:
            self.by_severity[str(f.severity)] += 1
            if self.worst is None or f.severity > self.worst:
                self.worst = f.severity
            if f.related:
                self.clusters.join(result.origin, f.related)
        self._rank(Ranked.of(result))
        sub = result.submission
        if sub is not None and sub.author:
            self.authors.setdefault(sub.author, Group()).add(result)
        if sub is not None and sub.site:
            self.sites.setdefault(sub.site, Group()).add(result)

    def _rank(self, entry: Ranked) -> None:
        """Keep ``entry`` if it is among the ``top`` riskiest (sorted in batches: amortised
        O(log top) per document)."""
        self.ranking.append(entry)
        if len(self.ranking) >= 2 * max(self.top, 8):
            self.ranking.sort(key=Ranked.key)
            del self.ranking[self.top :]

    def riskiest(self) -> list[Ranked]:
        """The ``top`` riskiest documents, riskiest first."""
        self.ranking.sort(key=Ranked.key)
        del self.ranking[self.top :]
        return list(self.ranking)

    def exit_code(self, fail_on: Severity | None) -> ExitCode:
        """130 if interrupted, else 3 if an input failed, else 1 if a finding reaches
        ``fail_on``, else 0."""
        if self.interrupted:
            return ExitCode.INTERRUPTED
        if self.errors:
            return ExitCode.INPUT
        if fail_on is not None and self.worst is not None and self.worst >= fail_on:
            return ExitCode.FINDINGS
        return ExitCode.OK
