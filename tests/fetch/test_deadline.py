"""One deadline per fetch against servers that drip headers, bodies or robots.txt.

The per-read timeout (5 s) is longer than the drip pause (0.5 s), so only the whole-fetch
deadline (2 s) can stop these fetches. Bounds are generous: CI hosts are slow.
"""

from __future__ import annotations

import dataclasses
import re
import time

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from claimcheck.cli import cli
from claimcheck.errors import FetchError
from claimcheck.inputs.fetch import FetchOptions, fetch_page
from tests.fetch.dripserver import Drip, DripServer, drip_body, drip_headers, fast, head

LIMIT = 15.0  # the deadline is 2 s; anything near the old 330 s hang fails


@pytest.fixture()
def patient(options: FetchOptions) -> FetchOptions:
    """Options where each socket read may wait 5 s but the whole fetch only 2 s."""
    return dataclasses.replace(options, timeout_connect=5.0, timeout_read=5.0,
                               timeout_total=2.0)


def fetch_error(url: str, options: FetchOptions) -> tuple[str, float]:
    """The one-line FetchError message for ``url`` and the seconds it took to fail."""
    start = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch_page(url, options)
    return str(caught.value), time.monotonic() - start


def test_drip_body_with_content_length_times_out(drip_server: DripServer,
                                                 patient: FetchOptions) -> None:
    drip_server.routes["/drip"] = drip_body()
    message, elapsed = fetch_error(drip_server.url("/drip"), patient)
    assert message == (f"{drip_server.url('/drip')}: timed out reading the body (after 2 s): "
                       "the server sent it too slowly")
    assert "\n" not in message
    assert 1.5 < elapsed < LIMIT


def test_cut_body_without_content_length_is_not_taken_as_complete(
        drip_server: DripServer, patient: FetchOptions) -> None:
    # Without Content-Length the end of the connection ends the body, so the watchdog's
    # shutdown would otherwise pass for a short, complete page.
    drip_server.routes["/endless"] = Drip((head(None), *[b"x"] * 1000), pause=0.5)
    message, elapsed = fetch_error(drip_server.url("/endless"), patient)
    assert message.endswith("timed out reading the body (after 2 s): the server sent it too slowly")
    assert elapsed < LIMIT


def test_drip_headers_time_out(drip_server: DripServer, patient: FetchOptions) -> None:
    drip_server.routes["/slow-head"] = drip_headers()
    message, elapsed = fetch_error(drip_server.url("/slow-head"), patient)
    assert message == (f"{drip_server.url('/slow-head')}: timed out waiting for the response "
                       "(after 2 s): the server answered too slowly")
    assert 1.5 < elapsed < LIMIT


def test_drip_robots_txt_times_out_naming_the_page(drip_server: DripServer,
                                                   patient: FetchOptions) -> None:
    drip_server.routes["/robots.txt"] = drip_body()
    drip_server.routes["/page"] = fast(b"hello")
    polite = dataclasses.replace(patient, ignore_robots=False)
    page, robots = drip_server.url("/page"), drip_server.url("/robots.txt")
    message, elapsed = fetch_error(page, polite)
    assert message == (f"{page}: cannot read {robots}: timed out reading the body (after 2 s): "
                       "the server sent it too slowly")
    assert elapsed < LIMIT


def test_drip_robots_txt_headers_time_out(drip_server: DripServer,
                                          patient: FetchOptions) -> None:
    drip_server.routes["/robots.txt"] = drip_headers()
    polite = dataclasses.replace(patient, ignore_robots=False)
    message, elapsed = fetch_error(drip_server.url("/page"), polite)
    assert re.search(r"robots\.txt: timed out waiting for the response \(after 2 s\)", message)
    assert elapsed < LIMIT


def test_fast_page_works_and_after_a_slow_one(drip_server: DripServer,
                                              patient: FetchOptions) -> None:
    drip_server.routes["/drip"] = drip_body()
    drip_server.routes["/fast"] = fast(b"quick answer")
    assert fetch_page(drip_server.url("/fast"), patient).body == b"quick answer"
    fetch_error(drip_server.url("/drip"), patient)
    start = time.monotonic()
    assert fetch_page(drip_server.url("/fast"), patient).body == b"quick answer"
    assert time.monotonic() - start < LIMIT


def test_body_dripping_faster_than_pieces_still_stops(drip_server: DripServer,
                                                      patient: FetchOptions) -> None:
    # 40 000 bytes in 1000-byte pieces every 0.1 s: never a 16 KB piece within the deadline.
    drip_server.routes["/trickle"] = Drip((head(40_000), *[b"y" * 1000] * 40), pause=0.1)
    message, elapsed = fetch_error(drip_server.url("/trickle"), patient)
    assert message.endswith("timed out reading the body (after 2 s): the server sent it too slowly")
    assert elapsed < LIMIT


def test_redirect_chain_shares_the_deadline(httpserver: HTTPServer,
                                            patient: FetchOptions) -> None:
    def hop(target: str) -> object:
        def handler(request: Request) -> Response:
            time.sleep(0.8)  # each hop alone is well within the 2 s deadline
            return Response("", status=302, headers={"Location": target})
        return handler

    for number in range(1, 5):
        httpserver.expect_request(f"/r{number}").respond_with_handler(hop(f"/r{number + 1}"))
    httpserver.expect_request("/r5").respond_with_data("arrived", content_type="text/plain")
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"/r1: timed out (waiting for the response|\(after 2 s\)"
                                         r" before)"):
        fetch_page(httpserver.url_for("/r1"), patient)
    assert time.monotonic() - start < LIMIT
    assert "/r5" not in [request.path for request, _ in httpserver.log]


def test_retry_wait_past_the_deadline_gives_up(httpserver: HTTPServer,
                                               patient: FetchOptions) -> None:
    httpserver.expect_request("/busy").respond_with_data(
        "busy", status=503, headers={"Retry-After": "1"})
    many = dataclasses.replace(patient, retries=10)
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"/busy: HTTP 503 Service Unavailable$"):
        fetch_page(httpserver.url_for("/busy"), many)
    assert time.monotonic() - start < LIMIT
    assert 1 <= len(httpserver.log) <= 3  # not the 11 tries the retry count allows


def test_cli_timeout_bounds_a_slow_url_and_the_batch_goes_on(drip_server: DripServer) -> None:
    drip_server.routes["/drip"] = drip_body()
    drip_server.routes["/fast"] = fast(b"Cupping relieves back pain. It is completely safe.\n")
    start = time.monotonic()
    result = CliRunner().invoke(cli, ["check", "--timeout", "2", "--allow-private-hosts",
                                      "--no-cache", "--ignore-robots",
                                      drip_server.url("/drip"), drip_server.url("/fast")])
    assert time.monotonic() - start < 30  # pipeline load, per-host delay and the 2 s deadline
    assert result.exit_code == 3
    assert (f"{drip_server.url('/drip')}: error: timed out reading the body (after 2 s)"
            in result.stderr)
    assert f"{drip_server.url('/fast')}:1:" in result.stdout
