"""SARIF ``partialFingerprints`` that survive edits elsewhere in the file.

A finding is identified by its rule, its text normalised (lower case, whitespace collapsed)
and its occurrence among the findings of that rule with that text in the same input, so
lines added above it, re-wrapped paragraphs or a changed letter case keep the fingerprint,
and two identical sentences still get two.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence

from claimcheck.findings import Finding

KEY = "claimcheckFinding/v1"  # versioned, as SARIF 2.1.0 §3.27.17 recommends


def normalised(text: str) -> str:
    """``text`` lower-cased with runs of whitespace made one space."""
    return " ".join(text.lower().split())


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """One fingerprint per finding of one input, in the same order."""
    seen: Counter[tuple[str, str]] = Counter()
    found = []
    for f in findings:
        key = (f.rule, normalised(f.text))
        occurrence = seen[key]
        seen[key] += 1
        framed = json.dumps([*key, occurrence], ensure_ascii=True)  # unambiguous hash input
        found.append(hashlib.sha256(framed.encode("ascii")).hexdigest()[:32])
    return found
