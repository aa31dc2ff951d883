"""The parts of the HTML report page: style, legend, run summary and one document's section.

Everything taken from an input (article text, file names, messages and suggestions that
quote the text, notes, error reasons) goes through :func:`escaped`; ids are built from
numbers only. The page loads nothing and runs no script.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimcheck.escape import visible
from claimcheck.findings import Finding
from claimcheck.outcome import RunSummary
from claimcheck.reporters._html_marks import Highlighter, escaped, marks_of, paragraphs
from claimcheck.reporters.base import input_error_line
from claimcheck.results import FileResult

SEVERITIES = ("error", "warning", "info")

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;color:#1d1d1f;margin:0 auto;max-width:1200px;padding:1em}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.15em;margin:1.5em 0 .4em;word-break:break-all}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .6em}
td.n{text-align:right}.totals{margin:.3em 0}.totals b{font-size:1.1em}
.errors li{color:#a4161a;font-family:ui-monospace,monospace;word-break:break-all}
.legend span{margin-right:.8em;padding:0 .3em}
.row{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.2em;
border-top:1px solid #eee;padding:.3em 0}
.para{white-space:pre-wrap;overflow-wrap:anywhere}
.notes{margin:0;padding:0;list-style:none;font-size:.88em}.notes li{margin-bottom:.5em}
.sug{color:#1b6b35}.rule{font-family:ui-monospace,monospace;font-size:.9em}
.hl-claim{background:#fff1b8}.hl-trigger{background:#ffb347;font-weight:600}
.hl-caveat{background:#b9ecc4;box-shadow:inset 0 -2px #23894a}
.hl-source{background:#c4dcff;box-shadow:inset 0 -2px #2c63c9}
.hl-boilerplate{background:#e0d4ee;color:#4a3a5c}
.sev-error{text-decoration:underline wavy #d1182b}
.sev-warning{text-decoration:underline wavy #e07000}
.sev-info{text-decoration:underline dotted #1f6fb2}
.badge{border-radius:3px;padding:0 .3em;color:#fff;font-size:.8em;font-weight:600}
.b-error{background:#d1182b}.b-warning{background:#c26100}.b-info{background:#1f6fb2}
sup.ref a{text-decoration:none;font-size:.75em;padding:0 .15em;color:#333;background:#eee}
@media (max-width:800px){.row{grid-template-columns:1fr}}
"""

LEGEND = (
    ("hl-claim", "claim sentence"), ("hl-trigger", "claim wording"), ("hl-caveat", "caveat"),
    ("hl-source", "source"), ("hl-boilerplate", "boilerplate"),
    ("sev-error", "error"), ("sev-warning", "warning"), ("sev-info", "info"),
)  # fmt: skip


@dataclass(frozen=True)
class Row:
    """One checked document's line in the summary table."""

    number: int
    origin: str
    score: int
    words: int
    claims: int
    unsupported: int
    by_severity: tuple[int, int, int]  # errors, warnings, infos


def row_of(number: int, result: FileResult) -> Row:
    """The summary line of a checked document."""
    counts = tuple(sum(1 for f in result.findings if str(f.severity) == s) for s in SEVERITIES)
    return Row(number, result.origin, result.score, result.words, result.asserted_claims,
               result.unsupported_claims, (counts[0], counts[1], counts[2]))  # fmt: skip


def head(summary: RunSummary, rows: Sequence[Row], failed: Sequence[FileResult]) -> str:
    """The title, run totals, the per-document table, the input errors and the legend."""
    sev = summary.by_severity
    top = max((r.score for r in rows), default=None)
    parts = [
        "<h1>claimcheck report</h1>",
        f'<p class="totals"><b>{summary.checked}</b> document(s) checked, '
        f"<b>{summary.claims}</b> claim(s), <b>{summary.unsupported_claims}</b> unsupported; "
        f"findings: <b>{sev['error']}</b> error(s), <b>{sev['warning']}</b> warning(s), "
        f"<b>{sev['info']}</b> info"
        + (f"; highest risk score <b>{top}</b>/100" if top is not None else "")
        + (f"; <b>{summary.errors}</b> input(s) could not be read" if summary.errors else "")
        + (f"; {summary.skipped} skipped" if summary.skipped else "") + ".</p>",
    ]  # fmt: skip
    if rows:
        parts.append("<table><tr><th>document</th><th>score</th><th>words</th><th>claims</th>"
                     "<th>unsupported</th><th>errors</th><th>warnings</th><th>info</th></tr>")
        for r in rows:
            cells = (r.score, r.words, r.claims, r.unsupported, *r.by_severity)
            parts.append(f'<tr><td><a href="#d{r.number}">{escaped(r.origin)}</a></td>'
                         + "".join(f'<td class="n">{c}</td>' for c in cells) + "</tr>")
        parts.append("</table>")
    if failed:
        parts.append('<ul class="errors">')
        parts.extend(f"<li>{escaped(input_error_line(r))}</li>" for r in failed)
        parts.append("</ul>")
    parts.append('<p class="legend">')
    parts.extend(f'<span class="{cls}">{label}</span>' for cls, label in LEGEND)
    parts.append("</p>")
    return "\n".join(parts)


def section(number: int, result: FileResult) -> str:
    """One checked document: its notes, then its text beside the notes of its findings."""
    prefix = f"d{number}-"
    score = f"score {result.score}/100, {result.words} words"
    parts = [f'<section id="d{number}"><h2>{escaped(result.origin)}</h2><p>{score}</p>']
    parts.extend(f"<p><i>note: {escaped(n)}</i></p>" for n in result.notes)
    findings = list(enumerate(result.findings, 1))
    if result.text is None:  # the reporter was used without the texts (no keep_text)
        parts.append(_notes(prefix, findings))
        parts.append("</section>")
        return "\n".join(parts)
    highlighter = Highlighter(result.text, marks_of(result), prefix)
    placed: set[int] = set()
    rows = []
    for start, end in paragraphs(result.text):
        markup, numbers = highlighter.render(start, end)
        placed.update(numbers)
        notes = _notes(prefix, [(n, result.findings[n - 1]) for n in numbers])
        rows.append(f'<div class="row"><div class="para">{markup}</div>{notes}</div>')
    unplaced = [(n, f) for n, f in findings if n not in placed]  # about the whole document
    if unplaced:
        parts.append(_notes(prefix, unplaced))
    parts.extend(rows)
    parts.append("</section>")
    return "\n".join(parts)


def _notes(prefix: str, findings: Sequence[tuple[int, Finding]]) -> str:
    """An ordered list of findings' notes, each numbered as its link in the text."""
    if not findings:
        return "<div></div>"
    items = []
    for n, f in findings:
        back = f'<a href="#{prefix}m-f{n}">{n}</a>' if f.end > f.start else str(n)
        sev = str(f.severity)
        suggestion = (f'<div class="sug">Suggestion: {escaped(f.suggestion)}</div>'
                      if f.suggestion else "")  # fmt: skip
        items.append(
            f'<li id="{prefix}n{n}" value="{n}">{back} <span class="badge b-{sev}">{sev}</span>'
            f' <span class="rule">{escaped(f.rule)} {escaped(f.name)}</span> '
            f"{escaped(f.message)}{suggestion}</li>"
        )
    return f'<ol class="notes">{"".join(items)}</ol>'


def page(body: str, title: str = "claimcheck report") -> str:
    """The whole page around ``body``: inline style only, no external resource, no script."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escaped(visible(title))}</title><style>{STYLE}</style></head>\n"
        f"<body>\n{body}\n</body></html>\n"
    )
