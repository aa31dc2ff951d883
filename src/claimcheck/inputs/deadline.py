"""One wall-clock deadline per fetch, enforced while a socket read is blocked.

requests' timeouts bound each socket read, so a server that sends a byte every second never
trips them, in the headers or in the body. A :class:`Deadline` therefore arms a watchdog timer
around every request: each connection used meanwhile registers a duplicate of its socket, and
when the time is up the watchdog shuts the socket down, which wakes the blocked read at once
(TLS handshake, headers and body alike; connecting is bounded by the connect timeout,
which never exceeds the time left). Redirect hops, retries and robots.txt share
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

from claimcheck.errors import FetchError
from claimcheck.inputs import netguard

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
    def watching(self) -> Iterator[Watch]:
        """Shut down the sockets this thread uses in the block if the deadline passes."""
        watch = Watch(self.seconds)
        timer = threading.Timer(self.remaining(), watch.fire)
        timer.daemon = True
        previous = getattr(_local, "watch", None)
        _local.watch = watch
        timer.start()
        try:
            yield watch
        finally:
            timer.cancel()
            _local.watch = previous
            watch.close()


class Watch:
    """Duplicates of the sockets one request uses, shut down together when its timer fires.

    A duplicate descriptor stays valid when ``ssl`` wraps (and detaches) the socket it was
    made from and when http.client closes a connection whose response is still being read,
    and shutting down either descriptor ends the TCP connection under both. ``phase`` says
    what the request is waiting for, for the error message.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.phase: Phase = "answer"
        self._lock = threading.Lock()
        self._dups: list[socket.socket] = []
        self._fired = False

    @property
    def fired(self) -> bool:
        """Whether the deadline passed and the sockets were shut down."""
        return self._fired

    def reason(self) -> str:
        """The one-line reason for running out of time in the current phase."""
        return _REASONS[self.phase].format(s=self.seconds)

    def check(self, origin: str) -> None:
        """Raise FetchError if the watchdog fired: what was read may be cut short.

        http.client takes the end of a shut-down connection for the end of the headers, or of
        a body without Content-Length, so a cut answer can look complete.
        """
        if self._fired:
            raise FetchError(origin, self.reason())

    def add(self, sock: socket.socket) -> None:
        """Watch ``sock``; shut it down at once if the timer has already fired."""
        with self._lock, suppress(OSError):  # a socket closed meanwhile needs no watching
            dup = socket.fromfd(sock.fileno(), sock.family, sock.type)
            self._dups.append(dup)
            if self._fired:
                _shutdown(dup)

    def fire(self) -> None:
        """Shut down every watched socket (runs on the timer's thread)."""
        with self._lock:
            self._fired = True
            logger.debug("deadline passed: shutting down %d socket(s)", len(self._dups))
            for dup in self._dups:
                _shutdown(dup)

    def close(self) -> None:
        """Close the duplicates (the connections themselves stay open for reuse)."""
        with self._lock:
            for dup in self._dups:
                dup.close()
            self._dups.clear()


_local = threading.local()


def _shutdown(sock: socket.socket) -> None:
    """Shut ``sock`` down both ways; a socket already closed is left alone."""
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _watch(sock: socket.socket | None) -> None:
    """Hand ``sock`` to the watchdog armed on this thread, if any."""
    watch: Watch | None = getattr(_local, "watch", None)
    if watch is not None and sock is not None:
        watch.add(sock)


class _WatchedConnection(HTTPConnection):
    """A connection that hands its socket to the deadline's watchdog, new or reused."""

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        _watch(sock)  # before the TLS handshake, which the deadline covers too
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        """Send a request, first watching the socket of a reused connection."""
        _watch(self.sock)
        super().request(*args, **kwargs)


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
