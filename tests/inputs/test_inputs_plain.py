"""Plain text: the text is the file exactly; paragraphs, list items and headings are found."""

from __future__ import annotations

from pathlib import Path

from claimcheck.document import Document
from claimcheck.extract.text import parse_plain
from claimcheck.inputs import load_file


def _kinds(doc: Document) -> list[tuple[str, str]]:
    """(kind, text) of every block."""
    return [(b.role, doc.text[b.start : b.end]) for b in doc.blocks]


def test_text_is_file_content_with_crlf(fixtures: Path) -> None:
    path = fixtures / "green-tea.txt"
    doc = load_file(path)
    assert doc.text == path.read_bytes().decode("utf-8")
    assert "\r\n" in doc.text
    assert doc.metadata is None
    assert doc.media_type == "text/plain"
    assert doc.encoding == "utf-8"


def test_blocks_of_fixture(fixtures: Path) -> None:
    doc = load_file(fixtures / "green-tea.txt")
    assert _kinds(doc) == [
        ("heading", "Benefits of Green Tea"),
        ("paragraph", "Green tea contains catechins."),
        ("paragraph", "Some studies suggest benefits:"),
        ("list_item", "- lower LDL cholesterol"),
        ("list_item", "* better focus"),
        ("list_item", "1. fewer colds"),
        ("list_item", "2) calmer mood"),
        ("heading", "How Does It Work?"),
        ("paragraph", "Researchers are not sure. Ask your doctor."),
    ]
    assert [b.source_line for b in doc.blocks][:4] == [1, 3, 4, 5]


def test_each_line_of_a_scraped_page_is_a_block() -> None:
    text = "Benefits:\nBetter digestion\nMore energy and focus\nThe tea is caffeine free.\n"
    assert _kinds(parse_plain("x.txt", text)) == [
        ("paragraph", "Benefits:"),
        ("heading", "Better digestion"),
        ("heading", "More energy and focus"),
        ("paragraph", "The tea is caffeine free."),
    ]


def test_hard_wrapped_prose_stays_one_paragraph() -> None:
    text = (
        "This draft was written in an editor that wraps its lines at about\n"
        "seventy characters, so one sentence runs over several lines of the\n"
        "file.\n"
    )
    assert _kinds(parse_plain("x.txt", text)) == [("paragraph", text.rstrip("\n"))]


def test_block_offsets_exclude_surrounding_whitespace() -> None:
    text = "  \n   Indented paragraph here.   \n \t \n\u2022 bullet item  \n"
    doc = parse_plain("x.txt", text)
    assert _kinds(doc) == [
        ("paragraph", "Indented paragraph here."),
        ("list_item", "\u2022 bullet item"),
    ]


def test_heading_rules() -> None:
    text = (
        "Why We Sleep\n\n"
        "This sentence ends with a full stop.\n\n"
        "Introduction:\n\n"
        "A very long single line without any final punctuation that goes on and on and on\n\n"
        "Is coffee bad for you?\n"
    )
    kinds = [k for k, _ in _kinds(parse_plain("x.txt", text))]
    assert kinds == ["heading", "paragraph", "paragraph", "paragraph", "heading"]


def test_list_item_continuation_lines() -> None:
    text = "- first item\n  continues here\n- second\nNot indented, so plain text.\n"
    assert _kinds(parse_plain("x.txt", text)) == [
        ("list_item", "- first item\n  continues here"),
        ("list_item", "- second"),
        ("paragraph", "Not indented, so plain text."),
    ]
