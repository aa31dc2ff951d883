"""What checking one input produces: a FileResult, including the results of failed inputs.

A plain record on the ground floor, so reporters and the exit-code logic can name it without
importing the engine (spaCy, the pipeline, the rule kinds); ``claimcheck.api`` re-exports it.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field

from claimcheck.claims import Claim
from claimcheck.document import Document, Submission
from claimcheck.errors import InputError
from claimcheck.findings import Finding

__all__ = ["STDIN_ORIGIN", "FileResult", "error_result", "internal_error", "text_digest"]

log = logging.getLogger(__name__)

STDIN_ORIGIN = "<stdin>"  # the origin of '-' without --stdin-filename


@dataclass(frozen=True)
class FileResult:
    """The outcome for one input: findings and claims, or an error naming the reason."""

    origin: str
    findings: tuple[Finding, ...] = ()
    claims: tuple[Claim, ...] = ()
    words: int = 0
    score: int = 0
    error: str | None = None
    skipped: bool = False
    # the checked (extracted) text that offsets point into; kept only for a reporter that
    # shows it (``needs_text``: --format html), so other runs do not carry every article
    text: str | None = field(default=None, repr=False)
    notes: tuple[str, ...] = field(default=())
    # the checked text's content hash (:func:`text_digest`): with the origin, what --resume
    # recognises in an earlier run's output; empty for inputs that could not be read
    digest: str = ""
    submission: Submission | None = None  # who sent it, in a --jsonl batch

    @property
    def asserted_claims(self) -> int:
        """How many claims the document makes (negated ones are not made)."""
        return sum(1 for c in self.claims if not c.negated)

    @property
    def unsupported_claims(self) -> int:
        """How many of its asserted claims have neither a source nor a caveat."""
        return sum(1 for c in self.claims if not c.negated and c.support == "unsupported")


def text_digest(text: str) -> str:
    """A short content hash of a checked text (SHA-256, 16 hex digits)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def internal_error(document: Document, exc: Exception) -> FileResult:
    """A one-line error result for a document that a bug kept from being checked."""
    log.debug("internal error on %s", document.origin, exc_info=True)
    reason = f"internal error while checking ({type(exc).__name__}: {exc}); please report it"
    return FileResult(origin=document.origin, error=reason)


def error_result(error: InputError) -> FileResult:
    """A result for an input that could not be read; skipped inputs are marked as such."""
    skipped = error.reason.startswith("skipped")
    return FileResult(origin=error.origin, error=error.reason, skipped=skipped)
