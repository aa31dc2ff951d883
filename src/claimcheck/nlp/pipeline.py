"""Build the spaCy pipeline once per rule set: blank English plus rule components."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, cast

import spacy
from spacy.attrs import LOWER  # type: ignore[import-not-found]  # Cython, no stubs
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span

from claimcheck.errors import LexiconError
from claimcheck.lexicon.compile import (
    all_patterns,
    claim_patterns,
    modifier_patterns,
    rule_patterns,
)
from claimcheck.lexicon.loader import default_lexicon_dir
from claimcheck.lexicon.model import RuleSet
from claimcheck.nlp.components import (
    MODS_KEY,
    TERM_ATTR,
    BlockSentences,
    LowerLemmas,
    RegexModifiers,
)
from claimcheck.nlp.context import CLAIMS_KEY, RULE_HITS_KEY, ClaimContext
from claimcheck.nlp.flags import LexemeFlags, WordTest, lemma_table
from claimcheck.nlp.fold import folded_lower
from claimcheck.nlp.gate import GatedMatcher
from claimcheck.nlp.phrases import phrase_words
from claimcheck.nlp.sentence_model import MODEL_FILE, SentenceModel
from claimcheck.nlp.shapes import ClaimShapes
from claimcheck.nlp.terms import HealthTerms

log = logging.getLogger(__name__)


class _Holder:
    """A pipeline component whose real implementation is set after construction.

    spaCy factories take only config values; rule data stays out of the config and is
    handed over by :func:`build_nlp` (spaCy's "data in initialize, not in config" advice).
    """

    def __init__(self) -> None:
        self.impl: Any = None

    def __call__(self, doc: Any) -> Any:
        """Run the configured implementation."""
        return self.impl(doc)


for _name in ("claimcheck_blocks", "claimcheck_lemmas", "claimcheck_terms",
              "claimcheck_shapes", "claimcheck_regex", "claimcheck_context"):  # fmt: skip
    if _name not in Language.factories:
        Language.factory(_name)(lambda nlp, name: _Holder())


def build_nlp(ruleset: RuleSet, use_model: bool = True) -> Language:
    """Create the pipeline: tokenizer, block-aware sentences, lemmas, rulers, ConText."""
    nlp = spacy.blank("en")
    # LOWER folds homoglyphs: lemmas, terms and patterns see "reverse" where Cyrillic letters
    # stand in for Latin ones
    cast(Any, nlp.vocab).lex_attr_getters[LOWER] = folded_lower
    for lexeme in nlp.vocab:  # entries made before the getter (tokenizer exceptions, curly n't)
        lexeme.lower_ = folded_lower(lexeme.orth_)
    tokenizer: Any = nlp.tokenizer  # spacy.tokenizer is Cython, without type stubs
    for abbreviation in ruleset.abbreviations:  # "et al." must not end a sentence
        for form in {abbreviation, abbreviation.capitalize()}:
            tokenizer.add_special_case(form, [{"ORTH": form}])
    _add_holder(nlp, "claimcheck_blocks", BlockSentences())  # sentence starts
    lemmas = lemma_table(ruleset.lemma_overrides)  # one table for the lemmatizer and LEMMA flags
    _add_holder(nlp, "claimcheck_lemmas", LowerLemmas(lemmas))
    words = phrase_words  # terms tokenized on a vocabulary of their own (nlp/phrases.py)
    _add_holder(nlp, "claimcheck_terms", HealthTerms(ruleset.terms, words, lemmas))
    patterns = (p["pattern"] for _, p in all_patterns(ruleset))
    flags = LexemeFlags(nlp.vocab, patterns, lemmas)
    _ruler(nlp, "cc_claim_ruler", CLAIMS_KEY, claim_patterns(ruleset), flags)
    _ruler(nlp, "cc_modifier_ruler", MODS_KEY, modifier_patterns(ruleset), flags)
    _add_holder(nlp, "claimcheck_regex", RegexModifiers(ruleset.modifiers))
    patterns_of_rules = rule_patterns(ruleset)
    if patterns_of_rules:
        _ruler(nlp, "cc_rule_ruler", RULE_HITS_KEY, patterns_of_rules, flags)
    # shapes run after the rulers: claim shapes add to the claim triggers, boilerplate shapes
    # to the rule ruler's hits
    shapes = ClaimShapes(ruleset.claim_shapes, ruleset.framed_lists, ruleset.word_classes,
                         ruleset.clause_breaks, ruleset.shape_negators, lemmas, words,
                         CLAIMS_KEY, RULE_HITS_KEY)  # fmt: skip
    _add_holder(nlp, "claimcheck_shapes", shapes)
    model = sentence_model(ruleset, shapes.masks.bit) if use_model else None
    _add_holder(nlp, "claimcheck_context", ClaimContext(ruleset, model))
    return nlp


def sentence_model(ruleset: RuleSet, bits: dict[str, int]) -> SentenceModel | None:
    """The packs' sentence model (the last pack that has one) bound to the pipeline's word
    classes; None when no pack has one."""
    dirs = [Path(d) for d in ruleset.directories] or [default_lexicon_dir()]
    path = next((d / MODEL_FILE for d in reversed(dirs) if (d / MODEL_FILE).is_file()), None)
    return SentenceModel.load(path).with_classes(bits) if path is not None else None


def _add_holder(nlp: Language, name: str, impl: Any) -> None:
    """Add a ``_Holder`` component and give it its implementation."""
    cast(_Holder, nlp.add_pipe(name)).impl = impl  # the factories above make only _Holders


class CheckedSpanRuler(SpanRuler):
    """A SpanRuler whose patterns may start with a shared lexeme flag (``LexemeFlags``).

    Such a pattern is added under an internal id of its own, listed in ``first_checks`` with
    its public id and the exact tests of its first step; its matches count only if their first
    token passes them, and get the public id back. The result is what the original patterns
    give.
    """

    first_checks: dict[str, tuple[str, list[WordTest]]]
    gated: GatedMatcher  # the token patterns (``self.matcher`` stays empty)

    def match(self, doc: Doc) -> list[Span]:
        """The ruler's matches, with the first steps of shared-flag patterns checked."""
        labels = self._match_label_id_map
        spans = sorted({
            Span(doc, start, end, label=labels[key]["label"], span_id=labels[key]["id"])
            for key, start, end in (*self.gated(doc), *self.phrase_matcher(doc))
            if start != end
        })  # fmt: skip
        checks = self.first_checks
        if not checks or not any(s.id_ in checks for s in spans):
            return spans
        kept = set()
        for span in spans:
            check = checks.get(span.id_)
            if check is None:
                kept.add(span)
                continue
            public, tests = check
            text = doc[span.start].text
            if all(test(text) for test in tests):
                kept.add(Span(doc, span.start, span.end, label=span.label, span_id=public))
        return sorted(kept)


def _ruler(
    nlp: Language,
    name: str,
    key: str,
    patterns: list[tuple[str, dict[str, Any]]],
    flags: LexemeFlags,
) -> None:
    """Add a SpanRuler writing to ``doc.spans[key]``; bad patterns name their origin."""
    ruler: SpanRuler = nlp.add_pipe(  # type: ignore[assignment]
        "span_ruler", name=name,
        config={"spans_key": key, "phrase_matcher_attr": "LOWER", "validate": False,
                "overwrite": True},
    )  # fmt: skip
    ruler.__class__ = CheckedSpanRuler  # same state; only ``match`` differs
    checks: dict[str, tuple[str, list[WordTest]]] = {}
    cast(CheckedSpanRuler, ruler).first_checks = checks
    gated = GatedMatcher(nlp.vocab, flags.flag_words())
    cast(CheckedSpanRuler, ruler).gated = gated
    for origin, pattern in patterns:
        try:
            native, tests = _native(pattern, flags)
            if tests:
                public = str(pattern.get("id", ""))
                native["id"] = f"{public}\x1f{len(checks)}"
                checks[native["id"]] = (public, tests)
            if isinstance(native["pattern"], str):
                ruler.add_patterns([native])
                continue
            key = repr((native["label"], native.get("id", "")))  # as SpanRuler keys matches
            ruler._match_label_id_map[nlp.vocab.strings.add(key)] = {
                "label": native["label"], "id": native.get("id", "")}
            gated.add(key, native["pattern"])
            ruler._patterns.append(native)
        except (ValueError, KeyError, TypeError) as exc:
            raise LexiconError(f"{origin}: invalid pattern ({str(exc).splitlines()[0]})") from exc


def _native(
    pattern: dict[str, Any], flags: LexemeFlags
) -> tuple[dict[str, Any], list[WordTest]]:
    """The pattern with lexeme-level predicates as flags and extensions tested lazily.

    Also the exact tests of first-step predicates compiled to a shared flag (see
    ``CheckedSpanRuler``).
    """
    pattern = _native_terms(pattern)
    tokens = pattern["pattern"]
    if isinstance(tokens, str):
        return pattern, []
    rewritten, tests = flags.rewrite(tokens)
    return {**pattern, "pattern": rewritten}, tests


def _native_terms(pattern: dict[str, Any]) -> dict[str, Any]:
    """Test ``{"_": {"cc_term": ...}}`` on its native mirror ``TERM_ATTR``: same matches, faster.

    spaCy's Matcher reads an extension attribute through a new ``Underscore`` object per token
    (Python calls); ``HealthTerms`` writes the same value to a native token attribute, which
    the Matcher compares in C (a set test stays a predicate, evaluated only where a partial
    match reaches the token). Other extension attributes are tested as written.
    """
    tokens = pattern["pattern"]
    if isinstance(tokens, str):
        return pattern
    out = []
    for tok in tokens:
        ext = tok.get("_")
        if isinstance(ext, dict) and "cc_term" in ext and TERM_ATTR not in tok:
            rest = {k: v for k, v in ext.items() if k != "cc_term"}
            tok = {k: v for k, v in tok.items() if k != "_"} | {TERM_ATTR: ext["cc_term"]}
            if rest:
                tok["_"] = rest
        out.append(tok)
    return {**pattern, "pattern": out}
