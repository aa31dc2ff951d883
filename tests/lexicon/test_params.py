"""Kind parameters are typed records, parsed and checked when the lexicon loads."""

from __future__ import annotations

import dataclasses

import pytest

from claimcheck.errors import LexiconError
from claimcheck.lexicon.kinds import KIND_SPECS
from claimcheck.lexicon.loader import load_lexicon
from claimcheck.lexicon.params import (
    CrossdocParams,
    DensityParams,
    StuffingParams,
    parse_params,
)


def test_defaults_live_in_the_record() -> None:
    params = parse_params("r", CrossdocParams, {"threshold": 0.7})
    assert params == CrossdocParams(threshold=0.7)
    assert (params.min_words, params.num_perm, params.max_copies) == (8, 64, 8)


def test_values_are_converted_by_their_types() -> None:
    params = parse_params("r", StuffingParams, {"max_share": {1: 0.1, 2: 1}, "min_count": 3})
    assert isinstance(params, StuffingParams)
    assert params.max_share == {1: 0.1, 2: 1.0} and isinstance(params.max_share[2], float)
    assert parse_params("r", DensityParams, {"threshold_per_1000_words": 2,
                                             "terms": "detox"}) == DensityParams(
        threshold_per_1000_words=2.0, terms=("detox",))  # fmt: skip


@pytest.mark.parametrize(
    ("values", "says"),
    [
        ({"threshold": "high"}, "key 'threshold' must be a number, got 'high'"),
        ({"num_perm": 64.5}, "key 'num_perm' must be an integer"),
        ({"min_words": True}, "key 'min_words' must be an integer, got True"),
        ({"boilerplate_kind": ["a"]}, "key 'boilerplate_kind' must be a string"),
    ],
)
def test_a_wrong_type_names_the_rule_and_the_key(values: dict[str, object], says: str) -> None:
    with pytest.raises(LexiconError, match=f"^pack.yml rule CC430: {says}"):
        parse_params("pack.yml rule CC430", CrossdocParams, values)


def test_a_missing_required_key_is_named() -> None:
    with pytest.raises(LexiconError, match="missing required key 'threshold_per_1000_words'"):
        parse_params("r", DensityParams, {"terms": ["x"]})


def test_every_kind_declares_a_frozen_record_and_every_rule_has_its_kinds() -> None:
    for spec in KIND_SPECS.values():
        assert dataclasses.is_dataclass(spec.params)
        assert spec.params.__dataclass_params__.frozen  # type: ignore[attr-defined]
    for rule in load_lexicon().rules:
        assert type(rule.params) is KIND_SPECS[rule.kind].params, rule.id
