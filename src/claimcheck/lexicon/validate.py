"""Strict validation of every pattern with spaCy's Matcher schema (``validate=True``)."""

from __future__ import annotations

import spacy
from spacy.errors import MatchPatternError
from spacy.matcher import Matcher

from claimcheck.errors import LexiconError
from claimcheck.lexicon.compile import all_patterns
from claimcheck.lexicon.model import RuleSet

__all__ = ["validate_patterns"]


def validate_patterns(ruleset: RuleSet) -> int:
    """Compile every token pattern with validation; return how many were checked."""
    vocab = spacy.blank("en").vocab
    count = 0
    for origin, entry in all_patterns(ruleset):
        pattern = entry["pattern"]
        if isinstance(pattern, str):
            if not pattern.strip():
                raise LexiconError(f"{origin}: empty phrase")
            continue
        matcher = Matcher(vocab, validate=True)
        try:
            matcher.add("x", [pattern])
        except (MatchPatternError, ValueError, KeyError) as exc:
            raise LexiconError(
                f"{origin}: invalid pattern ({str(exc).strip().splitlines()[-1]})"
            ) from exc
        count += 1
    return count
