"""The boilerplate sentence model (CC409): units, surface marks, chrome, the kind, the file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from claimcheck.api import FileResult
from claimcheck.errors import LexiconError
from claimcheck.lexicon.loader import default_lexicon_dir
from claimcheck.nlp.boilerplate_model import (
    MODEL_FILE,
    BoilerplateModel,
    Covered,
    Marks,
    Page,
    Unit,
    chrome,
    describe,
    unit_features,
    unit_parts,
    units,
)

Check = Callable[[str], FileResult]

ARTICLE = "\n\n".join([
    "Gentle stretching can ease a stiff lower back after a long day at a desk. Start with knee "
    "hugs: lie on your back, bring both knees to your chest and hold for twenty seconds.",
    "Next, try the cat and cow movement on your hands and knees, moving slowly with your "
    "breath. Keep each movement small at first and stop if the pain gets sharper.",
    "Most people feel looser after a week of doing this every evening. If the pain spreads down "
    "a leg, or you feel numbness, see your GP before you carry on with the stretches.",
])  # fmt: skip


def test_units_split_blocks_into_their_sentences() -> None:
    blocks = [(0, 10, "heading"), (12, 40, "paragraph")]
    sentences = [(0, 10), (12, 25), (26, 40)]
    got = units(blocks, sentences)
    assert [(u.start, u.end, u.block, u.sentence, u.sentences) for u in got] == [
        (0, 10, 0, 0, 1), (12, 25, 1, 0, 2), (26, 40, 1, 1, 2)]  # fmt: skip


def test_marks_are_found_once_and_located_by_sentence() -> None:
    text = "Call 0161 496 0000 today. Prices from £9. Visit www.example.com now."
    marks = Marks(text)
    assert marks.within(0, 25) == ["phone"]
    assert marks.within(26, 41) == ["price"]
    assert marks.within(42, len(text)) == ["address"]


def test_position_counts_only_where_the_page_has_chrome() -> None:
    unit = Unit(start=0, end=5, block=9, blocks=10, role="paragraph", sentence=0, sentences=1)
    bare = unit_features("Hello", unit)
    assert not any(f.startswith(("last=", "first=")) for f in bare)
    assert "last=0" in unit_features("Hello", unit, edges=(False, True))


def test_chrome_looks_at_the_first_and_last_blocks() -> None:
    blocks = [(i * 10, i * 10 + 9, "paragraph") for i in range(8)]
    assert chrome(blocks, []) == (False, False)
    assert chrome(blocks, [(72, 75)]) == (False, True)
    assert chrome(blocks, [(1, 3)]) == (True, False)


def test_found_in_names_claims_and_modifier_types() -> None:
    page = Page("x" * 50, [(10, 30, "paragraph")], [(10, 30)], [(12, 20)],
                [(15, 18, "hedge"), (40, 45, "doi")], [])  # fmt: skip
    (unit,) = page.units
    found = page.found(unit)
    assert found == {"claim", "mod=hedge"}


@pytest.mark.parametrize(("feature", "words"), [
    ("w=subscribe", "'subscribe'"), ("b=sign_up", "'sign up'"), ("price", "a price"),
    ("last=0", "in the last block"), ("len=1", "a short line"),
])  # fmt: skip
def test_reasons_are_words(feature: str, words: str) -> None:
    assert describe(feature) == words


def test_model_file_loads_and_its_threshold_was_chosen_on_dev() -> None:
    path = default_lexicon_dir() / MODEL_FILE
    model = BoilerplateModel.load(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert 0.5 <= model.threshold < 1 and len(model.weights) > 1000
    chosen = [r for r in data["cross_validation"] if r["threshold"] == model.threshold]
    assert chosen and chosen[0]["added_precision"] >= 0.90


def test_bad_model_file_is_a_lexicon_error(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text('{"weights": {}}', encoding="utf-8")
    with pytest.raises(LexiconError, match="bias"):
        BoilerplateModel.load(path)
    with pytest.raises(LexiconError, match="cannot read"):
        BoilerplateModel.load(tmp_path / "missing.json")


def test_a_draft_without_chrome_keeps_its_last_paragraph(check: Check) -> None:
    assert not [f for f in check(ARTICLE).findings if f.rule == "CC409"]


def test_footer_lines_of_a_page_are_reported_with_reasons(check: Check) -> None:
    # "Log in to reply" is CC404's: the page has chrome at its foot, so position counts
    text = ARTICLE + ("\n\nPosted in Wellness · 4 comments\n\nLog in to reply\n\n"
                      "Powered by WordPress | Theme by Pixel Studio\n")
    found = [f for f in check(text).findings if f.rule == "CC409"]
    assert [f.text for f in found][-1] == "Powered by WordPress | Theme by Pixel Studio"
    assert all("boilerplate score 0.9" in f.message and f.topic == "site-text" for f in found)


def test_short_texts_are_left_to_the_rules(check: Check) -> None:
    assert not [f for f in check("Powered by WordPress | Theme by Pixel Studio").findings
                if f.rule == "CC409"]  # fmt: skip


def test_sentences_a_rule_reported_are_not_reported_again(check: Check) -> None:
    text = ARTICLE + "\n\n© 2025 Pixel Studio. All rights reserved.\n"
    found = check(text).findings
    assert [f.rule for f in found if "All rights reserved" in f.text] == ["CC401"]


def test_scoring_the_parts_equals_scoring_the_features() -> None:
    model = BoilerplateModel.load(default_lexicon_dir() / MODEL_FILE)
    text = "Sign up to our newsletter today and save 10% on your first order!"
    unit = Unit(start=0, end=len(text), block=5, blocks=6, role="paragraph", sentence=0,
                sentences=1)  # fmt: skip
    for edges in ((False, False), (True, True)):
        whole = model.score(unit_features(text, unit, {"claim"}, edges))
        assert abs(model.score_parts(*unit_parts(text, unit, {"claim"}, edges)) - whole) < 1e-9


def test_a_long_finding_that_starts_early_still_covers_a_sentence() -> None:
    # a related list is one finding from its lead to its last title; findings that start
    # inside it must not hide that it covers a title near its end
    covered = Covered([(0, 1000), *((100 * k, 100 * k + 5) for k in range(1, 10))])
    assert covered(950, 960) and covered(0, 3) and covered(102, 104)
    assert not Covered([(10, 20), (30, 40)])(20, 30) and not Covered([])(0, 5)
