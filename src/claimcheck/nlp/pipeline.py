"""Build the spaCy pipeline once per rule set: blank English plus rule components."""

from __future__ import annotations

import logging
from typing import Any

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.pipeline import SpanRuler

from claimcheck.errors import LexiconError
from claimcheck.lexicon.model import RuleSet
from claimcheck.nlp.components import (
    MODS_KEY,
    BlockSentences,
    HealthTerms,
    LowerLemmas,
    RegexModifiers,
)
from claimcheck.nlp.context import CLAIMS_KEY, RULE_HITS_KEY, ClaimContext

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
              "claimcheck_regex", "claimcheck_context"):  # fmt: skip
    if _name not in Language.factories:
        Language.factory(_name)(lambda nlp, name: _Holder())


def build_nlp(ruleset: RuleSet) -> Language:
    """Create the pipeline: tokenizer, block-aware sentences, lemmas, rulers, ConText."""
    nlp = spacy.blank("en")
    for abbreviation in ruleset.abbreviations:  # "et al." must not end a sentence
        for form in {abbreviation, abbreviation.capitalize()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    nlp.add_pipe("claimcheck_blocks").impl = BlockSentences()
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimcheck_lemmas").impl = LowerLemmas(nlp.vocab.strings, ruleset.lemma_overrides)
    nlp.add_pipe("claimcheck_terms").impl = HealthTerms(nlp, ruleset.terms)
    _ruler(nlp, "cc_claim_ruler", CLAIMS_KEY, _claim_patterns(ruleset))
    _ruler(nlp, "cc_modifier_ruler", MODS_KEY, _modifier_patterns(ruleset))
    nlp.add_pipe("claimcheck_regex").impl = RegexModifiers(ruleset.modifiers)
    rule_patterns = _rule_patterns(ruleset)
    if rule_patterns:
        _ruler(nlp, "cc_rule_ruler", RULE_HITS_KEY, rule_patterns)
    nlp.add_pipe("claimcheck_context").impl = ClaimContext(ruleset)
    return nlp


def _ruler(nlp: Language, name: str, key: str, patterns: list[tuple[str, dict[str, Any]]]) -> None:
    """Add a SpanRuler writing to ``doc.spans[key]``; bad patterns name their origin."""
    ruler: SpanRuler = nlp.add_pipe(  # type: ignore[assignment]
        "span_ruler", name=name,
        config={"spans_key": key, "phrase_matcher_attr": "LOWER", "validate": False,
                "overwrite": True},
    )  # fmt: skip
    for origin, pattern in patterns:
        try:
            ruler.add_patterns([_lazy_extensions(pattern)])
        except (ValueError, KeyError, TypeError) as exc:
            raise LexiconError(f"{origin}: invalid pattern ({str(exc).splitlines()[0]})") from exc


def _lazy_extensions(pattern: dict[str, Any]) -> dict[str, Any]:
    """Write ``{"_": {attr: "v"}}`` as ``{"_": {attr: {"IN": ["v"]}}}``: same matches, faster.

    spaCy's Matcher reads every equality-tested extension attribute of every token before it
    matches (Python calls per token); a set predicate is only evaluated where a partial match
    reaches the token.
    """
    tokens = pattern["pattern"]
    if isinstance(tokens, str):
        return pattern
    lazy = [
        {**tok, "_": {k: {"IN": [v]} if isinstance(v, str) else v for k, v in tok["_"].items()}}
        if isinstance(tok.get("_"), dict) else tok
        for tok in tokens
    ]  # fmt: skip
    return {**pattern, "pattern": lazy}


def _claim_patterns(rs: RuleSet) -> list[tuple[str, dict[str, Any]]]:
    """Claim triggers: label = claim kind, id = pattern name."""
    return [
        (f"claims pattern '{p.name}'", {"label": p.kind, "pattern": p.pattern, "id": p.name})
        for p in rs.claim_patterns
    ]


def _modifier_patterns(rs: RuleSet) -> list[tuple[str, dict[str, Any]]]:
    """Modifier phrases and token patterns: label = type, id = group id."""
    out: list[tuple[str, dict[str, Any]]] = []
    for g in rs.modifiers:
        for p in (*g.phrases, *g.patterns):
            out.append((f"modifier group {g.id}", {"label": g.type, "pattern": p, "id": g.id}))
    return out


def _rule_patterns(rs: RuleSet) -> list[tuple[str, dict[str, Any]]]:
    """Pattern-based rules (existence kinds): label = category, id = rule id (SpanRuler ids)."""
    return [
        (f"{r.source_file} rule {r.id}", {"label": r.category, "pattern": p, "id": r.id})
        for r in rs.rules
        if r.status != "removed"
        for p in r.patterns
    ]


def all_patterns(rs: RuleSet) -> list[tuple[str, dict[str, Any]]]:
    """Every SpanRuler pattern of the pack, with where it comes from."""
    return _claim_patterns(rs) + _modifier_patterns(rs) + _rule_patterns(rs)
