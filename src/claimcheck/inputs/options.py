"""How URLs are fetched: the options record that the fetcher and its helpers share.

Its own module so that ``fetch`` (the fetcher) and ``answers`` (reading HTTP answers) both import
it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["FetchOptions"]


@dataclass(frozen=True)
class FetchOptions:
    """How URLs are fetched; the CLI maps its flags onto these fields."""

    timeout_connect: float = 10.0
    timeout_read: float = 20.0
    timeout_total: float = 60.0  # the whole fetch (hops, retries, robots.txt): slow-drip servers
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 1.0  # first retry wait when there is no Retry-After; doubles each time
    max_retry_wait: float = 30.0  # a longer Retry-After gives up instead of waiting
    allow_private_hosts: bool = False
    ignore_robots: bool = False
    no_cache: bool = False
    cache_dir: Path | None = None  # default: <cache root>/http (claimcheck.paths)
    cache_ttl: float = 86_400.0
    per_host_delay: float = 1.0
    user_agent: str | None = None  # default: default_user_agent()
