"""robots.txt, per-host delay and the on-disk cache."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from claimcheck.errors import FetchError
from claimcheck.inputs.fetch import FetchOptions, fetch_page

ROBOTS = "User-agent: *\nDisallow: /private/\n"
# A group naming claimcheck replaces the * group for it (RFC 9309).
ROBOTS_NAMED = "User-agent: *\nDisallow: /\n\nUser-agent: claimcheck\nDisallow: /no-bots/\n"


def test_robots_disallow_is_obeyed(httpserver: HTTPServer, options: FetchOptions) -> None:
    polite = dataclasses.replace(options, ignore_robots=False)
    httpserver.expect_request("/robots.txt").respond_with_data(ROBOTS, content_type="text/plain")
    httpserver.expect_request("/private/page").respond_with_data("secret")
    url = httpserver.url_for("/private/page")
    with pytest.raises(FetchError, match=r"refused: robots.txt disallows .* --ignore-robots"):
        fetch_page(url, polite)
    assert [req.path for req, _ in httpserver.log] == ["/robots.txt"]


def test_robots_group_for_claimcheck(httpserver: HTTPServer, options: FetchOptions) -> None:
    polite = dataclasses.replace(options, ignore_robots=False)
    httpserver.expect_request("/robots.txt").respond_with_data(
        ROBOTS_NAMED, content_type="text/plain")
    httpserver.expect_request("/a").respond_with_data("ok", content_type="text/plain")
    with pytest.raises(FetchError, match=r"robots\.txt disallows"):
        fetch_page(httpserver.url_for("/no-bots/a"), polite)
    assert fetch_page(httpserver.url_for("/a"), polite).body == b"ok"


def test_ignore_robots_overrides(httpserver: HTTPServer, options: FetchOptions) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(ROBOTS, content_type="text/plain")
    httpserver.expect_request("/private/page").respond_with_data("ok", content_type="text/plain")
    assert fetch_page(httpserver.url_for("/private/page"), options).body == b"ok"


def test_missing_robots_allows_everything(httpserver: HTTPServer,
                                          options: FetchOptions) -> None:
    polite = dataclasses.replace(options, ignore_robots=False)
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/a").respond_with_data("ok", content_type="text/plain")
    assert fetch_page(httpserver.url_for("/a"), polite).body == b"ok"


def test_unreachable_robots_disallows(httpserver: HTTPServer, options: FetchOptions) -> None:
    polite = dataclasses.replace(options, ignore_robots=False, retries=0)
    httpserver.expect_request("/robots.txt").respond_with_data("", status=500)
    with pytest.raises(FetchError, match=r"robots\.txt disallows"):
        fetch_page(httpserver.url_for("/a"), polite)


def test_requests_to_one_host_are_spaced(httpserver: HTTPServer, options: FetchOptions) -> None:
    spaced = dataclasses.replace(options, per_host_delay=0.3)
    httpserver.expect_request("/p").respond_with_data("ok", content_type="text/plain")
    start = time.monotonic()
    for _ in range(3):
        fetch_page(httpserver.url_for("/p"), spaced)
    assert time.monotonic() - start >= 0.6


def test_cache_avoids_refetching(httpserver: HTTPServer, options: FetchOptions) -> None:
    cached = dataclasses.replace(options, no_cache=False)
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/c"})
    httpserver.expect_request("/c").respond_with_data("cached body", content_type="text/plain")
    first = fetch_page(httpserver.url_for("/old"), cached)
    second = fetch_page(httpserver.url_for("/old"), cached)
    assert first.body == second.body == b"cached body"
    assert (first.from_cache, second.from_cache) == (False, True)
    assert len(httpserver.log) == 2
    assert (options.cache_dir is not None) and any(options.cache_dir.iterdir())


def test_no_cache_fetches_again(httpserver: HTTPServer, options: FetchOptions) -> None:
    httpserver.expect_request("/c").respond_with_data("body", content_type="text/plain")
    fetch_page(httpserver.url_for("/c"), options)
    fetch_page(httpserver.url_for("/c"), options)
    assert len(httpserver.log) == 2


def test_http_cache_is_a_subfolder_of_the_cache_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimcheck.inputs.httpcache import default_cache_dir
    from claimcheck.paths import cache_root

    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path))
    assert cache_root() == tmp_path  # pipeline pickles here, HTTP responses one level down
    assert default_cache_dir() == tmp_path / "http"
