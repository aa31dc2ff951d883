"""Apply the sentence model to a document's claim triggers: veto weak ones, promote evidence.

``ClaimContext`` hands over the triggers it kept per sentence (after boilerplate, disclaimers,
navigation and scare quotes were taken out); this returns the triggers to judge. See
``sentence_model.py`` for what the model is and how it is trained.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence

from spacy.tokens import Doc, Span

from claimcheck.nlp.components import BLOCKS_KEY, MODS_KEY
from claimcheck.nlp.scope import Intervals, Sentences
from claimcheck.nlp.sentence_model import (
    CLASSES_KEY,
    MODEL_PATTERN,
    SentenceModel,
    health_classes,
    sentence_features,
)
from claimcheck.nlp.terms import is_health_document
from claimcheck.nlp.triggers import to_term_end

# nor negated wordings: they are recorded with their cue and never flagged, whatever the model says
_NEGATING = frozenset({"negation", "rebuttal"})
_SOURCE_TYPES = frozenset({"url", "doi", "pmid", "citation-marker", "author-year", "named-study",
                           "named-organisation"})  # fmt: skip
_CAVEAT_TYPES = frozenset(
    {"hedge", "evidential", "limitation", "risk-disclosure", "consult-professional"}
)
_SHORT_LINE = 8  # words: a heading or list item this short is reported whole
_REACH = 6  # tokens from an effect word to the health term it acts on, for the trigger


def document_features(
    doc: Doc,
    model: SentenceModel,
    sents: Sentences,
    rule_triggers: Sequence[Span],
    wanted: Callable[[int, int], bool] | None = None,
    mods: Mapping[int, list[str]] | None = None,
) -> dict[int, tuple[frozenset[str], list[str]]]:
    """(features, word-class names) by sentence index of a processed document: of every
    sentence, or of those ``wanted(index, word-class bit mask)`` accepts (features cost more
    than masks); ``rule_triggers`` are the rulers' and shapes' claim spans, before judgement;
    ``mods`` the modifier types by sentence (``modifier_types``), when already read."""
    masks: list[int] = doc.user_data.get(CLASSES_KEY) or [0] * len(doc)
    raw: dict[int, list[tuple[str, str]]] = {}
    for span in rule_triggers:
        raw.setdefault(sents.index(span.start), []).append((span.id_, span.label_))
    if mods is None:
        mods = modifier_types(doc, sents)
    blocks = doc.user_data.get(BLOCKS_KEY, ())
    block_starts = [b[0] for b in blocks]
    page = _page_features(mods, len(sents.bounds))
    if is_health_document(doc):
        page.add("health")
    unions = []
    for start, end in sents.bounds:
        union = 0
        for m in masks[start:end]:
            union |= m
        unions.append(union)
    named: dict[int, list[str]] = {}  # class names by mask: sentences repeat the same masks

    def classes(mask: int) -> list[str]:
        found = named.get(mask)
        if found is None:
            found = named[mask] = model.classes(mask)
        return found

    out = {}
    for si, (start, end) in enumerate(sents.bounds):
        if wanted is not None and not wanted(si, unions[si]):
            continue
        names = classes(unions[si])
        char = doc[start].idx if start < len(doc) else 0
        b = bisect.bisect_right(block_starts, char) - 1
        role = blocks[b][2] if b >= 0 and char < blocks[b][1] else "none"
        context = set(page)
        if si > 0:  # what the sentence before holds: a claim often continues one
            context.update(f"pc:{n}" for n in classes(unions[si - 1]))
            context.update(f"pk:{k}" for _p, k in raw.get(si - 1, ()))
        feats = sentence_features(doc, start, end, names, raw.get(si, []), mods.get(si, []),
                                  role, context)  # fmt: skip
        out[si] = (feats, names)
    return out


def modifier_types(doc: Doc, sents: Sentences) -> dict[int, list[str]]:
    """The types of the modifiers starting in each sentence, by sentence index."""
    out: dict[int, list[str]] = {}
    for span in doc.spans.get(MODS_KEY, ()):
        out.setdefault(sents.index(span.start), []).append(span.label_)
    return out


def _page_features(mods: Mapping[int, list[str]], n_sentences: int) -> set[str]:
    """Features of the whole page: whether many of its sentences cite a source or hedge (a
    careful page words its claims with care, so its remaining triggers are weaker evidence)."""
    out = set()
    n = max(1, n_sentences)
    if sum(1 for labels in mods.values() if _SOURCE_TYPES.intersection(labels)) / n > 0.08:
        out.add("page:sourced")
    if sum(1 for labels in mods.values() if _CAVEAT_TYPES.intersection(labels)) / n > 0.1:
        out.add("page:hedged")
    return out


def apply_model(
    doc: Doc,
    model: SentenceModel,
    sents: Sentences,
    rule_triggers: Sequence[Span],
    triggers: Mapping[int, list[Span]],
    blocked: Intervals,
    unvetoed: frozenset[str] = frozenset(),
) -> dict[int, list[Span]]:
    """The triggers to judge: kept ones the model does not veto, plus promoted sentences.

    Triggers of the ``unvetoed`` kinds stay whatever the model says: the science-register
    layer (``science: true`` kinds) is measured on its own data (bench/causal_language.py),
    not on the consumer-health annotation the model learnt."""
    raw = {sents.index(s.start) for s in rule_triggers}
    mods = modifier_types(doc, sents)
    negated = {si for si, types in mods.items() if _NEGATING.intersection(types)}
    health = is_health_document(doc)
    effect = model.effect_mask

    def wanted(si: int, union: int) -> bool:
        # a promoted sentence needs an effect word: a health object alone ("cups placed on
        # the skin") describes, it does not claim
        return si in triggers or (si not in raw and bool(union & effect))

    out: dict[int, list[Span]] = {}
    features = document_features(doc, model, sents, rule_triggers, wanted, mods)
    for si, (feats, names) in sorted(features.items()):
        if si in triggers:
            kept = triggers[si]
            if si not in negated and model.score(feats) < model.veto_below:
                # science-register and negated wordings stay
                kept = [t for t in kept if t.label_ in unvetoed]
            if kept:
                out[si] = kept
            continue
        # else the rules saw no wording here, and there is evidence
        if not (health or health_classes(names)) or model.score(feats) < model.promote_at:
            continue
        span = _evidence_span(doc, model, sents.bounds[si], names)
        if span is not None and not blocked.overlaps(span.start, span.end):
            out[si] = [span]
    return out


def _evidence_span(
    doc: Doc, model: SentenceModel, bounds: tuple[int, int], names: list[str]
) -> Span | None:
    """The promoted claim's trigger: its first effect word, up to the health term it acts
    on when one follows closely; labelled with the kind the sentence's classes suggest. A
    heading or list item of a few words is its own trigger ("The Amazing Benefits of X")."""
    masks: list[int] = doc.user_data.get(CLASSES_KEY) or []
    evidence, weak, health = model.effect_mask, model.weak_effect_mask, model.health_mask
    start, end = bounds
    # the trigger starts at the first effect word, a verb of acting on health ("fade",
    # "ease") before one of looking or doing ("look", "walk") when the sentence has both
    first = next((k for k in range(start, end) if masks[k] & evidence & ~weak), None)
    if first is None:
        first = next((k for k in range(start, end) if masks[k] & evidence), None)
    if first is None:
        return None
    kind = model.promoted_kind(names)
    words = [k for k in range(start, end) if not (doc[k].is_space or doc[k].is_punct)]
    if len(words) <= _SHORT_LINE:
        return Span(doc, words[0], words[-1] + 1, label=kind, span_id=MODEL_PATTERN)
    last = next((k for k in range(first, min(end, first + _REACH)) if masks[k] & health), first)
    span = Span(doc, first, last + 1, label=kind, span_id=MODEL_PATTERN)
    return to_term_end(doc, span)
