"""Markdown: rendered prose text, block kinds, link offsets, skipped code and front matter."""

from __future__ import annotations

from pathlib import Path

from claimcheck.extract.markdown import parse_markdown
from claimcheck.inputs import load_file


def _blocks(text: str) -> list[tuple[str, str]]:
    """(kind, text) of every block of the Markdown ``text``."""
    doc = parse_markdown("t.md", text)
    return [(b.role, doc.text[b.start : b.end]) for b in doc.blocks]


def test_fixture_blocks_and_skips(fixtures: Path) -> None:
    doc = load_file(fixtures / "turmeric.md")
    assert doc.media_type == "text/markdown"
    kinds = [(b.role, doc.text[b.start : b.end]) for b in doc.blocks]
    assert kinds == [
        ("heading", "Turmeric and joints"),
        (
            "paragraph",
            "Curcumin is the main active compound in turmeric. A\n"
            "2021 review pooled ten small trials.",
        ),
        ("heading", "What the trials found"),
        ("list_item", "Pain scores fell slightly in knee osteoarthritis."),
        ("list_item", "Most trials lasted under 12 weeks."),
        ("list_item", "Side effects were mild; see https://nccih.example/turmeric."),
        (
            "blockquote",
            "Turmeric is not a replacement for prescribed treatment,\nsaid one rheumatologist.",
        ),
        ("table_cell", "Dose"),
        ("table_cell", "Trials"),
        ("table_cell", "500 mg"),
        ("table_cell", "4"),
    ]
    for skipped in ("dose: 500mg", "Buy our capsules", "supplements", "---", "*", "`"):
        assert skipped not in doc.text
    assert doc.text == "\n\n".join(text for _, text in kinds)


def test_fixture_source_lines(fixtures: Path) -> None:
    doc = load_file(fixtures / "turmeric.md")
    lines = (fixtures / "turmeric.md").read_text().splitlines()
    for block in doc.blocks[:7]:
        assert block.source_line is not None
        first_word = doc.text[block.start : block.end].split()[0]
        assert first_word in lines[block.source_line - 1]


def test_links_cover_anchor_text(fixtures: Path) -> None:
    doc = load_file(fixtures / "turmeric.md")
    found = [(doc.text[link.start : link.end], link.href) for link in doc.links]
    assert found == [
        ("2021 review", "https://pubmed.example/12345"),
        ("https://nccih.example/turmeric", "https://nccih.example/turmeric"),
    ]
    assert doc.links[0].domain == "pubmed.example"


def test_front_matter_metadata(fixtures: Path) -> None:
    meta = load_file(fixtures / "turmeric.md").metadata
    assert meta is not None
    assert meta.title == "Does Turmeric Ease Joint Pain?"
    assert meta.author == "Priya Raman"
    assert meta.date == "2023-11-14"


def test_metadata_falls_back_to_first_h1() -> None:
    text = "---\ndraft: true\n---\nIntro text.\n\n## Sub\n\n# The *Real* Title\n\n# Second\n"
    doc = parse_markdown("t.md", text)
    assert doc.metadata is not None
    assert doc.metadata.title == "The Real Title"
    assert doc.metadata.author is None


def test_no_front_matter_means_no_metadata() -> None:
    """A bare Markdown draft carries no metadata, so no byline finding can apply to it."""
    assert parse_markdown("t.md", "# Title\n\nText.\n").metadata is None


def test_authors_list_and_invalid_front_matter() -> None:
    doc = parse_markdown("t.md", "---\nauthors:\n  - A. One\n  - name: B. Two\n---\nText.\n")
    assert doc.metadata is not None and doc.metadata.author == "A. One, B. Two"
    bad = parse_markdown("t.md", "---\ntitle: [unclosed\n---\nBody text.\n")
    assert bad.text == "Body text."
    assert bad.notes and "front matter" in bad.notes[0]
    assert bad.blocks[0].source_line == 4


def test_nested_lists_and_blockquote_kinds() -> None:
    md = (
        "- outer\n  - inner\n\n    inner para\n- last\n\n"
        "> quoted\n>\n> > deeper\n\n> - quoted item\n"
    )
    assert _blocks(md) == [
        ("list_item", "outer"),
        ("list_item", "inner"),
        ("list_item", "inner para"),
        ("list_item", "last"),
        ("blockquote", "quoted"),
        ("blockquote", "deeper"),
        ("list_item", "quoted item"),
    ]


def test_inline_rendering_and_link_offsets() -> None:
    md = "Take *one* `pill` ![a pill](p.png) daily, says [the **NHS** page](https://nhs.example/x).\n"
    doc = parse_markdown("t.md", md)
    assert doc.text == "Take one pill a pill daily, says the NHS page."
    (link,) = doc.links
    assert doc.text[link.start : link.end] == "the NHS page"
    assert link.href == "https://nhs.example/x"


def test_code_blocks_html_and_comments_skipped() -> None:
    md = (
        "Before.\n\n    indented code\n\n~~~\nfenced\n~~~\n\n"
        "<!-- note -->\n\n<p>raw</p>\n\nAfter.\n"
    )
    assert _blocks(md) == [("paragraph", "Before."), ("paragraph", "After.")]


def test_link_offsets_in_later_blocks() -> None:
    md = "# Title\n\nFirst [one](https://a.example).\n\n- item [two](https://b.example)\n"
    doc = parse_markdown("t.md", md)
    assert [doc.text[x.start : x.end] for x in doc.links] == ["one", "two"]


def test_front_matter_with_aliases_is_ignored_with_a_note() -> None:
    # a "billion laughs" needs aliases; front matter is read without them
    text = "---\na: &a [x, x]\nb: [*a, *a]\nauthor: *a\ntitle: T\n---\n\nCupping cures colds.\n"
    doc = parse_markdown("t.md", text)
    assert doc.metadata is None  # the front matter is ignored, as invalid YAML is
    assert doc.notes == ("front matter uses YAML aliases (*name), which are not read; ignored",)
    assert doc.text == "Cupping cures colds."


def test_deeply_nested_front_matter_is_ignored_with_a_note() -> None:
    doc = parse_markdown("t.md", "---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n\nText.\n")
    assert doc.notes == ("front matter is nested too deeply; ignored",)
