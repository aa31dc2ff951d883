"""Main-content extraction on a real-world-shaped page: what must and must not appear."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.errors import ExtractError
from claimcheck.extract.article import extract_article

FIXTURES = Path(__file__).parent / "fixtures"
URL = "https://wellness.example/health/turmeric-joint-pain?utm_source=x"

MUST_APPEAR = [
    "Turmeric has been used in cooking for thousands of years",
    "2016 systematic review",
    "What the larger studies show",
    "Curcumin is poorly absorbed unless it is taken with black pepper extract.",
    "Turmeric is safe in food amounts",
    "Talk to your doctor before starting any supplement",
    # template text inside the article body stays for the boilerplate rules
    "Join our community of 50,000 readers who take charge of their health naturally.",
    "Let's get started!",
    "Disclaimer: this is user generated content",
]
MUST_NOT_APPEAR = [
    "We use cookies",          # cookie banner
    "Accept all cookies",
    "Subscribe to the newsletter",  # navigation
    "Mental health",
    "Trending now",            # sidebar
    "detox tea",
    "Miracle joint formula",   # advertisement
    "This cured my arthritis",  # comments
    "my shop",
    "All rights reserved",     # footer
    "Contact",
    "dataLayer",               # script
    "position:fixed",          # style
]


@pytest.fixture(scope="module")
def html() -> str:
    """The realistic health-article page."""
    return (FIXTURES / "health_article.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("phrase", MUST_APPEAR)
def test_article_text_is_kept(html: str, phrase: str) -> None:
    assert phrase in extract_article("page", html, URL).text


@pytest.mark.parametrize("phrase", MUST_NOT_APPEAR)
def test_chrome_is_dropped(html: str, phrase: str) -> None:
    assert phrase not in extract_article("page", html, URL).text


def test_links_have_anchor_spans_and_absolute_targets(html: str) -> None:
    doc = extract_article("page", html, URL)
    found = {(doc.text[link.start:link.end], link.href) for link in doc.links}
    assert found == {
        ("2016 systematic review", "https://pubmed.ncbi.nlm.nih.gov/27533649/"),
        ("National Center for Complementary and Integrative Health",
         "https://www.nccih.nih.gov/health/turmeric"),
    }
    assert {link.domain for link in doc.links} == {"pubmed.ncbi.nlm.nih.gov", "nccih.nih.gov"}


def test_relative_links_are_made_absolute() -> None:
    body = "<p>Long enough paragraph of article text for the extractor to keep it. </p>" * 3
    html = (f"<html><body><article>{body}<p>See <a href='../studies/42'>the study</a> for more"
            " details on the method and the participants.</p></article></body></html>")
    doc = extract_article("page", html, "https://site.example/news/a/b")
    assert [link.href for link in doc.links] == ["https://site.example/news/studies/42"]


def test_blocks_cover_the_text(html: str) -> None:
    doc = extract_article("page", html, URL)
    kinds = [b.role for b in doc.blocks]
    assert kinds.count("heading") >= 1
    assert kinds.count("list_item") == 2
    assert kinds.count("blockquote") == 1
    for block in doc.blocks:
        chunk = doc.text[block.start:block.end]
        assert chunk == chunk.strip() and chunk
    assert "\n\n".join(doc.text[b.start:b.end] for b in doc.blocks) == doc.text
    quote = next(b for b in doc.blocks if b.role == "blockquote")
    assert doc.text[quote.start:quote.end].startswith('"Turmeric is safe')


def test_metadata(html: str) -> None:
    meta = extract_article("page", html, URL).metadata
    assert meta is not None
    assert meta.title == "Does turmeric really ease joint pain?"
    assert meta.author == "Dana Whitfield"
    assert meta.date == "2024-03-14"
    assert meta.site_name == "Wellness Daily"
    assert meta.canonical_url == "https://wellness.example/health/turmeric-joint-pain"
    assert meta.language == "en"


def test_missing_author_and_date_are_none() -> None:
    body = "<p>Plain paragraph of text that is long enough to count as an article body.</p>" * 4
    meta = extract_article("p", f"<html><body><main>{body}</main></body></html>", None).metadata
    assert meta is not None
    assert (meta.author, meta.date) == (None, None)


@pytest.mark.parametrize("html", ["", "<html><head><script>var a = 1;</script></head></html>"])
def test_no_article_text_is_an_extract_error(html: str) -> None:
    with pytest.raises(ExtractError, match=r"^page: "):
        extract_article("page", html, URL)
