"""On-disk HTTP cache (requests-cache's SQLite backend) so a batch re-run does not fetch again.

Responses are stored only after the fetch layer has checked and size-capped them, so the cache
never reads an unbounded body on its own.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import requests
from requests_cache.backends.sqlite import SQLiteCache
from requests_cache.policy.expiration import get_expiration_datetime

from claimcheck.paths import cache_root

logger = logging.getLogger(__name__)

CACHEABLE_STATUS = frozenset({200, 301, 308, 404, 410})


def default_cache_dir() -> Path:
    """The ``http`` folder of claimcheck's cache root (``claimcheck.paths.cache_root``)."""
    return cache_root() / "http"


@dataclass(frozen=True)
class HttpReply:
    """A response as stored: final status, headers and the (already capped) body."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    from_cache: bool = False


class HttpCache:
    """Get and put GET responses by URL, with a time-to-live."""

    def __init__(self, directory: Path, ttl: float) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._backend = SQLiteCache(directory / "responses.sqlite", wal=True)
        self._ttl = ttl

    def _key(self, session: requests.Session, url: str) -> str:
        """The requests-cache key of a GET of ``url`` through ``session``."""
        prepared = session.prepare_request(requests.Request("GET", url))
        return str(self._backend.create_key(prepared))

    def get(self, session: requests.Session, url: str) -> HttpReply | None:
        """The fresh cached reply for ``url``, or None on a miss."""
        cached = self._backend.get_response(self._key(session, url))
        if cached is None or cached.is_expired:
            return None
        logger.debug("cache hit: %s", url)
        return HttpReply(url, cached.status_code, dict(cached.headers), cached.content or b"",
                           from_cache=True)

    def put(self, session: requests.Session, response: requests.Response, body: bytes) -> None:
        """Store ``response`` with its already-read ``body`` if its status is cacheable."""
        if response.status_code not in CACHEABLE_STATUS:
            return
        response._content = body  # the body was read (and capped) by the fetch layer
        key = self._key(session, response.url)
        self._backend.save_response(response, key, get_expiration_datetime(self._ttl))

    def close(self) -> None:
        """Close the database."""
        self._backend.close()  # type: ignore[no-untyped-call]
