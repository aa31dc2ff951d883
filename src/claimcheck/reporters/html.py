"""One self-contained HTML page per run (``--format html -o report.html``).

At the top: the run's totals, a table with each document's score and counts, one line per
input that failed, and the legend. Below: each document's text in paragraphs, with claim
sentences, their wording, linked caveats and sources, and boilerplate highlighted in distinct
colours, every finding underlined by severity and numbered, its message and suggestion beside
the paragraph (``claimcheck.reporters._html_marks`` builds the highlighting).

The page has inline CSS only: no script, no external resource. Article text, file names,
messages and reasons are escaped; no link in the page comes from an input.

The summary comes first, so the rendered sections are kept until the run ends (the page,
not the FileResults). This format declares ``needs_text``: the Linter keeps each document's
checked text in its FileResult (``CheckOptions.keep_text``) only for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, TextIO

from claimcheck.lexicon.model import Rule
from claimcheck.outcome import RunSummary
from claimcheck.reporters._html_page import Row, head, page, row_of, section
from claimcheck.reporters.base import ReporterClass, input_error_line, summary_line
from claimcheck.results import FileResult


class HtmlReporter:
    """The page to ``out`` when the run ends; input errors (and, unless ``quiet``, the
    summary line) also to ``err``, as the line formats do."""

    needs_text: ClassVar[bool] = True

    def __init__(
        self, out: TextIO, err: TextIO, color: bool | None, rules: Sequence[Rule] = ()
    ) -> None:
        self.out, self.err = out, err
        self.quiet = False
        self.rows: list[Row] = []
        self.failed: list[FileResult] = []
        self.sections: list[str] = []

    def start(self) -> None:
        """Nothing: the page is written when the run ends, its summary first."""

    def result(self, result: FileResult) -> None:
        """Render one document's section, or keep a failed input for the error list."""
        if result.error is not None:
            self.failed.append(result)
            self.err.write(input_error_line(result) + "\n")
            return
        number = len(self.rows) + 1
        self.rows.append(row_of(number, result))
        self.sections.append(section(number, result))

    def finish(self, summary: RunSummary) -> None:
        """Write the page."""
        body = "\n".join([head(summary, self.rows, self.failed), *self.sections])
        self.out.write(page(body))
        if not self.quiet:
            self.err.write(summary_line(summary) + "\n")


REPORTER: ReporterClass = HtmlReporter  # this module is --format html
