"""Real local HTTP servers (threaded, 127.0.0.1) and fetch options for the fetch tests."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from claimcheck.inputs.fetch import FetchOptions, close_shared
from tests.fetch.dripserver import DripServer

ARTICLE_PATH = Path(__file__).parent.parent / "extract" / "fixtures" / "health_article.html"


@pytest.fixture()
def article() -> str:
    """The realistic health-article page shared with the extraction tests."""
    return ARTICLE_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def server() -> Iterator[HTTPServer]:
    """A threaded server so a deliberately slow handler does not block the next test."""
    srv = HTTPServer(host="127.0.0.1", threaded=True)
    srv.start()
    yield srv
    srv.clear()
    if srv.is_running():
        srv.stop()


@pytest.fixture()
def httpserver(server: HTTPServer) -> Iterator[HTTPServer]:
    """The session server, cleared after each test."""
    yield server
    server.clear()


@pytest.fixture()
def options(tmp_path: Path) -> FetchOptions:
    """Fast, local options: private hosts allowed, no cache, no delay, tiny timeouts."""
    return FetchOptions(
        timeout_connect=1.0,
        timeout_read=0.5,
        timeout_total=2.0,
        retries=2,
        backoff=0.01,
        allow_private_hosts=True,
        ignore_robots=True,
        no_cache=True,
        cache_dir=tmp_path / "cache",
        per_host_delay=0.0,
    )


@pytest.fixture(autouse=True)
def _close_fetchers() -> Iterator[None]:
    """Close the shared sessions and caches after each test."""
    yield
    close_shared()


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Fail on any outgoing connection attempt; returns the list of attempted addresses."""
    attempts: list[object] = []

    def refuse(address: object, *args: object, **kwargs: object) -> socket.socket:
        attempts.append(address)
        raise AssertionError(f"connection attempted to {address!r}")

    monkeypatch.setattr("urllib3.util.connection.create_connection", refuse)
    return attempts


@pytest.fixture()
def drip_server() -> Iterator[DripServer]:
    """A drip server with no routes yet (set ``routes`` in the test)."""
    server = DripServer({})
    yield server
    server.stop()

