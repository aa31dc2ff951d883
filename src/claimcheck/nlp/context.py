"""ConText-style linking of modifiers (hedges, caveats, sources, negation) to claim triggers.

After Harkema et al. (2009) and medspaCy's ``ConText``: each modifier has a direction, a scope
and an optional token limit; terminators cut the scope of some types; pseudo-triggers and
overlaps prune false cues. Claim triggers in one sentence are merged into one :class:`Claim`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span

from claimcheck.claims import Claim, DocAnalysis, Modifier
from claimcheck.lexicon.model import OVERLAP_ALLOWED, ModifierGroup, RuleSet
from claimcheck.nlp.clauses import Subclauses
from claimcheck.nlp.components import (
    BLOCKS_KEY,
    LINKS_KEY,
    MODS_KEY,
    doc_text,
    sentence_table,
)
from claimcheck.nlp.mentions import navigation_trails, scare_quoted
from claimcheck.nlp.model_gate import apply_model
from claimcheck.nlp.reach import FLAG_TYPES, judge
from claimcheck.nlp.scope import Intervals, Linker, Mod, Sentences, by_sentence
from claimcheck.nlp.sentence_model import MODEL_PATTERN, SentenceModel
from claimcheck.nlp.terms import HEALTH_TYPES, is_health_document
from claimcheck.nlp.triggers import apply_pattern_context, covered_causal, innermost, to_term_end

CLAIMS_KEY = "cc_claims"
RULE_HITS_KEY = "cc_rule_hits"
_LINK_GROUP = ModifierGroup(id="link", type="link", direction="bidirectional", phrases=("<a>",))

if not Doc.has_extension("cc_context"):
    Doc.set_extension("cc_context", default=None)


_CLAUSE_BOUND = frozenset({"hedge", "purpose"})  # modifier types that stay in their clause


class ClaimContext:
    """The ``claimcheck_context`` component: sets ``doc._.cc_context`` to a DocAnalysis."""

    def __init__(self, ruleset: RuleSet, model: SentenceModel | None = None) -> None:
        self.ruleset = ruleset
        self.model = model
        self.strength = {p.name: p.strength for p in ruleset.claim_patterns}
        self.lead = {p.name: p.lead for p in ruleset.claim_patterns if p.lead}
        self.not_after = {p.name: p.not_after for p in ruleset.claim_patterns if p.not_after}
        self.headings = frozenset(h.lower() for h in ruleset.reference_headings)
        self.kinds = ruleset.kind_names  # by priority
        self.absolute_kinds = ruleset.kinds_where(absolute=True)
        self.figure_kinds = ruleset.kinds_where(effect=False)
        self.generic_kinds = ruleset.kinds_where(generic=True)
        self.science_kinds = ruleset.kinds_where(science=True)
        self.subclauses = Subclauses(frozenset(ruleset.fronted_subordinators),
                                     frozenset(ruleset.following_subordinators))  # fmt: skip

    def __call__(self, doc: Doc) -> Doc:
        """Link modifiers to claims and store the result on the doc."""
        sents = sentences_of(doc)
        mods = self._modifiers(doc)
        pseudo = [m for m in mods if m.group.type == "pseudo"]
        in_pseudo = Intervals.of(pseudo)
        mods = [
            m for m in mods if m.group.type == "pseudo" or not in_pseudo.overlaps(m.start, m.end)
        ]
        terminators = sorted(m.start for m in mods if m.group.direction == "terminate")
        has_refs = self._has_reference_list(doc)
        boiler = [(s.start, s.end) for s in _spans(doc, RULE_HITS_KEY) if s.label_ == "boilerplate"]
        disclaimers = [m for m in mods if m.group.type == "generic-disclaimer"]
        boiler_at = Intervals(boiler)
        mods = [m for m in mods if not boiler_at.overlaps(m.start, m.end)]
        blocked = boiler + [(m.start, m.end) for m in (*pseudo, *disclaimers)]
        blocked += navigation_trails(doc, sents.bounds)  # site navigation, not the page's text
        blocked_at = Intervals(blocked)
        quoted = Intervals(scare_quoted(doc))  # a wording starting in scare quotes is shown
        triggers: dict[int, list[Span]] = {}  # sentence index -> claim triggers
        matches = apply_pattern_context(_spans(doc, CLAIMS_KEY), self.lead, self.not_after)
        effects = {sents.index(m.start) for m in matches if m.label_ not in self.figure_kinds}
        for trig in covered_causal(innermost(matches), self.generic_kinds, self.science_kinds):
            trig = to_term_end(doc, trig)
            if not blocked_at.overlaps(trig.start, trig.end) and not quoted.contains(trig.start):
                triggers.setdefault(sents.index(trig.start), []).append(trig)
        if self.model is not None and len(doc) >= GATED_LENGTH:
            # on a page, the sentence model vetoes and promotes; it learnt from pages, so a
            # lone sentence or a caption is left to the rules
            triggers = apply_model(doc, self.model, sents, list(_spans(doc, CLAIMS_KEY)),
                                   triggers, blocked_at, self.science_kinds)  # fmt: skip
            effects |= {si for si, ts in triggers.items() if ts[0].id_ == MODEL_PATTERN}
        linker = Linker(sents, terminators)
        if len(doc) >= GATED_LENGTH and not is_health_document(doc):
            # in a page not about health, a claim names a health topic or treatment ("safe to
            # touch" on a kettle's page is no claim); a short text cannot tell what it is about
            triggers = {si: ts for si, ts in triggers.items() if _names_health(doc, sents, si)}
        claims = []
        # only modifiers that can change a claim are candidates: a generic disclaimer (block
        # scope) reaches every claim of its block, so a page of them made linking quadratic
        relevant = [m for m in mods if _affects_claim(m.group)]
        near = by_sentence(relevant, sents)
        wide = [m for m in relevant if m.group.scope in ("block", "document")]
        for si in sorted(triggers):
            candidates = near.get(si - 1, []) + near.get(si, []) + near.get(si + 1, []) + wide
            if si not in effects:
                continue  # a figure with no effect claimed ("one in five adults") is no claim
            claim = self._claim(doc, sents, si, triggers[si], candidates, linker, has_refs)
            if claim is not None:
                claims.append(claim)
        records = (_record(m) for m in mods if m.group.type not in ("pseudo", "terminate"))
        effective = tuple({(r.start, r.end, r.type): r for r in records}.values())  # once each
        sourced = frozenset(
            sents.bounds[sents.index(m.start)] for m in mods
            if m.group.family == "source" and _counts(m, has_refs)
        )  # fmt: skip
        sourced_chars = frozenset(
            (doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in sourced
        )
        doc._.cc_context = DocAnalysis(tuple(claims), effective, sourced_chars, has_refs)
        return doc

    def _claim(
        self,
        doc: Doc,
        sents: Sentences,
        si: int,
        triggers: list[Span],
        mods: list[Mod],
        linker: Linker,
        has_refs: bool,
    ) -> Claim | None:
        """Judge one sentence's triggers; None when it is no claim (question, purpose)."""
        s_start, s_end = sents.bounds[si]
        sentence = doc[s_start:s_end]
        if sentence.text.rstrip().rstrip(_CLOSERS).endswith("?"):
            return None
        # a cue inside a claim wording of the sentence belongs to that wording: the "side
        # effects" of "no side effects" is no risk disclosure for "completely safe". Generic
        # causal wording keeps its cues: "can cause soreness" is still a risk disclosure.
        owners = Intervals.of(t for t in triggers if t.label_ not in self.generic_kinds)
        mods = [
            m for m in mods
            if m.group.type in OVERLAP_ALLOWED
            or not owners.overlaps(m.start, m.end)
        ]  # fmt: skip
        mods = self._in_claim_clauses(sentence, triggers, mods)
        judged = judge(linker, si, triggers, mods)
        if judged is None:
            return None
        return self._build(
            doc, sentence, judged.triggers, list(judged.linked), judged.negated, has_refs
        )

    def _in_claim_clauses(
        self, sentence: Span, triggers: Sequence[Span], mods: list[Mod]
    ) -> list[Mod]:
        """Drop the sentence's hedges and purpose cues that sit in a clause holding none of
        the triggers of its first claim kind (the wording the claim is judged by): "If taken
        early, ginger may reduce nausea" is a claim, "Although X may ..., Y reduces Z" an
        unhedged one."""
        start, end = sentence.start, sentence.end
        inside = [m for m in mods if m.group.type in _CLAUSE_BOUND and start <= m.start < end]
        if not inside:
            return mods
        region = self.subclauses.regions([t.lower_ for t in sentence])
        labels = {t.label_ for t in triggers}
        top = next((k for k in self.kinds if k in labels), None)
        claimed = {  # a trigger belongs to the clause of its last word (its verb or object)
            region[t.end - 1 - start] for t in triggers
            if start < t.end <= end and t.label_ == top
        }  # fmt: skip
        away = {id(m) for m in inside if region[m.start - start] not in claimed}
        return [m for m in mods if id(m) not in away] if away else mods

    def _build(
        self,
        doc: Doc,
        sentence: Span,
        trigs: Sequence[Span],
        linked: list[Mod],
        negated: bool,
        has_refs: bool,
    ) -> Claim:
        """Assemble the Claim record for a sentence's (active) triggers."""
        kinds = tuple(k for k in self.kinds if any(t.label_ == k for t in trigs))
        uniq = {(m.start, m.end, m.group.type): m for m in linked}.values()
        lists = _sort_linked(uniq, has_refs)
        absolute = (
            kinds[0] in self.absolute_kinds or bool(lists["intensifier"])
            or any(self.strength.get(t.id_) == "absolute" for t in trigs)
        )  # fmt: skip
        # an evidential frame ("the results indicate that ...") is a caveat, but the claim
        # inside it is worded directly: only a hedge grades it
        hedged = any(m.type == "hedge" for m in lists["caveat"])
        strength = "absolute" if absolute else "hedged" if hedged else "strong"
        support = (
            "sourced" if lists["source"] else "caveated" if lists["caveat"] else "unsupported"
        )
        primary = [t for t in trigs if t.label_ == kinds[0]]  # the finding points at these
        t_start = min(t.start for t in primary)
        t_end = max(t.end for t in primary)
        text = sentence.text.strip()
        lead = len(sentence.text) - len(sentence.text.lstrip())
        start = sentence.start_char + lead
        return Claim(
            start=start, end=start + len(text), text=text, kind=kinds[0], kinds=kinds,
            strength=strength, support=support, negated=negated,
            attributed=bool(lists["vague"] or lists["reported"]),
            trigger_start=doc[t_start].idx, trigger_end=doc[t_end - 1].idx + len(doc[t_end - 1]),
            trigger_token_start=t_start, trigger_token_end=t_end,
            caveats=lists["caveat"], sources=lists["source"], vague=lists["vague"],
            intensifiers=lists["intensifier"],
            negations=_unique_spans(lists["rebuttal"] + lists["negation"]) if negated else (),
        )  # fmt: skip

    def _modifiers(self, doc: Doc) -> list[Mod]:
        """Modifier spans (longest per type where they overlap), plus the hyperlinks.

        The same words found by two groups of one type (a backward and a forward "is
        warranted") are kept once per group: each has its own direction and scope, and which
        one came first would otherwise depend on the order of the groups' ids.
        """
        out: list[Mod] = []
        for s in sorted(_spans(doc, MODS_KEY), key=lambda s: (s.start, -s.end)):
            group = self.ruleset.modifier_group(s.id_)
            if not any(
                o.group.type == group.type and o.start <= s.start < o.end
                and (o.start, o.end) != (s.start, s.end)
                for o in out[-8:]
            ):  # fmt: skip
                out.append(Mod(s.start, s.end, group, s))
        for start, end, _href in doc.user_data.get(LINKS_KEY, ()):
            span = doc.char_span(start, end, label="link", alignment_mode="expand")
            if span is not None and len(span):
                out.append(Mod(span.start, span.end, _LINK_GROUP, span))
        return out

    def _has_reference_list(self, doc: Doc) -> bool:
        """True when a heading or line names a reference list ('References', 'Sources')."""
        text = doc_text(doc)
        for start, end, role in doc.user_data.get(BLOCKS_KEY, ()):
            if role == "heading" and text[start:end].strip().rstrip(":").lower() in self.headings:
                return True
        return any(line.strip().rstrip(":").lower() in self.headings for line in text.splitlines())


_CLOSERS = "\"'\u201d\u2019)]\u00bb"  # a question may end inside quotes or brackets
_NAMES_HEALTH = HEALTH_TYPES | {"treatment"}
GATED_LENGTH = 120  # tokens: shorter texts (a sentence, a caption) are not judged as pages


def sentences_of(doc: Doc) -> Sentences:
    """Sentence bounds and the block each sentence starts in."""
    bounds = sentence_table(doc).tokens
    block_starts = [b[0] for b in doc.user_data.get(BLOCKS_KEY, ())]
    blocks = []
    for i, (s, _e) in enumerate(bounds):
        char = doc[s].idx
        b = bisect.bisect_right(block_starts, char) - 1
        blocks.append(b if block_starts else -1 - i)
    return Sentences([b[0] for b in bounds], bounds, blocks)


def _names_health(doc: Doc, sents: Sentences, si: int) -> bool:
    """Whether sentence ``si`` names a health topic or treatment (not a food or a chemical)."""
    start, end = sents.bounds[si]
    return any(t._.cc_term in _NAMES_HEALTH for t in doc[start:end])


def _unique_spans(mods: tuple[Modifier, ...]) -> tuple[Modifier, ...]:
    """One modifier per text span (a cue can be both a negation and a rebuttal)."""
    seen: dict[tuple[int, int], Modifier] = {}
    for m in mods:
        seen.setdefault((m.start, m.end), m)
    return tuple(sorted(seen.values(), key=lambda m: m.start))


def _spans(doc: Doc, key: str) -> Iterable[Span]:
    """A span group, or nothing when the group is absent."""
    spans: Iterable[Span] = doc.spans.get(key, ())
    return spans


def _counts(m: Mod, has_refs: bool) -> bool:
    """Citation markers count as sources only when the article has a reference list."""
    return has_refs or not m.group.needs_reference_list


def _record(m: Mod) -> Modifier:
    """The public record of a modifier span."""
    return Modifier(m.span.start_char, m.span.end_char, m.span.text, m.group.type)


# the lists of a claim's linked modifiers: by family, or by type for the types kept apart
_LINKED = ("caveat", "source", "vague", "intensifier", "reported", "negation", "rebuttal")


def _affects_claim(group: ModifierGroup) -> bool:
    """Whether a modifier of ``group`` can change a claim: a type that negates it or marks a
    purpose, or one ``_sort_linked`` keeps (a generic disclaimer is neither)."""
    return (
        group.type in FLAG_TYPES or group.family in _LINKED or group.type in _LINKED
    )


def _sort_linked(mods: Iterable[Mod], has_refs: bool) -> dict[str, tuple[Modifier, ...]]:
    """Split linked modifiers into caveat, source, vague, intensifier, reported, negation and
    rebuttal."""
    out: dict[str, list[Modifier]] = {k: [] for k in _LINKED}
    for m in sorted(mods, key=lambda m: m.start):
        family = m.group.family
        if family == "source" and not _counts(m, has_refs):
            continue
        key = family if family in out else m.group.type
        if key in out:
            out[key].append(_record(m))
    return {k: tuple(v) for k, v in out.items()}
