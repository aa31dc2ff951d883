"""Where claimcheck keeps its caches (pipeline pickles, and HTTP responses under ``http/``)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """``$CLAIMCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/claimcheck``, else ~/.cache/claimcheck."""
    explicit = os.environ.get("CLAIMCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claimcheck"
