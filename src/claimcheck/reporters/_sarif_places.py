"""Where an input is, as a SARIF artifactLocation.

- A file under the root (the current directory) is a relative URI against the base id
  ``SRCROOT``, which the run's ``originalUriBaseIds`` resolves to the root's ``file:`` URI:
  the log stays valid when the checkout moves, and code scanning matches repository paths.
- Any other file is an absolute ``file:`` URI.
- A URL is kept as it is (only what a URI cannot hold is encoded).
- Standard input without ``--stdin-filename`` is the relative reference ``%3Cstdin%3E``
  with no base: it names no file.

Paths are percent-encoded from their bytes (``claimcheck.escape.percent_encoded``), so a
space, ``#``, ``%``, non-ASCII or an undecodable byte keep the URI valid and lossless.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePath

from sarif_om import ArtifactLocation

from claimcheck.escape import percent_encoded, uri_reference
from claimcheck.results import STDIN_ORIGIN

SRCROOT = "SRCROOT"
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")  # as inputs: any scheme is a URL


def file_uri(path: PurePath) -> str:
    """An absolute path as a ``file:`` URI (``file:///home/a%20b.txt``)."""
    posix = path.as_posix()
    return "file://" + percent_encoded(posix if posix.startswith("/") else "/" + posix)


@dataclass(frozen=True)
class Places:
    """Artifact locations relative to ``root`` (an absolute directory)."""

    root: Path

    @classmethod
    def here(cls) -> Places:
        """Places relative to the current directory."""
        return cls(Path.cwd())

    def base_ids(self) -> dict[str, ArtifactLocation]:
        """The run's ``originalUriBaseIds``: SRCROOT is the root, with a final slash."""
        return {SRCROOT: ArtifactLocation(uri=file_uri(self.root).rstrip("/") + "/")}

    def location(self, origin: str) -> ArtifactLocation:
        """The artifactLocation of an input named ``origin``."""
        if origin == STDIN_ORIGIN or _URL.match(origin):
            return ArtifactLocation(uri=uri_reference(origin))
        path = Path(os.path.normpath(self.root / origin))  # "..", not symlinks, resolved
        try:
            relative = path.relative_to(self.root)
        except ValueError:
            return ArtifactLocation(uri=file_uri(path))
        return ArtifactLocation(uri=percent_encoded(relative.as_posix()), uri_base_id=SRCROOT)
