"""The checked span ruler: a SpanRuler whose token patterns run gated and flag-compiled.

It is spaCy's ``SpanRuler`` (same spans, same ``spans_key`` handling) with two changes in how
token patterns are matched: lexeme-level predicates are compiled to shared lexeme flags
(``nlp/flags.py``), and token patterns run through a ``GatedMatcher`` (``nlp/gate.py``), only
on the sentences that hold their anchors. Registered as the ``claimcheck_span_ruler`` factory;
``patterns`` picks which of the pack's pattern sets it holds (claim triggers, modifiers, rule
patterns), read from the lexicon at ``initialize`` like every claimcheck component.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span

from claimcheck.errors import LexiconError
from claimcheck.lexicon.compile import (
    Pattern,
    all_patterns,
    claim_patterns,
    modifier_patterns,
    rule_patterns,
)
from claimcheck.lexicon.model import RuleSet
from claimcheck.nlp.components import TERM_ATTR
from claimcheck.nlp.flags import LexemeFlags, WordTest, lemma_table, settle
from claimcheck.nlp.fold import fold_vocab
from claimcheck.nlp.gate import GatedMatcher
from claimcheck.nlp.rulesource import RuleBound

# the pattern sets a ruler can hold (its ``patterns`` setting)
PATTERN_SETS: dict[str, Callable[[RuleSet], list[Pattern]]] = {
    "claims": claim_patterns,
    "modifiers": modifier_patterns,
    "rules": rule_patterns,
}


class CheckedSpanRuler(RuleBound, SpanRuler):
    """A SpanRuler whose patterns may start with a shared lexeme flag (``LexemeFlags``).

    Such a pattern is added under an internal id of its own, listed in ``first_checks`` with
    its public id and the exact tests of its first step; its matches count only if their first
    token passes them, and get the public id back. The result is what the original patterns
    give.
    """

    # every pattern of the pack decides the flags, so a saved ruler keeps them all
    fields = ("rules", "claim_patterns", "modifiers", "lemma_overrides")

    def __init__(
        self,
        nlp: Language,
        name: str = "claimcheck_span_ruler",
        *,
        spans_key: str,
        patterns: str,
    ) -> None:
        if patterns not in PATTERN_SETS:
            known = ", ".join(PATTERN_SETS)
            raise ValueError(f"{name}: 'patterns' must be one of {known}, not {patterns!r}")
        if not any("token.lemma" in nlp.get_pipe_meta(n).assigns for n in nlp.pipe_names):
            raise ValueError(f"{name}: the patterns test lemmas; add claimcheck_lemmas (or "
                             "another lemmatizer) to the pipeline before the ruler")  # fmt: skip
        super().__init__(nlp, name, spans_key=spans_key, phrase_matcher_attr="LOWER",
                         validate=False, overwrite=True)  # fmt: skip
        fold_vocab(nlp.vocab)
        self.pattern_set = patterns
        self.first_checks: dict[str, tuple[str, list[WordTest]]] = {}
        self.gated = GatedMatcher(nlp.vocab, {})  # token patterns (``self.matcher`` stays empty)

    def __call__(self, doc: Doc) -> Doc:
        """Add the matches to ``doc.spans[spans_key]`` (loading the lexicon on first use if the
        ruler was never initialized)."""
        if self.rules is None:
            self.initialize()
        return super().__call__(doc)

    def setup(self, ruleset: RuleSet, nlp: Language | None, saved: Any) -> None:
        """Compile this ruler's pattern set; bad patterns name their origin."""
        self.clear()
        self._match_label_id_map = {}
        vocab = self.nlp.vocab
        lemmas = lemma_table(ruleset.lemma_overrides)
        flags = LexemeFlags(vocab, (p["pattern"] for _, p in all_patterns(ruleset)), lemmas)
        checks: dict[str, tuple[str, list[WordTest]]] = {}
        self.first_checks = checks
        gated = self.gated = GatedMatcher(vocab, flags.flag_words())
        for origin, pattern in PATTERN_SETS[self.pattern_set](ruleset):
            try:
                native, tests = _native(pattern, flags)
                if tests:
                    public = str(pattern.get("id", ""))
                    native["id"] = f"{public}\x1f{len(checks)}"
                    checks[native["id"]] = (public, tests)
                if isinstance(native["pattern"], str):
                    self.add_patterns([native])
                    continue
                key = repr((native["label"], native.get("id", "")))  # as SpanRuler keys matches
                self._match_label_id_map[vocab.strings.add(key)] = {
                    "label": native["label"], "id": native.get("id", "")}
                gated.add(key, native["pattern"])
                self._patterns.append(native)
            except (ValueError, KeyError, TypeError) as exc:
                msg = f"{origin}: invalid pattern ({str(exc).splitlines()[0]})"
                raise LexiconError(msg) from exc

    def match(self, doc: Doc) -> list[Span]:
        """The ruler's matches, with the first steps of shared-flag patterns checked."""
        settle(self.nlp.vocab)  # the lexeme flags of the words new since the last document
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


@Language.factory(
    "claimcheck_span_ruler",
    default_config={"spans_key": "cc_claims", "patterns": "claims"},
    requires=["token.lemma"],
    assigns=["doc.spans"],
)
def make_checked_span_ruler(
    nlp: Language, name: str, spans_key: str, patterns: str
) -> CheckedSpanRuler:
    """The ``claimcheck_span_ruler`` factory."""
    return CheckedSpanRuler(nlp, name, spans_key=spans_key, patterns=patterns)


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
