"""Fetching web pages safely and politely; raises FetchError with the URL and a reason.

Every hop of a redirect chain is checked by the SSRF guard (netguard), robots.txt (protego)
and the per-host throttle; bodies are streamed under a byte cap; 429 and 5xx answers are retried
with backoff honouring Retry-After; good answers are cached on disk. One wall-clock deadline
(deadline.py) covers the whole fetch: connect, headers, body, every hop, retry and robots.txt.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import requests

from claimcheck.errors import FetchError
from claimcheck.inputs import answers, netguard
from claimcheck.inputs.deadline import Deadline, Watch, WatchedAdapter
from claimcheck.inputs.httpcache import HttpCache, HttpReply, default_cache_dir
from claimcheck.inputs.options import FetchOptions as FetchOptions  # re-exported
from claimcheck.inputs.politeness import HostThrottle, RobotsAnswer, RobotsRules

logger = logging.getLogger(__name__)

REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
ROBOTS_MAX_BYTES = 500_000


def default_user_agent() -> str:
    """The identifying User-Agent, with the project's version."""
    from claimcheck.version import __version__

    return f"claimcheck/{__version__} (health article checker; python-requests)"


@dataclass(frozen=True)
class FetchedPage:
    """A successfully fetched page: final URL, media type, header charset and body."""

    requested_url: str
    url: str
    media_type: str
    charset: str | None
    body: bytes
    from_cache: bool = False


class Fetcher:
    """A requests session with the guard, throttle, robots rules and cache of one FetchOptions."""

    def __init__(self, options: FetchOptions) -> None:
        self.options = options
        self.user_agent = options.user_agent or default_user_agent()
        self.session = self._make_session()
        self.cache = None if options.no_cache else HttpCache(
            options.cache_dir or default_cache_dir(), options.cache_ttl)
        self.throttle = HostThrottle(options.per_host_delay)
        self.robots = RobotsRules(self.user_agent)

    def _make_session(self) -> requests.Session:
        """A session whose adapter watches the deadline and guards addresses (unless allowed)."""
        session = requests.Session()
        # Environment proxies would make the proxy the connected peer and hide the target.
        session.trust_env = self.options.allow_private_hosts
        adapter = WatchedAdapter(guarded=not self.options.allow_private_hosts, max_retries=0)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        session.headers.update({
            "User-Agent": self.user_agent,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
            "Accept-Language": "en",
        })
        return session

    def fetch(self, url: str) -> FetchedPage:
        """Fetch ``url`` following redirects; raise FetchError naming ``url`` and the reason."""
        reply = self._follow(url, Deadline(self.options.timeout_total), robots_file=False)
        if reply.status != 200:
            try:
                label = HTTPStatus(reply.status).phrase
            except ValueError:
                label = "error"
            raise FetchError(url, f"HTTP {reply.status} {label}")
        media, charset = answers.media_type(reply.headers)
        return FetchedPage(url, reply.url, media, charset, reply.body,
                           from_cache=reply.from_cache)

    def _check_hop(self, url: str, current: str, deadline: Deadline | None) -> None:
        """Refuse a hop the SSRF guard or robots.txt forbids (robots if ``deadline`` is given)."""
        try:
            netguard.check_url(current, self.options.allow_private_hosts)
        except FetchError as exc:
            hop = "" if current == url else f" (redirected to {current})"
            raise FetchError(url, exc.reason + hop) from exc
        if deadline is not None:
            def load(robots_url: str) -> RobotsAnswer:
                return self._load_robots(robots_url, deadline)

            try:
                allowed = self.robots.allowed(current, load)
            except FetchError as exc:
                raise FetchError(url, exc.reason) from exc
            if not allowed:
                raise FetchError(url, f"refused: robots.txt disallows {current} for "
                                      "claimcheck (use --ignore-robots to override)")
            self.throttle.set_min_delay(_host(current), self.robots.crawl_delay(current, load))

    def _follow(self, url: str, deadline: Deadline, robots_file: bool) -> HttpReply:
        """Request ``url`` and its redirects, checking each hop before connecting."""
        current = url
        check_robots = not robots_file and not self.options.ignore_robots
        for _ in range(self.options.max_redirects + 1):
            self._check_hop(url, current, deadline if check_robots else None)
            reply = self._get(url, current, deadline, robots_file)
            location = next((v for k, v in reply.headers.items() if k.lower() == "location"), "")
            if reply.status not in REDIRECT_STATUS or not location:
                return reply
            current = urljoin(current, location)
            logger.debug("%s: redirected to %s", url, current)
        if robots_file:
            return HttpReply(url, 404, {}, b"")  # RFC 9309: give up = no robots.txt
        raise FetchError(url, f"too many redirects (more than {self.options.max_redirects})")

    def _get(self, origin: str, url: str, deadline: Deadline, robots_file: bool) -> HttpReply:
        """One GET of ``url`` from the cache or the network, retrying 429 and 5xx in time."""
        if self.cache is not None:
            hit = self.cache.get(self.session, url)
            if hit is not None:
                return hit
        for attempt in range(self.options.retries + 1):
            reply, response = self._send(origin, url, deadline, robots_file)
            if reply.status not in RETRY_STATUS:
                break
            wait = answers.retry_after(reply.headers)
            if wait is None:
                wait = self.options.backoff * 2**attempt
            if attempt == self.options.retries or wait > self.options.max_retry_wait:
                break
            if wait >= deadline.remaining():
                logger.info("%s: HTTP %d, no time left to retry", url, reply.status)
                break
            logger.info("%s: HTTP %d, retrying in %.1f s", url, reply.status, wait)
            time.sleep(wait)
        if self.cache is not None:
            self.cache.put(self.session, response, reply.body)
        return reply

    def _send(self, origin: str, url: str, deadline: Deadline,
              robots_file: bool) -> tuple[HttpReply, requests.Response]:
        """Send one request through the host's slot; every failure is a one-line FetchError."""
        queued = time.monotonic()
        with self.throttle.slot(_host(url)):
            deadline.extend(time.monotonic() - queued)  # our politeness, not the server's
            if deadline.expired():
                raise FetchError(origin, deadline.reason("start"))
            with deadline.watching() as watch:
                try:
                    return self._exchange(origin, url, deadline, watch, robots_file)
                except netguard.BlockedAddressError as exc:
                    raise FetchError(origin, f"refused: {exc.host} connected to {exc.address}, "
                                             f"which is {exc.reason} ({netguard.HINT})") from exc
                except requests.RequestException as exc:
                    if watch.fired or deadline.expired():
                        raise FetchError(origin, watch.reason()) from exc
                    raise FetchError(origin, answers.describe_error(exc, self.options)) from exc

    def _exchange(self, origin: str, url: str, deadline: Deadline, watch: Watch,
                  robots_file: bool) -> tuple[HttpReply, requests.Response]:
        """GET ``url`` and read an acceptable body, refusing an answer the watchdog cut short."""
        timeout = deadline.timeouts(self.options.timeout_connect, self.options.timeout_read)
        response = self.session.get(url, stream=True, allow_redirects=False, timeout=timeout)
        with response:
            watch.check(origin)
            watch.phase = "body"
            headers = dict(response.headers)
            body = self._body(origin, response, deadline, robots_file)
            watch.check(origin)
        return HttpReply(response.url, response.status_code, headers, body), response

    def _body(self, origin: str, response: requests.Response, deadline: Deadline,
              robots_file: bool) -> bytes:
        """Read the body of a final answer under the byte cap and deadline (b"" otherwise)."""
        status = response.status_code
        if robots_file and status not in REDIRECT_STATUS | RETRY_STATUS:
            return answers.read_capped(origin, response, ROBOTS_MAX_BYTES, deadline)
        if status != 200:
            return b""
        answers.check_media_type(origin, response)
        return answers.read_capped(origin, response, self.options.max_bytes, deadline)

    def _load_robots(self, robots_url: str, deadline: Deadline) -> RobotsAnswer:
        """Fetch a robots.txt (following redirects, guarded) under the page's deadline."""
        try:
            reply = self._follow(robots_url, deadline, robots_file=True)
        except FetchError as exc:
            raise FetchError(robots_url, f"cannot read {robots_url}: {exc.reason}") from exc
        return RobotsAnswer(reply.status, reply.body.decode("utf-8", errors="replace"))

    def close(self) -> None:
        """Release the session and the cache."""
        self.session.close()
        if self.cache is not None:
            self.cache.close()


def _host(url: str) -> str:
    """The host[:port] a URL's requests are throttled under."""
    return urlsplit(url).netloc.lower()


_SHARED: dict[FetchOptions, Fetcher] = {}
_SHARED_LOCK = threading.Lock()


def fetch_page(url: str, options: FetchOptions | None = None) -> FetchedPage:
    """Fetch ``url`` with a Fetcher shared by all calls with the same options."""
    options = options or FetchOptions()
    with _SHARED_LOCK:
        fetcher = _SHARED.get(options)
        if fetcher is None:
            fetcher = _SHARED[options] = Fetcher(options)
    return fetcher.fetch(url)


def close_shared() -> None:
    """Close every shared Fetcher (tests, or the end of a CLI run)."""
    with _SHARED_LOCK:
        for fetcher in _SHARED.values():
            fetcher.close()
        _SHARED.clear()
