"""claimcheck: checks health articles for unsupported medical claims and template boilerplate.

The library API::

    import claimcheck

    result = claimcheck.check_text("Cupping cures back pain.", format="text")
    for finding in result.findings:
        print(finding.rule, finding.line, finding.message)

``check_text``, ``check_file``, ``Linter`` and ``CheckOptions`` check; ``FileResult``,
``Finding``, ``Claim``, ``Modifier`` and ``Severity`` are what they return. They are loaded on
first use, so ``import claimcheck`` (and the CLI's start) does not load spaCy.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from claimcheck.version import __version__

logging.getLogger(__name__).addHandler(logging.NullHandler())

if TYPE_CHECKING:
    from claimcheck.api import CheckOptions as CheckOptions
    from claimcheck.api import Linter as Linter
    from claimcheck.api import check_file as check_file
    from claimcheck.api import check_text as check_text
    from claimcheck.claims import Claim as Claim
    from claimcheck.claims import Modifier as Modifier
    from claimcheck.findings import Finding as Finding
    from claimcheck.findings import Severity as Severity
    from claimcheck.results import FileResult as FileResult

_EXPORTS = {
    "check_text": "claimcheck.api", "check_file": "claimcheck.api", "Linter": "claimcheck.api",
    "CheckOptions": "claimcheck.api", "FileResult": "claimcheck.results",
    "Finding": "claimcheck.findings", "Severity": "claimcheck.findings",
    "Claim": "claimcheck.claims", "Modifier": "claimcheck.claims",
}  # fmt: skip

__all__ = [
    "CheckOptions", "Claim", "FileResult", "Finding", "Linter", "Modifier", "Severity",
    "__version__", "check_file", "check_text",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    """Load an exported name from its module on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
