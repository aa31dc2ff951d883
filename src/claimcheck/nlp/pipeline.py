"""Build the spaCy pipeline once per rule set: blank English plus the claimcheck components.

The components are registered factories (``nlp/factories.py``, ``nlp/ruler.py``); this module
only says which, in what order, and initializes them with one RuleSet. The same pipeline comes
from ``spacy.blank("en")`` plus :func:`add_components` and ``nlp.initialize()``.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

import claimcheck.nlp.factories
import claimcheck.nlp.ruler  # noqa: F401  # with the line above: registers the factories
from claimcheck.lexicon.compile import rule_patterns
from claimcheck.lexicon.model import RuleSet
from claimcheck.nlp.components import MODS_KEY
from claimcheck.nlp.context import CLAIMS_KEY, RULE_HITS_KEY
from claimcheck.nlp.rulesource import extra_packs

__all__ = ["add_components", "build_nlp"]

_RULER = "claimcheck_span_ruler"


def add_components(
    nlp: Language, lexicons: list[str] | None = None, use_model: bool = True, rules: bool = True
) -> None:
    """Add the claimcheck components to ``nlp`` in order; ``nlp.initialize()`` then loads the
    shipped pack plus the ``lexicons`` pack folders (kept as initialize settings).

    ``rules``: whether the rule patterns get a ruler (a pack without pattern rules needs none).
    """
    nlp.add_pipe("claimcheck_blocks")  # sentence starts
    nlp.add_pipe("claimcheck_lemmas")
    nlp.add_pipe("claimcheck_terms")
    nlp.add_pipe(_RULER, name="cc_claim_ruler",
                 config={"spans_key": CLAIMS_KEY, "patterns": "claims"})  # fmt: skip
    nlp.add_pipe(_RULER, name="cc_modifier_ruler",
                 config={"spans_key": MODS_KEY, "patterns": "modifiers"})  # fmt: skip
    nlp.add_pipe("claimcheck_regex")
    if rules:
        nlp.add_pipe(_RULER, name="cc_rule_ruler",
                     config={"spans_key": RULE_HITS_KEY, "patterns": "rules"})  # fmt: skip
    # shapes run after the rulers: claim shapes add to the claim triggers, boilerplate shapes
    # to the rule ruler's hits
    nlp.add_pipe("claimcheck_shapes")
    nlp.add_pipe("claimcheck_context", config={"use_model": use_model})
    if lexicons:
        settings = nlp.config["initialize"]["components"]
        for name in nlp.pipe_names:
            settings[name] = {**settings.get(name, {}), "lexicons": list(lexicons)}


def build_nlp(ruleset: RuleSet, use_model: bool = True) -> Language:
    """Create the pipeline for ``ruleset``: tokenizer, block-aware sentences, lemmas, health
    terms, rulers, shapes, ConText."""
    nlp = spacy.blank("en")
    add_components(nlp, extra_packs(ruleset), use_model, rules=bool(rule_patterns(ruleset)))
    # in order: a ruler tokenizes its phrases with the components before it
    for _name, component in nlp.pipeline:
        component.initialize(lambda: [], nlp=nlp, ruleset=ruleset)  # type: ignore[attr-defined]
    return nlp
