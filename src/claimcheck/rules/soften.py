"""Rewrite claim wording as a hedged suggestion ("dramatically enhance X" -> "may improve X")."""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc

from claimcheck.claims import Claim

SKIP_LEADING = frozenset(
    {"also", "really", "truly", "actually", "even", "greatly", "help", "helps", "to"}
)


VERB_AFTER = frozenset(
    {",", "and", "or", "to", "also", ";", "turn", "then", "can", "helps", "help"}
)


def soften(doc: Doc, claim: Claim, softeners: Mapping[str, str]) -> tuple[str, str]:
    """Return (hedged, bare) rewordings of the claim's trigger text.

    Intensifiers are dropped; claim verbs (the first word, or one after "and", "to", ",")
    take their base form, strong ones swapped for modest ones (``softeners`` in claims.yml).
    The hedged form reads "may <verb> ... for some people"; without a verb it falls back to
    "may help some people".
    """
    drop = {(m.start, m.end) for m in claim.intensifiers}
    words: list[str] = []
    verb_seen = False
    prev = ""
    for token in doc[claim.trigger_token_start : claim.trigger_token_end]:
        if any(s <= token.idx < e for s, e in drop):
            continue
        if not words and token.lower_ in SKIP_LEADING:
            continue
        verbal = not words or prev in VERB_AFTER
        if prev == "\0" and token.lower_ in ("for", "of"):
            continue  # "cure for X" -> "help with X"
        if verbal and token.lemma_ in softeners:
            words.append(softeners[token.lemma_])
            verb_seen = True
            if softeners[token.lemma_].endswith(" with"):
                prev = "\0"
                words.append(token.whitespace_)
                continue
        elif not words and token.lemma_ != token.lower_ and token.lower_.endswith(("s", "ed")):
            words.append(token.lemma_)  # "draws toxins" -> "may draw toxins"
            verb_seen = True
        else:
            words.append(token.text)
        words.append(token.whitespace_)
        prev = token.lower_
    bare = "".join(words).strip()
    if not verb_seen:
        return "may help some people", bare
    return f"may {bare} for some people", bare
