"""One wall-clock deadline per fetch, enforced while a socket read is blocked.

requests' timeouts bound each socket read, so a server that sends a byte every second never
trips them, in the headers or in the body. A :class:`Deadline` therefore arms a watchdog timer
around every request: each connection used meanwhile registers a duplicate of its socket, and
when the time is up the watchdog shuts the socket down, which wakes the blocked read at once
(connect, TLS handshake, headers and body alike). Redirect hops, retries and robots.txt share
the one deadline; the per-host politeness wait is ours, not the server's, and does not count.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any, Literal

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from claimcheck.sources import netguard

logger = logging.getLogger(__name__)

Phase = Literal["start", "answer", "body"]
_REASONS: dict[Phase, str] = {
    "start": "timed out (after {s:g} s) before the next request could be sent",
    "answer": "timed out waiting for the response (after {s:g} s): "
              "the server answered too slowly",
    "body": "timed out reading the body (after {s:g} s): the server sent it too slowly",
}


class Deadline:
    """The time left for one fetch; ``seconds`` is the whole budget."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def remaining(self) -> float:
        """Seconds left (0 when the deadline has passed)."""
        return max(0.0, self._end - time.monotonic())

    def expired(self) -> bool:
        """Whether the deadline has passed."""
        return time.monotonic() >= self._end

    def extend(self, seconds: float) -> None:
        """Move the deadline back by a wait of our own making (the per-host throttle)."""
        self._end += max(0.0, seconds)

    def timeouts(self, connect: float, read: float) -> tuple[float, float]:
        """requests' (connect, read) timeouts, neither longer than the time left."""
        left = max(self.remaining(), 0.001)  # 0 would mean non-blocking sockets
        return min(connect, left), min(read, left)

    def reason(self, phase: Phase) -> str:
        """The one-line reason for running out of time in ``phase``."""
        return _REASONS[phase].format(s=self.seconds)

    @contextmanager
    def watching(self) -> Iterator[None]:
        """Shut down the sockets this thread uses in the block if the deadline passes."""
        watch = _Watch()
        timer = threading.Timer(self.remaining(), watch.fire)
        timer.daemon = True
        previous = getattr(_local, "watch", None)
        _local.watch = watch
        timer.start()
        try:
            yield
        finally:
            timer.cancel()
            _local.watch = previous


class _Watch:
    """The sockets of one request, shut down together when its timer fires."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self.fired = False

    def add(self, sock: socket.socket) -> None:
        """Watch ``sock``; shut it down at once if the timer has already fired."""
        with self._lock:
            if not self.fired:
                self._sockets.append(sock)
                return
        _shutdown(sock)

    def fire(self) -> None:
        """Shut down every watched socket (runs on the timer's thread)."""
        with self._lock:
            self.fired = True
            sockets, self._sockets = self._sockets, []
        logger.debug("deadline passed: shutting down %d socket(s)", len(sockets))
        for sock in sockets:
            _shutdown(sock)


_local = threading.local()


def _shutdown(sock: socket.socket) -> None:
    """Shut ``sock`` down both ways; a socket already closed is left alone."""
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _watch(sock: socket.socket | None) -> None:
    """Hand ``sock`` to the watchdog armed on this thread, if any."""
    watch: _Watch | None = getattr(_local, "watch", None)
    if watch is not None and sock is not None:
        watch.add(sock)


class _WatchedConnection(HTTPConnection):
    """A connection whose socket the watchdog can shut down, even mid TLS handshake.

    The watchdog holds a duplicate of the TCP socket: shutting down either descriptor ends
    the connection, and the duplicate stays valid while ``ssl`` wraps (and detaches) the
    original.
    """

    _watch_sock: socket.socket | None = None

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        self._watch_sock = sock.dup()
        _watch(self._watch_sock)
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        """Send a request, first watching a socket this connection opened earlier."""
        _watch(self._watch_sock)  # a pooled connection reused by this request
        super().request(*args, **kwargs)

    def close(self) -> None:
        """Close the connection and the watchdog's duplicate of its socket."""
        super().close()
        if self._watch_sock is not None:
            self._watch_sock.close()
            self._watch_sock = None


class _WatchedHTTPSConnection(_WatchedConnection, HTTPSConnection):
    pass


class _WatchedGuardedHTTPConnection(_WatchedConnection, netguard.GuardedHTTPConnection):
    pass


class _WatchedGuardedHTTPSConnection(_WatchedConnection, netguard.GuardedHTTPSConnection):
    pass


def _pool(base: type[HTTPConnectionPool], conn: type[HTTPConnection]) -> type[Any]:
    """A pool class of ``base``'s kind that opens ``conn`` connections."""
    return type(f"Watched{base.__name__}", (base,), {"ConnectionCls": conn})


_POOLS = {
    False: {"http": _pool(HTTPConnectionPool, _WatchedConnection),
            "https": _pool(HTTPSConnectionPool, _WatchedHTTPSConnection)},
    True: {"http": _pool(HTTPConnectionPool, _WatchedGuardedHTTPConnection),
           "https": _pool(HTTPSConnectionPool, _WatchedGuardedHTTPSConnection)},
}


class WatchedAdapter(HTTPAdapter):
    """A requests adapter whose connections obey the deadline (and the SSRF guard if asked)."""

    def __init__(self, guarded: bool, **kwargs: Any) -> None:
        self.guarded = guarded
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        """Create the pool manager with watched connection pools."""
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOLS[self.guarded]

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        """Watch connections through an HTTP proxy too (proxies are off when guarded)."""
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if not proxy.lower().startswith("socks"):
            manager.pool_classes_by_scheme = _POOLS[self.guarded]
        return manager
