"""SSRF guard: refuse URLs and connections that reach loopback, private or reserved addresses.

Two layers. :func:`check_url` resolves the host and refuses before any connection is made.
:class:`GuardedHTTPConnection` and :class:`GuardedHTTPSConnection` (mounted by
``deadline.WatchedAdapter``) then check the peer address of every socket they open, before a byte
of the request is sent, so a DNS answer that changes between the check and the connection
(DNS rebinding) cannot reach an internal address either.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from urllib3.connection import HTTPConnection, HTTPSConnection

from claimcheck.errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
ALLOWED_SCHEMES = frozenset({"http", "https"})
HINT = "use --allow-private-hosts to allow"


class BlockedAddressError(Exception):
    """A socket connected to a refused address; raised before the request is sent."""

    def __init__(self, host: str, address: str, reason: str) -> None:
        super().__init__(f"{address} is {reason}")
        self.host = host
        self.address = address
        self.reason = reason


def address_problem(ip: IPAddress) -> str | None:
    """Why ``ip`` must not be fetched from (e.g. "a loopback address"), or None if public."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return address_problem(ip.ipv4_mapped)
    checks = (
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private address"),
        (not ip.is_global, "not a public address"),
    )
    return next((reason for failed, reason in checks if failed), None)


def resolve(host: str, port: int) -> list[str]:
    """All addresses ``host`` resolves to (tests replace this to simulate DNS answers)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def check_url(url: str, allow_private: bool) -> None:
    """Raise FetchError unless ``url`` is http(s) and its host resolves only to public addresses."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise FetchError(url, f"refused: scheme '{parts.scheme}' is not http or https")
    host = parts.hostname
    if not host:
        raise FetchError(url, "refused: no host name in the URL")
    if allow_private:
        return
    try:
        addresses = [str(ipaddress.ip_address(host))]  # a literal address is not resolved
    except ValueError:
        try:
            addresses = resolve(host, parts.port or (443 if parts.scheme == "https" else 80))
        except (OSError, ValueError, UnicodeError) as exc:
            raise FetchError(url, f"cannot resolve host {host}: {exc}") from exc
    for address in addresses:
        problem = address_problem(ipaddress.ip_address(address.split("%")[0]))
        if problem is not None:
            shown = address if address == host else f"{host} resolves to {address}, which"
            raise FetchError(url, f"refused: {shown} is {problem} ({HINT})")


def check_peer(host: str, sock: socket.socket) -> None:
    """Close ``sock`` and raise BlockedAddressError if its peer is not a public address."""
    address = str(sock.getpeername()[0])
    problem = address_problem(ipaddress.ip_address(address.split("%")[0]))
    if problem is not None:
        sock.close()
        raise BlockedAddressError(host, address, problem)


class GuardedHTTPConnection(HTTPConnection):
    """An HTTP connection that refuses non-public peers before sending anything."""

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        check_peer(self.host, sock)
        return sock


class GuardedHTTPSConnection(HTTPSConnection):
    """An HTTPS connection that refuses non-public peers before the TLS handshake."""

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        check_peer(self.host, sock)
        return sock


def find_blocked(exc: BaseException) -> BlockedAddressError | None:
    """The BlockedAddressError behind a requests/urllib3 connection error, if any."""
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, BlockedAddressError):
            return current
        stack.extend([current.__cause__, current.__context__,
                      *[a for a in current.args if isinstance(a, BaseException)],
                      getattr(current, "reason", None)])
    return None
