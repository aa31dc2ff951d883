"""A raw-socket HTTP server that sends its answers slowly, piece by piece (hostile servers)."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class Drip:
    """An answer sent as ``pieces`` with ``pause`` seconds before each piece after the first."""

    pieces: tuple[bytes, ...]
    pause: float = 0.5


class DripServer:
    """A raw-socket HTTP server that sends each path's answer piece by piece (slow servers).

    Paths it does not know get a fast 404. Every connection is closed after one answer.
    """

    def __init__(self, routes: dict[str, Drip]) -> None:
        self.routes = routes
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        """The URL of ``path`` on this server."""
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}{path}"

    def _accept(self) -> None:
        """Serve each connection on its own thread until stopped."""
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        """Read one request and drip its answer; stop when the client hangs up."""
        with conn:
            request = b""
            while b"\r\n\r\n" not in request:
                data = conn.recv(4096)
                if not data:
                    return
                request += data
            path = request.split(b" ", 2)[1].decode("ascii")
            drip = self.routes.get(path, fast(b"not here", status="404 Not Found"))
            for index, piece in enumerate(drip.pieces):
                if index and self._stop.wait(drip.pause):
                    return
                try:
                    conn.sendall(piece)
                except OSError:
                    return

    def stop(self) -> None:
        """Stop accepting and dripping."""
        self._stop.set()
        self._thread.join()
        self._listener.close()


def head(length: int | None = None, status: str = "200 OK") -> bytes:
    """A status line and headers for a plain-text answer (Content-Length if given)."""
    size = "" if length is None else f"Content-Length: {length}\r\n"
    return (f"HTTP/1.1 {status}\r\nContent-Type: text/plain\r\n{size}"
            "Connection: close\r\n\r\n").encode("ascii")


def fast(body: bytes, status: str = "200 OK") -> Drip:
    """An answer sent at once."""
    return Drip((head(len(body), status) + body,))


def drip_body(size: int = 1000, pause: float = 0.5) -> Drip:
    """Headers at once, then a body of ``size`` bytes (declared) one byte per ``pause``."""
    return Drip((head(size), *[b"x"] * size), pause)


def drip_headers(pause: float = 0.5) -> Drip:
    """A status line, then header bytes one per ``pause`` (never finishing in a test's time)."""
    return Drip((b"HTTP/1.1 200 OK\r\n", *[bytes([c]) for c in b"X-Slow: " + b"a" * 1000]),
                pause)
