"""HTML: page furniture dropped, prose blocks kept, links absolute, metadata read."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.document import Document
from claimcheck.extract.html import parse_html


def _doc(fixtures: Path, base: str | None = "https://health.example/news/sleep") -> Document:
    """The fixture page parsed with ``base`` as its URL."""
    return parse_html("sleep.html", (fixtures / "sleep.html").read_text(), base)


def test_furniture_dropped(fixtures: Path) -> None:
    text = _doc(fixtures).text
    for dropped in ("Log in", "Diet", "Related", "Copyright", "Subscribe", "track", "alert",
                    "color", "Example Health"):  # fmt: skip
        assert dropped not in text, dropped


def test_blocks(fixtures: Path) -> None:
    doc = _doc(fixtures)
    blocks = [(b.role, doc.text[b.start : b.end]) for b in doc.blocks]
    assert blocks == [
        ("heading", "Short sleep linked to higher blood pressure"),
        ("paragraph", "Adults who slept under six hours had higher readings in a cohort study "
                      "of 4,000 people."),
        ("paragraph", "Read the full paper or email us or jump to notes."),
        ("list_item", "Aim for seven hours."),
        ("list_item", "Keep a regular schedule."),
        ("blockquote", "Association is not causation."),
        ("caption", "A bedroom at night."),
    ]  # fmt: skip
    assert doc.text == "\n\n".join(t for _, t in blocks)
    assert doc.media_type == "text/html"


def test_links_absolute_and_filtered(fixtures: Path) -> None:
    doc = _doc(fixtures)
    links = [(doc.text[x.start : x.end], x.href) for x in doc.links]
    assert links == [
        ("cohort study", "https://health.example/studies/cohort-2023"),
        ("full paper", "https://journal.example/abc"),
    ]


def test_relative_links_kept_without_base(fixtures: Path) -> None:
    doc = _doc(fixtures, base=None)
    assert doc.links[0].href == "/studies/cohort-2023"


def test_metadata(fixtures: Path) -> None:
    meta = _doc(fixtures).metadata
    assert meta is not None
    assert meta.title == "Sleep and blood pressure - Example Health"
    assert meta.author == "Jordan Lee"
    assert meta.date == "2024-02-20T08:00:00Z"
    assert meta.site_name == "Example Health"
    assert meta.canonical_url == "https://health.example/sleep-bp"
    assert meta.language == "en"


def test_base_tag_json_ld_and_time() -> None:
    html = """<html><head><base href="https://site.example/a/">
    <script type="application/ld+json">
    {"@graph": [{"@type": "WebSite"}, {"@type": "Article", "headline": "H",
      "author": [{"@type": "Person", "name": "Dr Kim"}, "Dr Ode"]}]}</script></head>
    <body><article><header><h1>Title in article header</h1>
    <time datetime="2022-05-01">May 1</time></header>
    <div>Loose <b>bold</b> text<p>Para <a href="ref.html">ref</a></p>tail</div></article>
    </body></html>"""
    doc = parse_html("p.html", html)
    assert [doc.text[b.start : b.end] for b in doc.blocks] == [
        "Title in article header",
        "May 1",
        "Loose bold text",
        "Para ref",
        "tail",
    ]
    assert doc.links[0].href == "https://site.example/a/ref.html"
    assert doc.metadata is not None
    assert doc.metadata.author == "Dr Kim, Dr Ode"
    assert doc.metadata.date == "2022-05-01"
    assert doc.metadata.title == "H"


def test_whitespace_nested_lists_tables_pre() -> None:
    html = """<body><ul><li>Outer <a href="https://x.example">  spaced
      anchor </a> text<ul><li>Inner</li></ul>after</li></ul>
    <table><tr><th>Dose</th><td><p>10 mg</p></td></tr></table>
    <pre>a  b
  c</pre><p aria-hidden="true">gone</p><p style="display:none">gone too</p></body>"""
    doc = parse_html("p.html", html)
    assert [(b.role, doc.text[b.start : b.end]) for b in doc.blocks] == [
        ("list_item", "Outer spaced anchor text"),
        ("list_item", "Inner"),
        ("list_item", "after"),
        ("table_cell", "Dose"),
        ("table_cell", "10 mg"),
        ("preformatted", "a  b\n  c"),
    ]
    (link,) = doc.links
    assert doc.text[link.start : link.end] == "spaced anchor"


def test_site_header_furniture_and_hidden_tags_dropped_at_any_depth() -> None:
    html = """<body><header>Site menu</header><div><div><header>Deep site header</header>
    <article><div><header><h1>Kept title</h1></header><p>Kept text.</p>
    <div hidden><p>Hidden text.</p></div><nav>Nav text</nav></div></article></div></div>"""
    doc = parse_html("p.html", html)
    assert [doc.text[b.start : b.end] for b in doc.blocks] == ["Kept title", "Kept text."]


def test_markup_below_the_depth_limit_is_read_as_text_with_a_note() -> None:
    from claimcheck.extract.limits import DEPTH_NOTE, MAX_DEPTH

    deep = "<div>" * (MAX_DEPTH + 50) + "<p>Deep <b>text</b>.</p>" + "</div>" * (MAX_DEPTH + 50)
    doc = parse_html("p.html", f"<body><p>Top.</p>{deep}</body>")
    assert doc.text == "Top.\n\nDeep text."
    assert doc.notes == (DEPTH_NOTE,)
    assert parse_html("p.html", "<body><p>Shallow.</p></body>").notes == ()


def test_pages_over_the_element_limit_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimcheck.errors import ExtractError
    from claimcheck.extract import limits

    monkeypatch.setattr(limits, "MAX_ELEMENTS", 100)
    assert limits.measure_markup("<p>x</p>" * 150, 100).elements == 101  # stops past the limit
    with pytest.raises(ExtractError, match="more than 100 HTML elements"):
        parse_html("p.html", "<p>x</p>" * 150)
    assert parse_html("p.html", "<p>x</p>" * 90).text
