"""ConText scope: negation, questions, rebuttal, purpose, hedge reach, sources, overlaps."""

from __future__ import annotations

import pytest

from claimcheck.api import Linter
from claimcheck.claims import Claim
from tests.conftest import asserted as active
from tests.conftest import run_text


def claims(linter: Linter, text: str) -> list[Claim]:
    """The claims found in a plain-text snippet."""
    return list(run_text(linter, text).claims)


@pytest.mark.parametrize(
    "text",
    [
        "There is no evidence that cupping removes toxins.",
        "Cupping does not cure arthritis.",
        "Acupuncture never relieves back pain on its own.",
        "There is no cure for arthritis.",
        # evidence denied: a link, "rather than proof that" the claim holds
        "The study shows a link rather than proof that green tea prevents liver disease.",
        "No single brand has been shown to relieve hay fever symptoms better than the others.",
        "None of them has been shown to cure migraines.",
        # the natural course of a complaint is no treatment's effect
        "Back pain usually gets better on its own within six weeks.",
        # a recommendation against the treatment denies the claim
        "NICE advises against acupuncture to relieve knee osteoarthritis pain.",
        "Doctors recommend against bed rest to cure back pain.",
    ],
)
def test_negated_claims_are_listed_but_not_asserted(linter: Linter, text: str) -> None:
    found = claims(linter, text)
    assert found and all(c.negated for c in found)
    assert [f for f in run_text(linter, text).findings if f.category == "claim"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Does cupping relieve back pain?",
        "Can ginger prevent the flu?",
        "The course aims to reduce stress among nurses.",
        "This trial tested whether ginger reduces nausea.",
        "This app improves your productivity at work.",
        "Check your blood sugar as advised.",
    ],
)
def test_not_claims(linter: Linter, text: str) -> None:
    assert active(linter, text) == []


def test_reported_and_rebutted_claim_is_not_asserted(linter: Linter) -> None:
    text = "Some bloggers claim that detox teas flush toxins, but there is no evidence for this."
    found = claims(linter, text)
    assert found and all(c.negated and c.attributed for c in found)


def test_rebuttal_in_next_sentence(linter: Linter) -> None:
    text = "Sellers claim the bracelet relieves arthritis. This is not supported by evidence."
    assert active(linter, text) == []


def test_reported_claim_without_rebuttal_is_still_a_claim(linter: Linter) -> None:
    found = active(linter, "Many people believe that garlic prevents colds.")
    assert [c.kind for c in found] == ["prevention"] and found[0].attributed


def test_hedge_in_sentence_makes_claim_hedged(linter: Linter) -> None:
    (claim,) = active(linter, "Massage may relieve back pain.")
    assert claim.strength == "hedged" and claim.support == "caveated"


def test_limitation_in_previous_sentence_reaches_claim(linter: Linter) -> None:
    text = "The evidence is limited. Massage relieves back pain in office workers."
    (claim,) = active(linter, text)
    assert claim.support == "caveated"
    assert [m.type for m in claim.caveats] == ["limitation"]


def test_limitation_two_paragraphs_away_does_not(linter: Linter) -> None:
    text = (
        "The evidence is limited.\n\nWe tried it.\n\nMassage relieves back pain in office workers."
    )
    (claim,) = active(linter, text)
    assert claim.support == "unsupported"


def test_hedge_after_but_does_not_hedge_the_first_clause(linter: Linter) -> None:
    (claim,) = active(linter, "Yoga relieves back pain, but it may take weeks.")
    assert claim.support == "unsupported"


def test_risk_disclosure_after_but_is_still_a_caveat(linter: Linter) -> None:
    (claim,) = active(linter, "Cupping is very safe, but side effects include bruising.")
    assert claim.kind == "safety" and claim.support == "caveated"


def test_no_side_effects_is_an_absolute_safety_claim_not_negation(linter: Linter) -> None:
    (claim,) = active(linter, "This tea has no side effects.")
    assert claim.kind == "safety" and claim.strength == "absolute"


def test_intensifier_inside_trigger_makes_it_absolute(linter: Linter) -> None:
    (claim,) = active(linter, "The cream is completely safe.")
    assert claim.strength == "absolute"


@pytest.mark.parametrize(
    ("text", "source_type"),
    [
        ("Ginger eases nausea (Smith et al., 2020).", "author-year"),
        ("Ginger eases nausea, according to the NHS.", "named-organisation"),
        ("A 2014 Cochrane review found that ginger eases nausea.", "named-study"),
        ("Ginger eases nausea (doi:10.1000/xyz123).", "doi"),
        ("Ginger eases nausea, see https://example.org/study.", "url"),
        # literal-first source regexes (sources.yml): each form of each type
        ("Ginger eases nausea (see www.example.org/ginger-study).", "url"),
        ("Ginger eases nausea (https://doi.org/10.1000/xyz123).", "doi"),
        ("Ginger eases nausea (DOI: 10.1000/xyz123).", "doi"),
        ("Ginger eases nausea (PMID: 12345678).", "pmid"),
        ("Ginger eases nausea (PMC1234567).", "pmid"),
        ("Ginger eases nausea [1].\n\nReferences\n\n1. Smith J. Ginger. 2020.", "citation-marker"),
    ],
)
def test_sources(linter: Linter, text: str, source_type: str) -> None:
    (claim,) = active(linter, text)
    assert claim.support == "sourced"
    assert source_type in [m.type for m in claim.sources]


def test_citation_marker_without_reference_list_is_not_a_source(linter: Linter) -> None:
    (claim,) = active(linter, "Ginger eases nausea [1].")
    assert claim.support == "unsupported"


def test_vague_attribution_is_not_a_source(linter: Linter) -> None:
    (claim,) = active(linter, "Studies show that ginger eases nausea.")
    assert claim.support == "unsupported" and claim.attributed
    assert [m.text for m in claim.vague] == ["Studies show"]


def test_generic_disclaimer_is_never_a_caveat(linter: Linter) -> None:
    text = "This post is for informational purposes only. Ginger eases nausea."
    (claim,) = active(linter, text)
    assert claim.support == "unsupported"


def test_heading_does_not_merge_with_paragraph(linter: Linter) -> None:
    text = "Why Ginger May Help\n\nGinger eases nausea."
    (claim,) = active(linter, text)
    assert claim.text == "Ginger eases nausea." and claim.support == "unsupported"


def test_claims_in_one_sentence_merge_with_kind_precedence(linter: Linter) -> None:
    (claim,) = active(linter, "The oil relieves pain and stimulates the body's natural healing.")
    assert claim.kind == "mechanism" and set(claim.kinds) == {"mechanism", "efficacy"}


def test_claim_offsets_point_into_text(linter: Linter) -> None:
    text = "Intro line.\r\n\r\nGinger eases nausea.\r\n"
    (claim,) = active(linter, text)
    assert text[claim.start : claim.end] == claim.text
    assert text[claim.trigger_start : claim.trigger_end] == "eases nausea"


def test_trigger_is_the_longest_match_at_its_start(linter: Linter) -> None:
    text = "Cupping is a natural cure for migraines."
    (claim,) = active(linter, text)
    assert text[claim.trigger_start : claim.trigger_end] == "cure for migraines"


def test_trigger_drops_words_before_the_tightest_match(linter: Linter) -> None:
    text = "The therapy works to enhance blood flow."
    (claim,) = active(linter, text)
    assert text[claim.trigger_start : claim.trigger_end] == "enhance blood flow"


def test_lemma_overrides_make_lower_a_verb(linter: Linter) -> None:
    """spaCy's lookup reads "lower" as the adjective "low"; the lexicon corrects it."""
    (claim,) = active(linter, "Garlic pills lower blood pressure.")
    assert claim.kind == "efficacy" and claim.support == "unsupported"


def test_cue_inside_one_trigger_does_not_caveat_another(linter: Linter) -> None:
    (claim,) = active(linter, "The balm is completely safe and has no side effects.")
    assert claim.kind == "safety" and claim.support == "unsupported" and claim.caveats == ()


def test_et_al_does_not_split_the_sentence(linter: Linter) -> None:
    text = "A 2021 review (Hayden et al., 2021) found that exercise probably reduces back pain."
    (claim,) = active(linter, text)
    assert claim.support == "sourced" and claim.text == text


def test_little_evidence_negates(linter: Linter) -> None:
    found = claims(linter, "Researchers found little evidence that massage speeds recovery.")
    assert found and all(c.negated for c in found)


def test_how_to_heading_is_not_a_claim(linter: Linter) -> None:
    claims = active(linter, "How to ease heel pain yourself\n\nRest your foot.")
    assert [c.text for c in claims if c.text.startswith("How to")] == []


def test_causal_wording_keeps_its_risk_disclosure(linter: Linter) -> None:
    (claim,) = active(linter, "Exercise is generally safe, but it can cause temporary soreness.")
    assert claim.kind == "safety" and claim.support == "caveated"


@pytest.mark.parametrize(
    "text",
    [
        "The trial results indicate that acupuncture relieves chronic back pain.",
        "Patients slept longer, suggesting that valerian improves sleep.",
        "Our data suggest that the walking programme lowered blood pressure.",
    ],
)
def test_an_evidential_frame_caveats_but_does_not_grade(linter: Linter, text: str) -> None:
    """"The results indicate that X relieves Y": a caveat, but X relieves Y is worded directly."""
    found = active(linter, text)
    assert found and all(c.support == "caveated" and c.strength == "strong" for c in found)
    assert all(m.type == "evidential" for c in found for m in c.caveats)


def test_a_modal_inside_an_evidential_frame_still_grades(linter: Linter) -> None:
    text = "The trial results indicate that acupuncture may relieve chronic back pain."
    found = active(linter, text)
    assert found and all(c.strength == "hedged" for c in found)


@pytest.mark.parametrize(
    "text",
    [
        "Cupping relieves back pain, whether you come weekly or monthly.",
        "After the third session I could finally run again, and massage cured my knee pain.",
        "This cream is indicated for eczema and cures psoriasis within a week.",
    ],
)
def test_words_that_look_like_hedges_leave_a_claim_unsupported(linter: Linter, text: str) -> None:
    found = active(linter, text)
    assert found and all(c.support == "unsupported" for c in found)


def test_an_empty_search_negates_the_claim(linter: Linter) -> None:
    found = claims(linter, "We could find no study showing that lemon water reduces body fat.")
    assert found and all(c.negated for c in found)


def test_two_groups_of_one_type_on_the_same_words_both_apply(linter: Linter) -> None:
    """'is warranted' is a purpose cue both ways; dropping one group by id order lost the
    backward one and made a research agenda a claim."""
    text = "Research on the role of massage in reducing anxiety in nurses is warranted."
    assert active(linter, text) == []


def test_may_before_a_help_trigger_grades_it(linter: Linter) -> None:
    """"may help" as one hedge phrase overlapped the trigger "help" and was pruned with it."""
    (claim,) = active(linter, "For a stiff shoulder, simple painkillers may help.")
    assert claim.strength == "hedged" and claim.support == "caveated"
