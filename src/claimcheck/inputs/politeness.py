"""Per-host politeness: one request at a time with a delay, and robots.txt rules (protego)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from protego import Protego

logger = logging.getLogger(__name__)

MAX_CRAWL_DELAY = 10.0
ROBOTS_TOKEN = "claimcheck"


class HostThrottle:
    """Serialises requests per host and spaces them by at least ``delay`` seconds."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._extra: dict[str, float] = {}

    def set_min_delay(self, host: str, delay: float) -> None:
        """Raise the delay for ``host`` (from a robots.txt Crawl-delay), up to a cap."""
        self._extra[host] = min(delay, MAX_CRAWL_DELAY)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold the host's single request slot, waiting out the delay first."""
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            delay = max(self.delay, self._extra.get(host, 0.0))
            wait = self._last.get(host, -delay) + delay - time.monotonic()
            if wait > 0:
                logger.debug("waiting %.2f s before the next request to %s", wait, host)
                time.sleep(wait)
            try:
                yield
            finally:
                self._last[host] = time.monotonic()


@dataclass(frozen=True)
class RobotsAnswer:
    """A fetched robots.txt: its HTTP status and text (empty when not 200)."""

    status: int
    text: str = ""


def robots_url(url: str) -> str:
    """The robots.txt URL governing ``url``."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


RobotsLoader = Callable[[str], RobotsAnswer]


class RobotsRules:
    """robots.txt rules per site, fetched once and kept in memory.

    The caller passes the loader on each call, so a robots.txt fetch runs under the deadline of
    the page fetch that needed it.
    """

    def __init__(self, user_agent: str) -> None:
        self._agent = user_agent
        self._sites: dict[str, Protego] = {}
        self._lock = threading.Lock()

    def _rules(self, url: str, load: RobotsLoader) -> Protego:
        """The parsed rules for ``url``'s site, loaded if new (RFC 9309 status handling)."""
        site = robots_url(url)
        with self._lock:
            known = self._sites.get(site)
        if known is not None:
            return known
        answer = load(site)
        if answer.status == 200:
            rules = Protego.parse(answer.text)
        elif 400 <= answer.status < 500:
            rules = Protego.parse("")  # no robots.txt: everything is allowed
        else:
            rules = Protego.parse("User-agent: *\nDisallow: /\n")  # unreachable: nothing is
        with self._lock:
            self._sites[site] = rules
        return rules

    def allowed(self, url: str, load: RobotsLoader) -> bool:
        """Whether robots.txt (through ``load`` if not yet known) lets this tool fetch ``url``."""
        rules = self._rules(url, load)
        return bool(rules.can_fetch(url, self._agent)) and bool(
            rules.can_fetch(url, ROBOTS_TOKEN)
        )

    def crawl_delay(self, url: str, load: RobotsLoader) -> float:
        """The site's Crawl-delay for this tool, or 0."""
        delay = self._rules(url, load).crawl_delay(ROBOTS_TOKEN)
        return float(delay) if delay else 0.0
