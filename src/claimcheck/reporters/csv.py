"""CSV: every document of the run in one ranked table, riskiest first, for a moderators' queue.

Columns: ``rank``, ``source``, ``id``, ``author``, ``site``, ``score``, ``worst_rule`` (the
rule of the most severe finding, the most frequent among equals), counts by severity
(``errors``, ``warnings``, ``info``) and by category (``claim_findings`` ...
``document_findings``), ``words``,
``claims``, ``unsupported_claims`` and ``error`` (why an input could not be read; unread
inputs rank last). The ranking is the summary's (score, then errors, warnings and
unsupported claims). A ranking needs every row, so rows (not results) are held until the run
ends. Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return; names and ids come from the submissions) get a leading
``'`` (OWASP's advice on CSV injection).
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from claimcheck.escape import valid_unicode
from claimcheck.lexicon.model import Rule
from claimcheck.outcome import Ranked, RunSummary
from claimcheck.reporters.base import ReporterClass
from claimcheck.results import FileResult

CATEGORIES = ("claim", "caveat", "source", "boilerplate", "document")
SEVERITIES = ("error", "warning", "info")
COLUMNS = ("rank", "source", "id", "author", "site", "score", "worst_rule",
           *(f"{s}s" if s != "info" else s for s in SEVERITIES),
           *(f"{c}_findings" for c in CATEGORIES),
           "words", "claims", "unsupported_claims", "error")  # fmt: skip
_FORMULA = ("=", "+", "-", "@", "\t", "\r")

Row = tuple[tuple[int, int, int, int, int, str], list[str]]  # (sort key, cells without rank)


class CsvReporter:
    """Collects one row per document; writes the ranked table when the run ends."""

    def __init__(
        self, out: TextIO, err: TextIO, color: bool | None, rules: Sequence[Rule] = ()
    ) -> None:
        self.out = out
        self.rows: list[Row] = []

    def start(self) -> None:
        """Nothing before the table: it is written once the ranking is known."""

    def result(self, result: FileResult) -> None:
        """Keep the document's row."""
        self.rows.append(row(result))

    def finish(self, summary: RunSummary) -> None:
        """Write the header and the rows, riskiest first."""
        writer = csv.writer(self.out, lineterminator="\n")
        writer.writerow(COLUMNS)
        self.rows.sort(key=lambda r: r[0])
        for rank, (_key, cells) in enumerate(self.rows, start=1):
            writer.writerow([str(rank), *cells])
        self.out.flush()


def row(result: FileResult) -> Row:
    """A document's sort key (unread inputs last, then the summary's ranking) and cells."""
    sev = Counter(str(f.severity) for f in result.findings)
    cat = Counter(f.category for f in result.findings)
    sub = result.submission
    cells = [
        result.origin, sub.id if sub else "", (sub.author or "") if sub else "",
        (sub.site or "") if sub else "", str(result.score) if result.error is None else "",
        worst_rule(result), *(str(sev[s]) for s in SEVERITIES), *(str(cat[c]) for c in CATEGORIES),
        str(result.words), str(result.asserted_claims), str(result.unsupported_claims),
        result.error or "",
    ]  # fmt: skip
    return (int(result.error is not None), *Ranked.of(result).key()), [safe_cell(c) for c in cells]


def worst_rule(result: FileResult) -> str:
    """The rule of the most severe finding; the most frequent among equals, then the lowest
    id; empty without findings."""
    if not result.findings:
        return ""
    counts = Counter((f.severity, f.rule) for f in result.findings)
    (_severity, rule), _n = min(
        counts.items(), key=lambda kv: (-int(kv[0][0]), -kv[1], kv[0][1])
    )
    return rule


def safe_cell(value: str) -> str:
    """The cell as a spreadsheet shows it as text: valid Unicode, no formula."""
    value = valid_unicode(value)
    return "'" + value if value.startswith(_FORMULA) else value


REPORTER: ReporterClass = CsvReporter  # this module is --format csv
