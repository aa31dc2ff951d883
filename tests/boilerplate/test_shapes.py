"""Boilerplate by shape (shapes in boilerplate.yml, kinds keyphrase / homoglyph / spun_copy):
the kinds of template text are found by their form, and the named traps are left alone."""

from __future__ import annotations

from collections.abc import Callable

from claimcheck.api import FileResult
from claimcheck.rules.spuncopy import shuffled

Check = Callable[[str], FileResult]


def boiler(result: FileResult) -> list[tuple[str, str]]:
    """(rule, text) of the boilerplate findings."""
    return [(f.rule, f.text) for f in result.findings if f.category == "boilerplate"]


def rules_on(result: FileResult, needle: str) -> set[str]:
    """The boilerplate rules reported on text containing ``needle``."""
    return {r for r, t in boiler(result) if needle in t}


# --- traps that are not boilerplate ---------------------------------------------------------

REFERENCES = """Walking and back pain

Regular walking may reduce the number of days lost to back pain (Pocovi et al., 2024).

Conclusion

Walking is cheap and safe for most people, but it is no cure.

References

Pocovi NC et al. (2024). Effectiveness of a walking programme. The Lancet 404: 134-144.
NICE (2016). Low back pain and sciatica in over 16s: assessment and management. NG59.
"""

RECIPE = """Lemon and Herb Chicken

Ingredients:
- 4 chicken thighs
- 2 lemons
- 1 tbsp olive oil

Method:
1. Heat the oven to 200C.
2. Rub the chicken with oil and lemon.
3. Roast for 40 minutes, then rest for 5 minutes before serving.
"""

PRODUCT = """Magnesium Glycinate 400

Ingredients: magnesium glycinate, vegetable cellulose capsule, rice flour.

Directions: take two capsules daily with food. Do not exceed the stated dose.
"""


def test_reference_list_and_conclusion_heading_are_not_boilerplate(check: Check) -> None:
    assert boiler(check(REFERENCES)) == []


def test_recipe_steps_and_ingredients_are_not_boilerplate(check: Check) -> None:
    assert boiler(check(RECIPE)) == []


def test_product_ingredients_and_directions_are_not_boilerplate(check: Check) -> None:
    assert boiler(check(PRODUCT)) == []


# --- calls to action, notices, openers and closers by shape --------------------------------


def test_imperative_call_to_action_is_reported_as_its_block(check: Check) -> None:
    result = check("Ginger tea is warming.\n\n👉 Book your free consultation today!\n")
    assert ("CC405", "👉 Book your free consultation today!") in boiler(result)


def test_advice_in_the_imperative_is_no_call_to_action(check: Check) -> None:
    text = "Rest your back.\n\nTalk to your GP if the pain lasts more than six weeks.\n"
    assert boiler(check(text)) == []


def test_phone_numbers_but_not_dates_or_dois(check: Check) -> None:
    assert "CC405" in rules_on(check("Questions? Ring the clinic: 0118 496 0721"), "0118")
    text = "The trial ran from 2015 to 2018 (doi:10.1002/14651858.CD009790.pub2)."
    assert boiler(check(text)) == []


def test_opener_greeting_only_at_the_start(check: Check) -> None:
    assert "CC403" in rules_on(check("Hi everyone! Today I want to talk about sleep."), "Hi")
    late = (
        "Sleep matters.\n\nAdults need seven hours.\n\nNaps help some people.\n\n"
        "Welcome packs are sent to new members."
    )
    assert rules_on(check(late), "Welcome") == set()


def test_conclusion_signpost_only_on_a_templated_page(check: Check) -> None:
    templated = (
        "In this article we look at massage chairs.\n\nThey knead the back.\n\n"
        "To sum up, a massage chair is a great buy.\n"
    )
    assert "CC404" in rules_on(check(templated), "To sum up")
    careful = "Chairs knead the back.\n\nTo sum up, the evidence is thin.\n"
    assert rules_on(check(careful), "To sum up") == set()


# --- keyword stuffing ----------------------------------------------------------------------


def test_search_phrases_and_keyphrases_glued_to_a_place(check: Check) -> None:
    text = (
        "Emergency Plumber Croydon\n\n"
        "Our emergency plumber Croydon team answers at night.\n\n"
        "Looking for a plumber near me cheap?\n\n"
        "Every emergency plumber Croydon van carries parts.\n\n"
        "We fix leaks in Croydon and Purley.\n"
    )
    result = check(text)
    assert "CC422" in rules_on(result, "near me cheap")
    assert "CC422" in rules_on(result, "team answers")
    assert rules_on(result, "We fix leaks in Croydon") == set()


def test_an_injected_spam_keyword_but_not_the_page_topic(check: Check) -> None:
    text = "Keep a charged phone nearby, cheap instagram followers uk, so you can call us.\n"
    assert "CC422" in rules_on(check(text), "instagram")
    topic = (
        "Instagram followers grow slowly. Buying instagram followers breaks the rules. "
        "Real instagram followers engage."
    )
    assert rules_on(check(topic), "Buying") == set()


def test_a_title_repeated_word_for_word(check: Check) -> None:
    text = (
        "How To Grow Your Hair 4 Inches In 3 Months\n\n"
        "Want to know how to grow your hair 4 inches in 3 months? Here is my routine.\n"
    )
    assert "CC422" in rules_on(check(text), "Want to know")


# --- spun copies ---------------------------------------------------------------------------


def test_look_alike_letters_are_reported_per_sentence(check: Check) -> None:
    text = "R\u0435v\u0435rs\u0435 di\u0430betes in 30 d\u0430ys. It works.\n"
    (finding,) = [f for f in check(text).findings if f.rule == "CC411"]
    assert "'Reverse'" in finding.message and "'diabetes'" in finding.message


def test_a_spun_copy_is_reported_block_by_block(check: Check) -> None:
    text = (
        "CBD oil eases persistent torment.\n\nIt do n't make you high.\n\n"
        "It is taken under the tongue.\n\nIt quiets the psyche, and it' s cheap.\n"
    )
    result = check(text)
    assert "CC413" in rules_on(result, "under the tongue")


def test_one_odd_phrase_does_not_make_a_spun_copy(check: Check) -> None:
    text = "Most people tolerate it. Aftereffects are rare.\n\nTake it with food.\n"
    assert rules_on(check(text), "Take it with food") == set()


def test_signposts_out_of_order_mark_a_shuffled_copy() -> None:
    assert shuffled("In conclusion, it helps.\n\nIt is small.\n\nPeople like it.\n\nFirstly, ask.")
    assert shuffled("Secondly, rest.\n\nFirstly, eat well.")
    assert not shuffled("Firstly, eat well.\n\nSecondly, rest.\n\nIn conclusion, be kind.")
