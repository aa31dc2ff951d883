"""--format html: one self-contained page, highlights at the findings' offsets, all escaped."""

from __future__ import annotations

import io
from html.parser import HTMLParser
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner

from claimcheck.cli import cli
from claimcheck.outcome import RunSummary
from claimcheck.reporters import get_reporter, needs_text
from claimcheck.reporters._html_marks import Highlighter, Mark

ARTICLE = (
    "Garlic and the Common Cold\n\n"
    "Garlic cures the common cold in two days. Some small trials suggest that garlic may "
    "shorten a cold for some adults (Lissiman et al., 2014). Experts say it also prevents "
    "heart disease.\n\n"
    "Click here to subscribe to our newsletter and get 10% off!\n"
)
HOSTILE_MD = (
    "# Garlic <script>alert('md')</script>\n\n"
    "Garlic cures colds. <img src=x onerror=alert(1)> <b onclick=\"alert(2)\">Read more</b> "
    "[the study](javascript:alert(3)) and <a href=\"javascript:alert(4)\">this</a>.\n"
)
HOSTILE_HTML = (
    "<html><head><title>t</title></head><body><article><h1>Garlic</h1>"
    "<p onmouseover=\"alert(5)\">Garlic cures colds.<script>alert(6)</script> "
    "<a href=\"javascript:alert(7)\" onclick=\"alert(8)\">Experts say</a> it prevents flu.</p>"
    "<p><img src=x onerror=\"alert(9)\">&lt;script&gt;alert(10)&lt;/script&gt;</p>"
    "</article></body></html>"
)
HOSTILE_NAME = "<img src=x onerror=alert(11)><script>alert(12)<"  # no '/' in a file name


def run(*args: str) -> tuple[int, str, str]:
    """The CLI's exit code, stdout and stderr."""
    result = CliRunner().invoke(cli, ["--no-config", *args])
    return result.exit_code, result.stdout, result.stderr


def report(tmp_path: Path, *files: Path, extra: tuple[str, ...] = ()) -> BeautifulSoup:
    """``check --format html -o report.html FILES``, parsed."""
    out = tmp_path / "report.html"
    code, _, err = run("check", "--format", "html", "-o", str(out), "--fail-on", "never",
                       *extra, *map(str, files))  # fmt: skip
    assert code in (0, 3), err
    return BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")


def mark_text(scope: Tag, key: str) -> str:
    """The text of every piece of mark ``key`` in ``scope``, in page order."""
    return "".join(el.get_text() for el in scope.select(f'[data-mark="{key}"]'))


def no_active_markup(soup: BeautifulSoup) -> None:
    """No script element, no event-handler attribute, no javascript: link."""
    assert soup.find("script") is None
    for el in soup.find_all(True):
        assert not any(name.lower().startswith("on") for name in el.attrs), el
        for name in ("href", "src", "action", "formaction"):
            value = str(el.get(name, ""))
            assert not value.strip().lower().startswith("javascript:"), el


def test_html_declares_that_it_needs_the_text() -> None:
    assert needs_text("html")
    assert not any(needs_text(f) for f in ("text", "json", "sarif", "concise", "github"))


def test_highlights_hold_the_text_at_their_offsets(tmp_path: Path) -> None:
    path = tmp_path / "garlic.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    soup = report(tmp_path, path)
    doc = soup.select_one("section#d1")
    assert doc is not None
    pieces = doc.select("[data-mark]")
    assert pieces
    for el in pieces:  # every piece of every mark: its mark's text is the article's
        start, end = int(str(el["data-start"])), int(str(el["data-end"]))
        assert mark_text(doc, str(el["data-mark"])) == ARTICLE[start:end]
    by_text: dict[str, set[str]] = {}  # a mark's text: the classes of the marks with it
    for el in pieces:
        by_text.setdefault(mark_text(doc, str(el["data-mark"])), set()).update(el["class"])
    assert "hl-trigger" in by_text["cures the common cold"]
    assert "hl-claim" in by_text["Garlic cures the common cold in two days."]
    assert "hl-caveat" in by_text["may"]
    assert "hl-caveat" in by_text["trials suggest"]  # overlaps the caveat "suggest that"
    assert "hl-caveat" in by_text["suggest that"]
    assert "hl-source" in by_text["(Lissiman et al., 2014)"]
    boilerplate = "Click here to subscribe to our newsletter and get 10% off!"
    assert "hl-boilerplate" in by_text[boilerplate]
    assert "sev-error" in by_text["cures the common cold"]
    # each finding's note: message and suggestion, linked both ways with its highlight
    note = doc.select_one("#d1-n2")
    assert note is not None and "CC101" in note.get_text() and "Suggestion:" in note.get_text()
    assert note.select_one('a[href="#d1-m-f2"]') is not None
    assert doc.select_one("#d1-m-f2") is not None
    assert doc.select_one('sup.ref a[href="#d1-n2"]') is not None
    # the notes sit in the row of the paragraph that holds their finding
    row = note.find_parent(class_="row")
    assert row is not None and "Garlic cures" in row.get_text()
    # summary and legend at the top
    totals = soup.select_one(".totals")
    assert totals is not None and "1</b> document(s) checked" in str(totals)
    assert "3</b> claim(s)" in str(totals)
    legend = soup.select_one(".legend")
    assert legend is not None
    assert {"hl-claim", "hl-trigger", "hl-caveat", "hl-source", "hl-boilerplate"} <= {
        c for el in legend.find_all("span") for c in el["class"]
    }


def test_article_text_file_names_and_messages_are_escaped(tmp_path: Path) -> None:
    md = tmp_path / "page.md"
    md.write_text(HOSTILE_MD, encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(HOSTILE_HTML, encoding="utf-8")
    txt = tmp_path / "raw.txt"
    txt.write_text(HOSTILE_MD + HOSTILE_HTML, encoding="utf-8")
    named = tmp_path / f"{HOSTILE_NAME}.txt"
    named.write_text("Garlic cures colds. <script>alert(13)</script>\n", encoding="utf-8")
    soup = report(tmp_path, md, page, txt, named, tmp_path / f"{HOSTILE_NAME}-gone.md")
    no_active_markup(soup)
    text = soup.get_text()
    assert "<script>alert(13)</script>" in text  # shown as text, not run
    assert f"{HOSTILE_NAME}.txt" in text
    assert len(soup.select("section")) == 4
    assert soup.select_one(".errors li") is not None


def test_a_missing_file_is_one_line_and_the_others_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "garlic.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    soup = report(tmp_path, tmp_path / "missing.txt", path)
    errors = soup.select(".errors li")
    assert len(errors) == 1
    line = errors[0].get_text()
    assert "\n" not in line and line.endswith("missing.txt: error: no such file or directory")
    assert len(soup.select("section")) == 1
    assert "garlic.txt" in soup.select("section h2")[0].get_text()
    assert "could not be read" in soup.select_one(".totals").get_text()  # type: ignore[union-attr]


def test_worker_processes_keep_the_text(tmp_path: Path) -> None:
    path = tmp_path / "garlic.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    soup = report(tmp_path, path, extra=("--jobs", "2"))
    assert mark_text(soup, "c1") == "Garlic cures the common cold in two days."


def test_an_empty_run_is_a_valid_page() -> None:
    out, err = io.StringIO(), io.StringIO()
    reporter = get_reporter("html", out, err, color=False, quiet=True)
    reporter.start()
    reporter.finish(RunSummary())
    page = out.getvalue()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.title is not None and soup.title.get_text() == "claimcheck report"
    assert "0</b> document(s) checked" in page
    assert err.getvalue() == ""  # quiet: no summary line


def assert_nested(markup: str) -> None:
    """Every end tag closes the element opened last (no crossing elements)."""

    class Checker(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.open: list[str] = []

        def handle_starttag(self, tag: str, attrs: object) -> None:
            self.open.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.open.pop() == tag

    checker = Checker()
    checker.feed(markup)
    checker.close()
    assert checker.open == []


def _pieces(html: str) -> dict[str, str]:
    """Each mark's text, joined from its pieces."""
    soup = BeautifulSoup(html, "html.parser")
    keys = dict.fromkeys(str(el["data-mark"]) for el in soup.select("[data-mark]"))
    return {k: mark_text(soup, k) for k in keys}


def test_crossing_marks_are_split_and_still_nest() -> None:
    text = "abcdefghij"
    marks = [Mark(0, 5, "claim", "a"), Mark(3, 8, "caveat", "b"),
             Mark(4, 6, "finding", "c", note=1, severity="error")]  # fmt: skip
    html, notes = Highlighter(text, marks, "d1-").render(0, len(text))
    assert notes == [1]
    assert _pieces(html) == {"a": "abcde", "b": "defgh", "c": "ef"}
    soup = BeautifulSoup(html, "html.parser")
    assert soup.get_text() == "abcdef1ghij"  # the note link right after the finding
    assert_nested(html)
    assert html.count('id="d1-m-') == 3  # one id per mark, on its first piece


def test_marks_are_cut_at_paragraphs_and_text_is_escaped_once() -> None:
    text = "a<b>&c\n\nd"
    highlighter = Highlighter(text, [Mark(2, 9, "source", "s")], "d1-")
    first, _ = highlighter.render(0, 8)
    second, _ = highlighter.render(8, 9)
    assert first.startswith("a&lt;<span") and "b&gt;&amp;c" in first
    assert _pieces(first + second) == {"s": "b>&c\n\nd"}
    assert second.count('id="') == 0  # the id is on the first piece only
