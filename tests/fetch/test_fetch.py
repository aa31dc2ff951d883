"""Fetching against a real local server: redirects, limits, timeouts, retries, types, charset."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from claimcheck import __version__
from claimcheck.errors import FetchError
from claimcheck.extract.text import parse_plain
from claimcheck.inputs.fetch import FetchOptions, fetch_page
from claimcheck.inputs.web import SkippedInput, fetch_document


def test_article_is_fetched_and_extracted(httpserver: HTTPServer, options: FetchOptions,
                                          article: str) -> None:
    httpserver.expect_request("/health/turmeric").respond_with_data(
        article, content_type="text/html; charset=utf-8")
    doc = fetch_document(httpserver.url_for("/health/turmeric"), options)
    assert "2016 systematic review" in doc.text
    assert "Trending now" not in doc.text
    assert doc.metadata is not None and doc.metadata.author == "Dana Whitfield"
    assert {link.href for link in doc.links} >= {"https://pubmed.ncbi.nlm.nih.gov/27533649/"}
    assert doc.encoding == "utf-8"
    assert doc.media_type == "text/html"


def test_user_agent_identifies_the_tool(httpserver: HTTPServer, options: FetchOptions) -> None:
    httpserver.expect_request("/").respond_with_data("hello", content_type="text/plain")
    fetch_page(httpserver.url_for("/"), options)
    request, _ = httpserver.log[0]
    assert request.headers["User-Agent"].startswith(f"claimcheck/{__version__}")


def test_redirects_are_followed(httpserver: HTTPServer, options: FetchOptions,
                                article: str) -> None:
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/mid"})
    httpserver.expect_request("/mid").respond_with_data(
        "", status=302, headers={"Location": httpserver.url_for("/new")})
    httpserver.expect_request("/new").respond_with_data(article, content_type="text/html")
    doc = fetch_document(httpserver.url_for("/old"), options)
    assert doc.origin == httpserver.url_for("/old")
    assert f"redirected to {httpserver.url_for('/new')}" in doc.notes


def test_redirect_loop_stops(httpserver: HTTPServer, options: FetchOptions) -> None:
    httpserver.expect_request("/loop").respond_with_data(
        "", status=302, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match=r"too many redirects \(more than 5\)"):
        fetch_page(httpserver.url_for("/loop"), options)
    assert len(httpserver.log) == 6


def test_oversize_body_with_content_length(httpserver: HTTPServer,
                                           options: FetchOptions) -> None:
    httpserver.expect_request("/big").respond_with_data("x" * 5000, content_type="text/plain")
    small = dataclasses.replace(options, max_bytes=1000)
    with pytest.raises(FetchError, match=r"/big: response too large: 5000 bytes \(limit 1000\)"):
        fetch_page(httpserver.url_for("/big"), small)


def test_oversize_streamed_body_is_aborted(httpserver: HTTPServer,
                                           options: FetchOptions) -> None:
    def endless() -> Iterator[bytes]:
        for _ in range(10_000):
            yield b"y" * 1024

    httpserver.expect_request("/stream").respond_with_response(
        Response(endless(), content_type="text/plain"))
    small = dataclasses.replace(options, max_bytes=50_000)
    with pytest.raises(FetchError, match="response too large: more than 50000 bytes"):
        fetch_page(httpserver.url_for("/stream"), small)


def test_slow_response_times_out(httpserver: HTTPServer, options: FetchOptions) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response("late", content_type="text/plain")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out waiting for the server \(after 0.5 s\)"):
        fetch_page(httpserver.url_for("/slow"), options)
    assert time.monotonic() - start < 0.95


def test_slow_drip_body_hits_the_total_deadline(httpserver: HTTPServer,
                                                options: FetchOptions) -> None:
    def drip() -> Iterator[bytes]:
        for _ in range(20):
            time.sleep(0.1)
            yield b"z" * 100

    httpserver.expect_request("/drip").respond_with_response(
        Response(drip(), content_type="text/plain"))
    quick = dataclasses.replace(options, timeout_total=0.5)
    with pytest.raises(FetchError, match=r"timed out reading the body \(after 0.5 s\)"):
        fetch_page(httpserver.url_for("/drip"), quick)


def test_429_then_200_is_retried(httpserver: HTTPServer, options: FetchOptions) -> None:
    httpserver.expect_ordered_request("/busy").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "0"})
    httpserver.expect_ordered_request("/busy").respond_with_data(
        "fine now", content_type="text/plain")
    page = fetch_page(httpserver.url_for("/busy"), options)
    assert page.body == b"fine now"
    assert len(httpserver.log) == 2


def test_5xx_gives_up_after_retries(httpserver: HTTPServer, options: FetchOptions) -> None:
    httpserver.expect_request("/down").respond_with_data("oops", status=503)
    with pytest.raises(FetchError, match=r"/down: HTTP 503 Service Unavailable$"):
        fetch_page(httpserver.url_for("/down"), options)
    assert len(httpserver.log) == 3  # one try and two retries


def test_long_retry_after_is_not_waited_for(httpserver: HTTPServer,
                                            options: FetchOptions) -> None:
    httpserver.expect_request("/later").respond_with_data(
        "", status=429, headers={"Retry-After": "3600"})
    with pytest.raises(FetchError, match="HTTP 429 Too Many Requests"):
        fetch_page(httpserver.url_for("/later"), options)
    assert len(httpserver.log) == 1


def test_not_found(httpserver: HTTPServer, options: FetchOptions) -> None:
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    with pytest.raises(FetchError, match=r"/gone: HTTP 404 Not Found$"):
        fetch_page(httpserver.url_for("/gone"), options)


@pytest.mark.parametrize("media", ["application/pdf", "image/png"])
def test_wrong_content_type_is_refused(httpserver: HTTPServer, options: FetchOptions,
                                       media: str) -> None:
    httpserver.expect_request("/file").respond_with_data(b"%PDF-1.4 ...", content_type=media)
    with pytest.raises(FetchError, match=f"refused: content type {media} is not HTML, XHTML"):
        fetch_page(httpserver.url_for("/file"), options)


def test_unknown_charset_falls_back_to_detection(httpserver: HTTPServer,
                                                 options: FetchOptions) -> None:
    text = "Caf\u00e9 owners say coffee is good for the heart. " * 20
    httpserver.expect_request("/latin").respond_with_data(
        text.encode("cp1252"), content_type="text/plain; charset=x-no-such-charset")
    doc = fetch_document(httpserver.url_for("/latin"), options)
    assert "Caf\u00e9 owners" in doc.text
    assert "unknown charset 'x-no-such-charset' in Content-Type header, ignored" in doc.notes
    assert any("detected" in note for note in doc.notes)


def test_meta_charset_is_used(httpserver: HTTPServer, options: FetchOptions, article: str) -> None:
    html = article.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    html = html.replace("Turmeric has been", "Turmeric \u2013 a spice \u2013 has been")
    httpserver.expect_request("/meta").respond_with_data(
        html.encode("cp1252"), content_type="text/html")
    doc = fetch_document(httpserver.url_for("/meta"), options)
    assert "Turmeric \u2013 a spice \u2013 has been" in doc.text
    assert doc.encoding == "cp1252"


def test_connection_refused_is_one_line(options: FetchOptions) -> None:
    with pytest.raises(FetchError, match=r"^http://127.0.0.1:9/x: cannot connect: ") as info:
        fetch_page("http://127.0.0.1:9/x", options)
    assert "\n" not in str(info.value)


def test_invalid_bytes_for_declared_charset_are_detected(httpserver: HTTPServer,
                                                         options: FetchOptions) -> None:
    text = "Na\u00efve readers trust caf\u00e9 health advice about coffee and hearts. " * 20
    httpserver.expect_request("/bad").respond_with_data(
        text.encode("latin-1"), content_type="text/plain; charset=utf-8")
    doc = fetch_document(httpserver.url_for("/bad"), options)
    assert "body is not valid utf-8 as declared in Content-Type header" in doc.notes
    assert "caf\u00e9" in doc.text


def test_non_english_page_is_skipped(httpserver: HTTPServer, options: FetchOptions) -> None:
    para = ("<p>Die Studie hat gezeigt, dass Menschen, die jeden Tag Tee tranken, ein "
            "geringeres Risiko hatten, aber die Autoren sagen, dass nicht klar ist, ob der Tee "
            "die Ursache war.</p>")
    httpserver.expect_request("/de").respond_with_data(
        f"<html lang='de'><body><article>{para * 4}</article></body></html>",
        content_type="text/html; charset=utf-8")
    url = httpserver.url_for("/de")
    with pytest.raises(SkippedInput) as info:
        fetch_document(url, options)
    assert str(info.value) == f"{url}: skipped: page language is 'de', only English is checked"


def test_plain_text_page(httpserver: HTTPServer, options: FetchOptions) -> None:
    httpserver.expect_request("/t.txt").respond_with_data(
        "First paragraph.\n\nSecond paragraph.\n", content_type="text/plain; charset=utf-8")
    doc = fetch_document(httpserver.url_for("/t.txt"), options)
    assert [doc.text[b.start:b.end] for b in doc.blocks] == ["First paragraph.",
                                                              "Second paragraph."]
    assert doc.metadata is None


def test_plain_text_page_has_the_blocks_of_a_text_file(
    httpserver: HTTPServer, options: FetchOptions
) -> None:
    text = "Benefits of Green Tea\n\nGreen tea is popular.\n\n- it is cheap\n- it is warm\n"
    httpserver.expect_request("/g.txt").respond_with_data(text, content_type="text/plain")
    fetched = fetch_document(httpserver.url_for("/g.txt"), options)
    on_disk = parse_plain("g.txt", text)
    assert [(b.role, b.start, b.end) for b in fetched.blocks] == [
        (b.role, b.start, b.end) for b in on_disk.blocks
    ]
    assert [b.role for b in fetched.blocks] == ["heading", "paragraph", "list_item", "list_item"]
