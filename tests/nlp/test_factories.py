"""The registered factories make working components: alone, initialized, saved and loaded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimcheck.errors import LexiconError
from claimcheck.lexicon.loader import load_lexicon
from claimcheck.lexicon.model import RuleSet
from claimcheck.nlp.components import MODS_KEY
from claimcheck.nlp.context import CLAIMS_KEY, RULE_HITS_KEY
from claimcheck.nlp.pipeline import add_components, build_nlp
from claimcheck.nlp.ruler import CheckedSpanRuler

# texts written for these tests: claims, hedges, sources, an abbreviation, a look-alike letter
TEXTS = [
    "Ginger tea cures migraines in a single evening.",
    "Some researchers say that cold showers may boost immunity (Smith et al. 2021).",
    "This balm is 100% safe and completely eliminates joint pain, unlike any drug.",
    "Our tonic r\u0435verses aging.",  # a Cyrillic e
    " ".join([
        "I started drinking beet juice every morning last spring.",
        "Within two weeks my blood pressure dropped and my headaches were gone.",
        "A small trial suggested that nitrates might lower blood pressure slightly,",
        "but the authors cautioned that the effect was modest and short-lived.",
        "Beet juice detoxifies the liver and prevents heart disease, doctors hate it.",
        "Please talk to your physician before changing any medication.",
        "See https://example.org/beet-study for the full report, doi:10.1000/xyz123.",
    ] * 3),
]


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    """The shipped pack."""
    return load_lexicon()


@pytest.fixture(scope="module")
def built(ruleset: RuleSet) -> Language:
    """The pipeline as claimcheck builds it."""
    return build_nlp(ruleset)


def _result(doc: Doc) -> tuple[Any, ...]:
    """What the pipeline produces for a doc: tokens, sentences, lemmas, spans and claims."""
    spans = {key: [(s.start, s.end, s.label_, s.id_) for s in doc.spans.get(key, [])]
             for key in (CLAIMS_KEY, MODS_KEY, RULE_HITS_KEY)}  # fmt: skip
    return ([t.text for t in doc], [t.is_sent_start for t in doc], [t.lemma_ for t in doc],
            [t.lower_ for t in doc], [t.ent_id_ for t in doc], spans, doc._.cc_context)  # fmt: skip


def _claims(nlp: Language) -> list[tuple[Any, ...]]:
    return [_result(nlp(text)) for text in TEXTS]


def test_the_texts_have_claims(built: Language) -> None:
    contexts = [built(text)._.cc_context for text in TEXTS]
    assert all(ctx.claims for ctx in contexts)
    assert built(TEXTS[3])[2].lower_ == "reverses"


@pytest.mark.parametrize(
    "factory",
    ["claimcheck_blocks", "claimcheck_lemmas", "claimcheck_terms", "claimcheck_regex",
     "claimcheck_shapes", "claimcheck_context"],
)  # fmt: skip
def test_a_component_alone_on_a_blank_pipeline_works(factory: str) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe(factory)
    for text in TEXTS:
        doc = nlp(text)  # not initialized: the component loads the shipped pack
        assert doc.text == text
    assert nlp.get_pipe(factory).rules is not None  # type: ignore[attr-defined]


def test_a_ruler_without_lemmas_fails_when_added() -> None:
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match=r"add claimcheck_lemmas .* before the ruler"):
        nlp.add_pipe("claimcheck_span_ruler")


def test_components_alone_do_their_part() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("claimcheck_lemmas")
    assert [t.lemma_ for t in nlp("Lowers reduced")] == ["lower", "reduce"]
    nlp.add_pipe("claimcheck_span_ruler", config={"patterns": "claims"})
    doc = nlp("Drinking cocoa is strongly associated with fewer strokes.")
    assert "association" in [s.label_ for s in doc.spans[CLAIMS_KEY]]
    context = spacy.blank("en")
    context.add_pipe("claimcheck_context")
    assert context("Ginger tea cures migraines.")._.cc_context.claims == ()  # no triggers given


def test_a_missing_lexicon_fails_when_the_pipeline_is_initialized(tmp_path: Path) -> None:
    for packs, message in ([str(tmp_path / "nowhere")], "lexicon directory not found"), (
        [str(tmp_path)], "not a lexicon pack"
    ):
        nlp = spacy.blank("en")
        nlp.add_pipe("claimcheck_shapes")
        nlp.config["initialize"]["components"] = {"claimcheck_shapes": {"lexicons": packs}}
        with pytest.raises(LexiconError, match=message):
            nlp.initialize()


def test_an_unknown_pattern_set_fails_when_the_ruler_is_added() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("claimcheck_lemmas")
    with pytest.raises(ValueError, match="'patterns' must be one of claims, modifiers, rules"):
        nlp.add_pipe("claimcheck_span_ruler", config={"patterns": "claim"})


def test_rulers_are_their_own_component_not_a_swapped_class(built: Language) -> None:
    for name in ("cc_claim_ruler", "cc_modifier_ruler", "cc_rule_ruler"):
        assert type(built.get_pipe(name)) is CheckedSpanRuler
        assert built.get_pipe_meta(name).factory == "claimcheck_span_ruler"


def test_blank_plus_components_and_initialize_is_the_built_pipeline(built: Language) -> None:
    nlp = spacy.blank("en")
    add_components(nlp)
    nlp.initialize()
    assert nlp.pipe_names == built.pipe_names
    assert _claims(nlp) == _claims(built)
    assert [t.text for t in nlp("as shown by Smith et al. in 2020")][4:6] == ["et", "al."]


def test_to_disk_and_spacy_load_give_the_same_claims(built: Language, tmp_path: Path) -> None:
    built.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == built.pipe_names
    assert _claims(loaded) == _claims(built)


def test_to_bytes_and_from_bytes_give_the_same_claims(built: Language) -> None:
    again = spacy.blank("en")
    add_components(again)
    again.from_bytes(built.to_bytes())
    assert _claims(again) == _claims(built)


def test_a_saved_pipeline_keeps_its_extra_pack(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "extra.yml").write_text(
        "patterns:\n  - kind: cure\n    name: zorblax-cure\n"
        "    pattern: [{LOWER: zorblax}, {LOWER: heals}]\n",
        encoding="utf-8",
    )
    nlp = build_nlp(load_lexicon([pack]))
    nlp.to_disk(tmp_path / "pipeline")
    (pack / "extra.yml").unlink()  # the saved pipeline does not read the pack again
    pack.rmdir()
    loaded = spacy.load(tmp_path / "pipeline")
    doc = loaded("Zorblax heals everything.")
    assert "zorblax-cure" in [s.id_ for s in doc.spans[CLAIMS_KEY]]


def test_initializing_again_with_another_pack_changes_the_rules(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "extra.yml").write_text(
        "patterns:\n  - kind: cure\n    name: zorblax-cure\n"
        "    pattern: [{LOWER: zorblax}, {LOWER: heals}]\n",
        encoding="utf-8",
    )
    nlp = spacy.blank("en")
    add_components(nlp)
    nlp.initialize()
    text = "Zorblax heals everything. Ginger tea cures migraines."
    doc = nlp(text)
    before = [s.id_ for s in doc.spans[CLAIMS_KEY]]
    nlp.config["initialize"]["components"] = {
        name: {"lexicons": [str(pack)]} for name in nlp.pipe_names
    }
    nlp.initialize()  # the initialize settings override the components' own
    doc = nlp(text)
    after = [s.id_ for s in doc.spans[CLAIMS_KEY]]
    assert "zorblax-cure" not in before
    assert "zorblax-cure" in after
    assert set(before) <= set(after)


def test_a_fresh_process_loads_a_saved_pipeline_through_the_entry_points(tmp_path: Path) -> None:
    """pyproject.toml registers the factories under spacy_factories: spacy.load needs no
    claimcheck import (skipped where the package's metadata predates the entry points)."""
    import subprocess
    import sys
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="spacy_factories")}
    if "claimcheck_context" not in names:
        pytest.skip("claimcheck installed without its spacy_factories entry points")
    build_nlp(load_lexicon()).to_disk(tmp_path / "pipeline")
    code = (
        "import spacy; nlp = spacy.load(r'" + str(tmp_path / "pipeline") + "'); "
        "doc = nlp('This tea cures arthritis in a week.'); "
        "print(','.join(c.kind for c in doc._.cc_context.claims))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "cure"
