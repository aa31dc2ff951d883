"""Claim strength from causal.yml: association vs causal vs hedged causal vs no claim."""

from __future__ import annotations

import pytest

from claimcheck.api import Linter
from tests.conftest import asserted as live
from tests.conftest import run_text


@pytest.mark.parametrize(
    "text",
    [
        "In this cohort, coffee drinking was associated with fewer hospital admissions.",
        "Higher vitamin D levels were inversely correlated with HbA1c in older adults.",
        "Night-shift work is an independent risk factor for type 2 diabetes.",
        "Waist size predicts cardiovascular events in women.",
        "Smokers were more likely to report poor sleep than non-smokers.",
        "Fasting glucose was higher in women than in men.",
        "Daily tea intake was not associated with blood pressure in this sample.",
        "Patients with gout were older and had more kidney stones.",
        "Night-shift nurses in the cohort showed poorer sleep quality.",
        "Recovery took two days longer among frail patients than among the others.",
        "Baseline grip strength can predict hospital admissions in older adults.",
        "The risk of falls rises steeply with advancing age.",
        "Of the factors studied, low ferritin showed the strongest association.",
        "Poor sleep and low mood are common among older nurses.",
        "Gout and kidney stones share several risk factors.",
        "We found some evidence linking screen time and poor sleep in teenagers.",
        "The fall in vitamin D coincided with a rise in fractures.",
    ],
)
def test_association_wording(linter: Linter, text: str) -> None:
    (claim,) = live(linter, text)
    assert claim.kind == "association"


@pytest.mark.parametrize(
    "text",
    [
        "The walking programme reduced HbA1c levels after twelve weeks.",
        "Supplementation significantly lowered LDL-C in treated adults.",
        "The new regimen had a beneficial effect on kidney function.",
        "Weight loss resulted in a marked improvement in liver enzymes.",
        "Our data suggest that the walking programme lowered HbA1c levels.",
        "The oat drink caused a modest reduction in serum cholesterol.",
        "Early physiotherapy is crucial for recovering shoulder function.",
        "The effect of the diet on liver fat was small.",
        "The new rota prolonged the recovery period of night-shift nurses.",
    ],
)
def test_direct_causal_wording_is_strong(linter: Linter, text: str) -> None:
    (claim,) = live(linter, text)
    assert claim.kind != "association" and claim.strength in ("strong", "absolute")


@pytest.mark.parametrize(
    "text",
    [
        "Regular stretching may reduce the frequency of falls in older adults.",
        "Fibre supplements might reduce LDL-C in some patients.",
        "The drug appeared to increase insulin sensitivity.",
        "Some studies suggest that green tea lowers LDL-C.",
        "Our findings suggest that yoga may reduce the frequency of migraines.",
        "Social support might protect beta cells in older adults.",
        "Low vitamin B12 could contribute to the neuropathy seen in these patients.",
        "The drug is likely to shorten admissions for frail patients.",
        "These results point to a possible role for the gut microbiome.",
        "Iron supplementation is potentially beneficial in this group.",
    ],
)
def test_hedged_causal_wording(linter: Linter, text: str) -> None:
    (claim,) = live(linter, text)
    assert claim.kind != "association" and claim.strength == "hedged"


@pytest.mark.parametrize(
    "text",
    [
        "Further studies are needed to determine whether exercise lowers HbA1c levels.",
        "Larger trials are needed to reduce uncertainty about mortality.",
        "Screening should be considered to improve adherence rates.",
        "Food labels should be promoted in schools as part of a wider plan to reduce obesity.",
        "The recipe leads to a crispy crust.",
        "Turning the oven down reduces the cooking time.",
        "The trial was registered before recruitment began.",
        "Resting the dough is key to getting a crisp crust.",
        "Nobody can predict the weather in April.",
        "The audit recorded changes in HbA1c from baseline.",
        "More investigation is needed into the effect of obesity on recovery.",
        "The side effects of the drug were mild.",
        "The American Heart Association publishes guidance every year.",
        "Why Ginger May Help",
        "The club wants to strengthen its youth team.",
        "Funding efforts should coincide with the new policy.",
        "The affected areas were sprayed last week.",
        "Their worsening finances were discussed at the meeting.",
    ],
)
def test_no_causal_claim(linter: Linter, text: str) -> None:
    assert live(linter, text) == []


def test_consumer_kinds_keep_precedence_over_causal(linter: Linter) -> None:
    (claim,) = live(linter, "Walking reduces the risk of heart disease.")
    assert claim.kind == "prevention"


@pytest.mark.parametrize(
    ("text", "cue_type"),
    [
        ("The exercise programme did not improve HbA1c levels.", "negation"),
        ("There is no evidence that magnets relieve arthritis pain.", "rebuttal"),
    ],
)
def test_negated_claims_record_their_cue(linter: Linter, text: str, cue_type: str) -> None:
    (claim,) = run_text(linter, text).claims
    assert claim.negated
    assert cue_type in {m.type for m in claim.negations}
    if cue_type == "negation":
        assert "rebuttal" not in {m.type for m in claim.negations}


def test_modal_before_the_verb_grades_it_hedged(linter: Linter) -> None:
    # `lead: 1`: "might" is matched as left context, so the trigger is "protect" and the
    # hedge before it reaches the claim
    (claim,) = live(linter, "Sitagliptin might protect beta cells.")
    assert claim.strength == "hedged"
    assert claim.text[claim.trigger_start - claim.start :].startswith("protect")


def test_negation_before_a_plain_causal_verb_reaches_it(linter: Linter) -> None:
    (claim,) = run_text(linter, "The two amino acids did not affect appetite.").claims
    assert claim.negated and claim.kind == "causal"


def test_generic_causal_wording_inside_a_consumer_trigger_adds_no_kind(linter: Linter) -> None:
    (claim,) = live(linter, "The oil stimulates the body's natural healing.")
    assert claim.kind == "mechanism"
    assert "causal" not in claim.kinds
