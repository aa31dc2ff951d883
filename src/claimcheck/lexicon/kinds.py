"""The keys each rule kind accepts in a rule record, and the placeholders it fills.

These specs are part of the lexicon format (``lexicons/README.md``): the loader checks each
rule record against its kind's spec. The kinds' code (``claimcheck.rules``) reads the same
table, so the lexicon layer never imports the rules layer.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["COMMON_PLACEHOLDERS", "KIND_SPECS", "KindSpec"]

COMMON_PLACEHOLDERS = frozenset({"match"})


@dataclass(frozen=True)
class KindSpec:
    """The YAML keys a kind accepts and the placeholders it fills in messages."""

    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    placeholders: frozenset[str] = COMMON_PLACEHOLDERS
    needs_patterns: bool = False
    reads_findings: bool = False  # evaluated after the other kinds: it reads their findings
    # run-level: state shared by the documents of a run (evaluated last, in the parent under
    # --jobs; kinds that read findings never see these, whichever process they run in)
    run_level: bool = False


KIND_SPECS: dict[str, KindSpec] = {
    "unsupported": KindSpec(
        required=frozenset({"claim_kinds", "support"}),
        optional=frozenset({"strengths"}),
        placeholders=COMMON_PLACEHOLDERS
        | {"kind", "softened", "softened_bare", "caveat", "intensifier", "vague"},
    ),
    "existence": KindSpec(
        optional=frozenset({"modifier_types", "unless_sourced", "linked_to_claim",
                            "boilerplate_kind"}),
        placeholders=COMMON_PLACEHOLDERS,
        needs_patterns=True,
    ),
    "absence": KindSpec(
        optional=frozenset({"requires", "requires_metadata", "when_claims"}),
        placeholders=COMMON_PLACEHOLDERS | {"count", "missing"},
    ),
    "boilerplate": KindSpec(
        required=frozenset({"boilerplate_kind"}),
        optional=frozenset({"modifier_types", "line_patterns", "span", "regex", "regex_guard",
                            "follow_titles"}),
        placeholders=COMMON_PLACEHOLDERS,
        needs_patterns=True,
    ),
    "boilerplate_model": KindSpec(
        required=frozenset({"model_from", "boilerplate_kind"}),
        optional=frozenset({"min_tokens"}),
        placeholders=COMMON_PLACEHOLDERS | {"score", "reasons"},
        reads_findings=True,
    ),
    "spun": KindSpec(
        required=frozenset({"replacements_from"}),
        optional=frozenset({"replacements", "boilerplate_kind", "plurals"}),
        placeholders=COMMON_PLACEHOLDERS | {"original"},
    ),
    "homoglyph": KindSpec(
        optional=frozenset({"boilerplate_kind"}),
        placeholders=COMMON_PLACEHOLDERS | {"words"},
    ),
    "spun_copy": KindSpec(
        required=frozenset({"signal_rules", "min_signals"}),
        optional=frozenset({"boilerplate_kind", "markers", "marker_regex", "min_density",
                            "shuffle_check"}),
        placeholders=COMMON_PLACEHOLDERS | {"signals"},
    ),
    "keyphrase": KindSpec(
        required=frozenset({"search_phrases", "qualifiers"}),
        optional=frozenset({"min_count", "max_words", "title_words", "spam_phrases",
                            "max_spam_uses", "boilerplate_kind"}),
        placeholders=COMMON_PLACEHOLDERS | {"phrase", "reason"},
    ),
    "stuffing": KindSpec(
        required=frozenset({"max_share"}),
        optional=frozenset({"max_phrase_words", "min_count", "min_words", "boilerplate_kind"}),
        placeholders=COMMON_PLACEHOLDERS | {"phrase", "count", "words", "share", "limit"},
    ),
    "density": KindSpec(
        required=frozenset({"threshold_per_1000_words"}),
        optional=frozenset({"terms", "marks", "min_count", "min_words", "boilerplate_kind"}),
        placeholders=COMMON_PLACEHOLDERS | {"count", "words", "rate", "threshold", "examples"},
    ),
    "crossdoc": KindSpec(
        optional=frozenset({"min_words", "shingle", "threshold", "num_perm", "max_passages",
                            "max_copies", "boilerplate_kind"}),
        placeholders=COMMON_PLACEHOLDERS | {"others", "count"},
        run_level=True,
    ),
    "internal": KindSpec(placeholders=COMMON_PLACEHOLDERS),
}
