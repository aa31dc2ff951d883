"""Findings and claims report the SOURCE file's lines and columns, for every input kind.

The checked text of Markdown and HTML is rendered (markup, entities and whitespace gone);
each finding's line must still be the file's line that holds its text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from claimcheck.api import FileResult, Linter
from claimcheck.cli import main
from claimcheck.extract.article import extract_article
from claimcheck.extract.html import parse_html
from claimcheck.extract.markdown import parse_markdown
from claimcheck.extract.text import parse_plain
from claimcheck.positions import LineIndex, SourceMap

MARKDOWN = """\
---
title: "Turmeric & joints"
author: Dana Whitfield
date: 2024-03-01
---

# Does turmeric cure arthritis?

Some *intro* text about AT&amp;T and&nbsp;more. This **miracle** supplement cures
  arthritis and [guarantees results](https://example.com/x) for everyone.

- Curcumin *boosts immunity* in every patient.
- It prevents disease &amp; **completely eliminates** pain.

> Turmeric cures cancer, says the seller.

| Claim | Verdict |
| --- | --- |
| Ginger cures migraines | false |
"""

HTML_MULTI = """\
<!DOCTYPE html>
<html lang="en"><head><title>Turmeric cures cancer</title>
<script>var claim = "turmeric cures cancer";</script></head>
<body>
<nav><a href="/">Home</a> remedies</nav>
<h1 class="cures">Turmeric cures cancer</h1>
<p>Some <em>intro</em> text about AT&amp;T and&nbsp;more.
   This miracle supplement <strong>cures</strong> arthritis
   and <a href="https://example.com/x" title="guarantees">guarantees</a> results.</p>
<ul><li>Curcumin boosts immunity in every patient.</li>
<li>It prevents disease &amp; completely eliminates pain.</li></ul>
</body></html>
"""

HTML_ONE_LINE = (
    "<html><body><h1>Turmeric cures cancer</h1><p>This miracle supplement cures arthritis"
    " &amp; guarantees results.</p><p>Curcumin boosts immunity in every patient.</p>"
    "</body></html>"
)

PLAIN = """\
Turmeric cures cancer.

This miracle supplement cures arthritis
and boosts immunity in every patient.
"""


def _first_word(text: str) -> str:
    """The finding text's first word, without punctuation around it."""
    return re.findall(r"\w+", text)[0]


def _check_places(source: str, result: FileResult) -> int:
    """Assert each finding's and claim's reported place holds its text; return how many
    findings with text were checked."""
    lines = source.splitlines()
    checked = 0
    for f in result.findings:
        assert f.end_line >= f.line >= 1
        assert f.end_line > f.line or f.end_column >= f.column
        if not f.text.strip():
            continue
        word = _first_word(f.text)
        assert lines[f.line - 1][f.column - 1 :].startswith(word), (f, lines[f.line - 1])
        last = re.findall(r"\w+", f.text)[-1]
        end_line = lines[f.end_line - 1]
        assert end_line[: f.end_column - 1].endswith(last), (f, end_line)
        checked += 1
    for c in result.claims:
        assert c.end_line >= c.line >= 1
        assert _first_word(c.text) in lines[c.line - 1]
    return checked


@pytest.mark.parametrize(
    ("name", "source", "parse"),
    [
        ("markdown", MARKDOWN, parse_markdown),
        ("html", HTML_MULTI, parse_html),
        ("one-line-html", HTML_ONE_LINE, parse_html),
        ("plain", PLAIN, parse_plain),
    ],
)
def test_findings_are_placed_on_the_source_line_of_their_text(
    linter: Linter, name: str, source: str, parse: object
) -> None:
    document = parse(f"draft-{name}", source)  # type: ignore[operator]
    result = linter.check_document(document)
    assert result.error is None
    assert _check_places(source, result) >= 3  # the test checks something


def test_one_line_html_findings_are_on_line_one(linter: Linter) -> None:
    result = linter.check_document(parse_html("page.html", HTML_ONE_LINE))
    assert result.findings
    assert {f.line for f in result.findings} == {1}
    assert {c.line for c in result.claims} == {1}


def test_markdown_finding_columns_skip_markup_and_entities(linter: Linter) -> None:
    result = linter.check_document(parse_markdown("draft.md", MARKDOWN))
    lines = MARKDOWN.splitlines()
    cure = next(f for f in result.findings if f.text == "cures migraines")  # a table cell
    assert (cure.line, cure.column) == (19, lines[18].index("cures") + 1)
    prevents = next(f for f in result.findings if f.text == "prevents disease")
    assert (prevents.line, prevents.column) == (13, lines[12].index("prevents") + 1)
    boosts = next(f for f in result.findings if f.text == "boosts immunity")
    assert (boosts.line, boosts.column) == (12, lines[11].index("boosts") + 1)
    assert boosts.end_column == boosts.column + len("boosts immunity")


def test_plain_text_positions_are_those_of_the_text(linter: Linter) -> None:
    document = parse_plain("draft.txt", PLAIN)
    assert document.source_map is None
    index = LineIndex(PLAIN)
    result = linter.check_document(document)
    assert result.findings
    for f in result.findings:
        assert (f.line, f.column) == index.position(f.start)
        if f.end > f.start:
            line, column = index.position(f.end - 1)
            assert (f.end_line, f.end_column) == (line, column + 1)


def test_article_mode_places_text_after_the_head(tmp_path: Path) -> None:
    page = HTML_MULTI.replace("<nav>", "<main><article>").replace(
        "</ul>", "</ul><p>" + "Turmeric has been studied in many small trials. " * 8 + "</p>"
        "</article></main><nav>"
    )
    document = extract_article("page.html", page)
    lines = page.splitlines()
    start = document.text.index("This miracle")
    line, column, _, _ = document.span(start, start + 4)
    assert lines[line - 1][column - 1 :].startswith("This miracle")


def test_json_output_has_rendered_offsets_and_source_positions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "draft.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    assert main(["--no-config", "check", str(path), "--format", "json", "--fail-on", "never"]) == 0
    data = json.loads(capsys.readouterr().out)
    document = parse_markdown(str(path), MARKDOWN)
    findings = data["documents"][0]["findings"]
    assert findings
    for f in findings:
        assert document.text[f["start"] : f["end"]] == f["text"]  # rendered offsets
        assert f["end_line"] >= f["line"]
    for c in data["documents"][0]["claims"]:
        assert {"line", "column", "end_line", "end_column"} <= set(c)
        assert MARKDOWN.splitlines()[c["line"] - 1].find(_first_word(c["text"])) >= 0


def test_text_output_reports_the_source_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_ONE_LINE, encoding="utf-8")
    assert main(["--no-config", "check", str(path), "--fail-on", "never", "--no-color"]) == 0
    places = re.findall(rf"{re.escape(str(path))}:(\d+):(\d+):", capsys.readouterr().out)
    assert places and {line for line, _ in places} == {"1"}


def test_source_map_clamps_past_a_segment_and_never_ends_before_the_start() -> None:
    source = "ab &amp; cd\n\nef"
    smap = SourceMap.build(source, [(0, 0, 3), (3, 3, 1), (4, 8, 3), (9, 13, 2)])
    assert smap.offset(3) == 3  # "&" rendered from "&amp;"
    assert smap.offset(4) == 8
    assert smap.offset(7) == 11  # the separator after "cd" stays at its end
    assert smap.span(0, 9 + 2) == (1, 1, 3, 3)
    assert smap.span(5, 5) == (1, 10, 1, 10)  # an empty span
    assert SourceMap.build(source, [(0, 5, 0), (2, 0, 1)]).span(0, 3) == (1, 6, 1, 6)


def test_identity_map_ends_a_span_on_the_line_of_its_last_character() -> None:
    text = "one\ntwo\n"
    smap = SourceMap.identity(text)
    assert smap.span(4, 8) == (2, 1, 2, 5)  # "two\n": ends after the newline, on line 2
    assert smap.span(0, 3) == (1, 1, 1, 4)


def test_crlf_sources_count_lines_like_the_file(linter: Linter) -> None:
    source = MARKDOWN.replace("\n", "\r\n")
    result = linter.check_document(parse_markdown("draft.md", source))
    assert _check_places(MARKDOWN, result) >= 3


FIXTURES = Path(__file__).resolve().parents[1]
PAGES = [
    (FIXTURES / "extract" / "fixtures" / "health_article.html", parse_html),
    (FIXTURES / "extract" / "fixtures" / "health_article.html", extract_article),
    (FIXTURES / "inputs" / "fixtures" / "sleep.html", parse_html),
    (FIXTURES / "inputs" / "fixtures" / "sleep.html", extract_article),  # wraps "or\n email"
    (FIXTURES / "inputs" / "fixtures" / "turmeric.md", parse_markdown),
]


@pytest.mark.parametrize(("path", "parse"), PAGES, ids=[f"{p.name}-{f.__name__}" for p, f in PAGES])
def test_every_rendered_word_of_the_fixtures_maps_to_itself_in_the_file(
    path: Path, parse: object
) -> None:
    source = path.read_text(encoding="utf-8")
    document = parse(str(path), source)  # type: ignore[operator]
    lines = source.splitlines()
    words = list(re.finditer(r"[A-Za-z]{3,}", document.text))
    assert len(words) > 20
    for m in words:
        line, column, end_line, end_column = document.span(m.start(), m.end())
        assert lines[line - 1][column - 1 : end_column - 1] == m.group(), (m.group(), line)
        assert end_line == line
