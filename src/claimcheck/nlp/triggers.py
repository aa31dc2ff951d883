"""Choosing the wording a claim finding points at, among overlapping trigger matches."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from spacy.tokens import Doc, Span

from claimcheck.nlp.scope import Intervals


def innermost(spans: Iterable[Span]) -> list[Span]:
    """The tightest trigger wording: per start token and kind the longest match ("cure for
    migraines", not "cure for"); then drop a match that starts earlier around another
    ("works to enhance blood flow" around "enhance blood flow")."""
    longest: dict[tuple[int, str], Span] = {}
    for s in spans:
        s = trim_punct(s)
        key = (s.start, s.label_)
        if key not in longest or s.end > longest[key].end:
            longest[key] = s
    kept = sorted(longest.values(), key=lambda s: (s.start, s.end))
    return [s for i, s in enumerate(kept) if not _holds_later(kept, i)]


def _holds_later(kept: list[Span], i: int) -> bool:
    """Whether a span after ``kept[i]`` (sorted by start) lies inside it; indexes rather than
    slices the list, so a sentence of thousands of matches stays linear."""
    s = kept[i]
    for j in range(i + 1, len(kept)):  # only spans starting inside s can lie inside it
        o = kept[j]
        if o.start >= s.end:
            return False
        if s.start < o.start and o.end <= s.end:
            return True
    return False


def covered_causal(
    spans: list[Span], generic: frozenset[str], science: frozenset[str]
) -> list[Span]:
    """Drop generic wording (``generic`` kinds) that overlaps a consumer-health trigger (a kind
    neither generic nor ``science``): "strengthens" adds nothing to "strengthens your immune
    system" (efficacy). Other science wording (association) is kept."""
    specific = Intervals.of(s for s in spans if s.label_ not in generic | science)
    return [s for s in spans if s.label_ not in generic or not specific.overlaps(s.start, s.end)]


def apply_pattern_context(
    spans: Iterable[Span], lead: Mapping[str, int], not_after: Mapping[str, frozenset[str]]
) -> list[Span]:
    """Apply each match's pattern context: drop it when the word before it is one of the
    pattern's ``not_after`` words; cut its left context (``lead`` tokens) off the trigger."""
    out = []
    for s in spans:
        banned = not_after.get(s.id_)
        if banned and s.start > 0 and s.doc[s.start - 1].lower_ in banned:
            continue
        n = lead.get(s.id_, 0)
        out.append(Span(s.doc, s.start + n, s.end, label=s.label, span_id=s.id) if n else s)
    return out


def trim_punct(span: Span) -> Span:
    """Drop trailing punctuation that a pattern anchored on ("... blood flow." -> "blood flow")."""
    end = span.end
    while end - span.start > 1 and span.doc[end - 1].is_punct:
        end -= 1
    if end == span.end:
        return span
    return Span(span.doc, span.start, end, label=span.label, span_id=span.id)


def to_term_end(doc: Doc, span: Span) -> Span:
    """Extend a trigger ending inside a health term to the term's end ("range" + "of motion")."""
    end = span.end
    term = doc[end - 1]._.cc_term
    while term and end < len(doc) and doc[end]._.cc_term == term:
        end += 1
    if end == span.end:
        return span
    return Span(doc, span.start, end, label=span.label, span_id=span.id)
