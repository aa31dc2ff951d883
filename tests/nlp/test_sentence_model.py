"""The sentence model (nlp/sentence_model.py, nlp/model_gate.py): veto, promotion, the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc

from claimcheck.api import CheckContext, Linter
from claimcheck.claims import Claim
from claimcheck.errors import LexiconError
from claimcheck.extract.text import parse_plain
from claimcheck.lexicon.loader import default_lexicon_dir
from claimcheck.lexicon.model import RuleSet
from claimcheck.nlp.context import ClaimContext
from claimcheck.nlp.sentence_model import MODEL_FILE, SentenceModel

# a page (the model judges pages, not lone sentences) in a clinic's voice
PAGE = (
    "Our clinic has treated people with tension headaches for twelve years, and we keep a "
    "simple diary of every visit so that progress is easy to follow. "
    "Acupuncture relieves migraine pain for most of the people we see. "
    "There is no evidence that copper bracelets relieve arthritis pain. "
    "Heavy coffee drinking is associated with a higher risk of palpitations. "
    "By week two of the course my knees felt like new. "
    "Parking is free behind the building, and the waiting room has tea, magazines and a "
    "small play corner for children who come along with a parent. "
    "Appointments run for forty-five minutes, and the first one includes a long chat about "
    "your history, your sleep, your work and anything else you would like us to know about "
    "before we start, so please arrive a few minutes early to fill in the form."
)


def _doc(linter: Linter, text: str) -> Doc:
    (ctx,) = linter.contexts([parse_plain("page.txt", text)])
    assert isinstance(ctx, CheckContext)
    return ctx.doc


def _claims(linter: Linter, ruleset: RuleSet, model: SentenceModel | None) -> list[Claim]:
    doc = _doc(linter, PAGE)
    bits = dict(linter.nlp.pipeline)["claimcheck_shapes"].impl.masks.bit
    bound = model.with_classes(bits) if model is not None else None
    ClaimContext(ruleset, bound)(doc)
    return list(doc._.cc_context.claims)


def _model(bias: float, evidence: frozenset[str] = frozenset()) -> SentenceModel:
    return SentenceModel(weights={}, bias=bias, veto_below=0.3, promote_at=0.6,
                         evidence=evidence)  # fmt: skip


def _containing(claims: list[Claim], needle: str) -> list[Claim]:
    return [c for c in claims if needle in c.text]


def test_without_a_model_the_rules_decide(linter: Linter, ruleset: RuleSet) -> None:
    claims = _claims(linter, ruleset, None)
    assert _containing(claims, "Acupuncture relieves")
    assert not _containing(claims, "By week two")


def test_a_low_score_vetoes_plain_triggers_but_not_negated_or_causal_ones(
    linter: Linter, ruleset: RuleSet
) -> None:
    claims = _claims(linter, ruleset, _model(bias=-10.0))
    assert not _containing(claims, "Acupuncture relieves")
    # negated wordings are recorded with their cue whatever the score
    (negated,) = _containing(claims, "copper bracelets")
    assert negated.negated
    # the causal-language layer is measured on its own data, so the model leaves it alone
    assert _containing(claims, "associated with")


def test_a_high_score_promotes_a_sentence_with_evidence(linter: Linter, ruleset: RuleSet) -> None:
    evidence = frozenset({"feel_verb", "body", "condition"})
    claims = _claims(linter, ruleset, _model(bias=10.0, evidence=evidence))
    (promoted,) = _containing(claims, "By week two")
    assert PAGE[promoted.trigger_start : promoted.trigger_end].startswith("felt")
    assert promoted.support == "unsupported"
    # a sentence with no effect word is never promoted, however high the score
    assert not _containing(claims, "Parking is free")


def test_a_lone_sentence_is_left_to_the_rules(linter: Linter, ruleset: RuleSet) -> None:
    doc = _doc(linter, "Acupuncture relieves migraine pain for most of the people we see.")
    bits = dict(linter.nlp.pipeline)["claimcheck_shapes"].impl.masks.bit
    ClaimContext(ruleset, _model(bias=-10.0).with_classes(bits))(doc)
    assert doc._.cc_context.claims


def test_the_shipped_model_loads() -> None:
    model = SentenceModel.load(default_lexicon_dir() / MODEL_FILE)
    assert 0.0 < model.veto_below <= model.promote_at < 1.0
    assert model.evidence and len(model.weights) > 100


@pytest.mark.parametrize(
    ("content", "reason"),
    [("{not json", "not a sentence model file"), ('{"bias": 1}', "missing field 'weights'")],
)
def test_a_broken_model_file_is_a_one_line_lexicon_error(
    tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "claim-sentences.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        SentenceModel.load(path)
    message = str(caught.value)
    assert str(path) in message and reason in message and "\n" not in message


def test_scores_do_not_depend_on_feature_order() -> None:
    # features arrive as sets, whose order follows the per-process string hash seed: a float
    # sum in that order flipped a claim at the threshold between runs; fsum is exact
    from claimcheck.nlp.boilerplate_model import MODEL_FILE as BOILERPLATE_FILE
    from claimcheck.nlp.boilerplate_model import BoilerplateModel

    for model in (SentenceModel.load(default_lexicon_dir() / MODEL_FILE),
                  BoilerplateModel.load(default_lexicon_dir() / BOILERPLATE_FILE)):  # fmt: skip
        names = sorted(model.weights)[:400]
        assert model.score(names) == model.score(names[::-1])
        assert model.score(names) == model.score(sorted(names, key=lambda n: n[::-1]))
