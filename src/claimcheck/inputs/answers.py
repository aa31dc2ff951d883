"""Reading HTTP answers: Content-Type, Retry-After, a size- and time-capped body, error text."""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

import requests

from claimcheck.errors import FetchError
from claimcheck.inputs import netguard

if TYPE_CHECKING:
    from claimcheck.inputs.deadline import Deadline
    from claimcheck.inputs.options import FetchOptions

_CHUNK = 16_384
ACCEPTED_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})


def media_type(headers: dict[str, str]) -> tuple[str, str | None]:
    """The media type and charset parameter of a Content-Type header."""
    value = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    media, *params = [p.strip() for p in value.split(";")]
    charset = next((p.split("=", 1)[1].strip("\"' ") for p in params
                    if p.lower().startswith("charset=")), None)
    return media.lower(), charset or None


def check_media_type(origin: str, response: requests.Response) -> None:
    """Refuse a body that is not HTML, XHTML or plain text (a missing type is sniffed later)."""
    media, _ = media_type(dict(response.headers))
    if media and media not in ACCEPTED_TYPES:
        raise FetchError(origin, f"refused: content type {media} is not HTML, XHTML or plain text")


def retry_after(headers: dict[str, str]) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def describe_error(exc: requests.RequestException, options: FetchOptions) -> str:
    """A one-line reason for a requests failure."""
    blocked = netguard.find_blocked(exc)
    if blocked is not None:
        return (f"refused: {blocked.host} connected to {blocked.address}, which is "
                f"{blocked.reason} ({netguard.HINT})")
    if isinstance(exc, requests.ConnectTimeout):
        return f"timed out connecting (after {options.timeout_connect:g} s)"
    if isinstance(exc, requests.ReadTimeout):
        return f"timed out waiting for the server (after {options.timeout_read:g} s)"
    if isinstance(exc, requests.exceptions.SSLError):
        return "TLS error: certificate or handshake failed"
    if isinstance(exc, requests.ConnectionError):
        return f"cannot connect: {str(exc).splitlines()[0][:160]}"
    return f"request failed: {type(exc).__name__}: {str(exc)[:160]}"


def read_capped(origin: str, response: requests.Response, limit: int,
                deadline: Deadline) -> bytes:
    """Stream the body, aborting past ``limit`` bytes or the ``deadline``.

    The deadline's watchdog ends a read that blocks; this check ends a fast stream that runs
    past the deadline between two pieces.
    """
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(origin, f"response too large: {int(declared)} bytes (limit {limit})")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise FetchError(origin, f"response too large: more than {limit} bytes")
        if deadline.expired():
            raise FetchError(origin, deadline.reason("body"))
        chunks.append(chunk)
    return b"".join(chunks)
