"""The BioScope hedge benchmark's own parts: the split, cue offsets and the scores."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import hedges  # noqa: E402


def test_split_is_fixed_by_the_abstract_and_about_forty_percent_dev() -> None:
    share = sum(hedges.split_of(str(10_000_000 + i)) == "dev" for i in range(2000)) / 2000
    assert 0.35 < share < 0.45
    assert hedges.split_of("12345") == hedges.split_of("12345")


def test_cue_offsets_follow_nested_scopes(tmp_path: Path) -> None:
    xml = (
        '<Annotation><sentence id="S1">Tea <xcope id="X1"><cue type="speculation" ref="X1">'
        'might</cue> ease <xcope id="X2"><cue type="negation" ref="X2">no</cue> cough'
        '</xcope></xcope> at <cue type="speculation" ref="X3">all</cue>.</sentence></Annotation>'
    )  # written for this test
    path = tmp_path / "a.xml"
    path.write_text(xml, encoding="utf-8")
    text, cues = hedges.cue_offsets(path)["S1"]
    assert text == "Tea might ease no cough at all."
    assert [text[s:e] for s, e in cues] == ["might", "all"]


def test_prf_of_the_hedged_class() -> None:
    pairs = [(True, True), (True, False), (False, True), (False, False)]
    got = hedges.prf(pairs)
    assert (got["p"], got["r"], got["f1"]) == (0.5, 0.5, 0.5)
