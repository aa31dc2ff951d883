"""A content-addressed cache of checked documents, so an unchanged post is not checked twice.

The key hashes the input as read (its bytes, format and base address: ``Unparsed.digest``)
with everything that shapes a result: the package's code and version, spaCy's version, the
lexicon pack's content digest, the enabled rules and the check options. An entry holds what a
worker returns for a document (``claimcheck.runlevel.Checked``: the unfiltered result, the
Document, its analysis and the run-level rules' ``prepare()`` data), so a hit also feeds the
cross-document rules of the run it is in, and a name or submission differing from the cached
one's is put back. Inputs known only as parsed Documents (stdin read eagerly, library calls)
are not cached.

Entries are files (``<cache>/results/ab/abcdef...``), written to a temporary name and renamed,
so worker processes share the cache safely; an unreadable or corrupt entry is a miss. The
cache is trimmed to ``max_bytes`` (least recently used first) when a run that added entries
ends. ``check --no-cache`` bypasses it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import os
import pickle
import sys
import tempfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimcheck.document import Document, Submission
from claimcheck.paths import cache_root
from claimcheck.results import FileResult
from claimcheck.version import __version__

log = logging.getLogger(__name__)

_FORMAT = 1
MAX_BYTES = 1 << 30  # 1 GiB of entries, then the least recently used go


def code_digest() -> str:
    """A hash of the package's own source files: any code change invalidates every entry."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def engine_key(pack_digest: str, rule_ids: Iterable[str], options: object) -> str:
    """What, besides the input, decides a document's result."""
    from spacy import about

    parts = [str(_FORMAT), __version__, about.__version__, sys.version, code_digest(),
             pack_digest, ",".join(sorted(rule_ids)), repr(options)]  # fmt: skip
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class ResultCache:
    """The entries under ``folder`` for one engine (:func:`engine_key`)."""

    folder: Path
    engine: str
    max_bytes: int = MAX_BYTES

    @classmethod
    def default(cls, engine: str) -> ResultCache:
        """The cache in the user's cache folder (``$CLAIMCHECK_CACHE_DIR``, ...)."""
        return cls(cache_root() / "results", engine)

    def key(self, input_digest: str) -> str:
        """The entry name of an input."""
        return hashlib.sha256(f"{self.engine}\0{input_digest}".encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, input_digest: str, origin: str, submission: Submission | None = None) -> Any:
        """The cached answer of an input, under its ``origin`` and ``submission``; None on a
        miss."""
        path = self._path(self.key(input_digest))
        try:
            checked = pickle.loads(zlib.decompress(path.read_bytes()))
            os.utime(path)  # recently used: kept longest when the cache is trimmed
        except FileNotFoundError:
            return None
        except Exception:  # corrupt, truncated or written by other code: a miss
            log.debug("result cache: dropping unreadable entry %s", path, exc_info=True)
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        return renamed(checked, origin, submission)

    def put(self, input_digest: str, checked: tuple[Any, ...]) -> None:
        """Store an answer; failures (a full disk, a read-only folder) are ignored."""
        path = self._path(self.key(input_digest))
        tmp: Path | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            data = zlib.compress(pickle.dumps(checked, pickle.HIGHEST_PROTOCOL), 1)
            fd, name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            tmp = Path(name)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            tmp.replace(path)
        except Exception:
            log.debug("result cache: could not store %s", path, exc_info=True)
            if tmp is not None:
                tmp.unlink(missing_ok=True)

    def trim(self) -> int:
        """Delete the least recently used entries beyond ``max_bytes``; the number deleted."""
        entries = []
        with contextlib.suppress(OSError):
            for sub in os.scandir(self.folder):
                if sub.is_dir():
                    for entry in os.scandir(sub.path):
                        with contextlib.suppress(OSError):
                            st = entry.stat()
                            entries.append((st.st_mtime, st.st_size, entry.path))
        total = sum(size for _t, size, _p in entries)
        removed = 0
        for _mtime, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            with contextlib.suppress(OSError):
                Path(path).unlink()
                total -= size
                removed += 1
        return removed


def renamed(
    checked: tuple[Any, ...], origin: str, submission: Submission | None
) -> tuple[Any, ...]:
    """A cached answer under the current input's name and submission."""
    raw, cached_doc, analysis, prepared = checked
    if isinstance(raw, FileResult):
        raw = dataclasses.replace(raw, origin=origin, submission=submission)
    if isinstance(cached_doc, Document):
        cached_doc = dataclasses.replace(cached_doc, origin=origin, submission=submission)
    return raw, cached_doc, analysis, prepared
