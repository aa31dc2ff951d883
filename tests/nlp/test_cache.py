"""The pipeline cache key covers every file a pack reads and the code that shapes the cache."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from claimcheck.lexicon.model import RuleSet
from claimcheck.nlp import cache, pipeline

RULE = (
    "title: x\nrules:\n  - id: CC198\n    name: test-rule\n    kind: existence\n"
    '    category: claim\n    severity: warning\n    message: "{match} is bad"\n'
    "    phrases_from: ../shared/words.lst\n"
)


@pytest.fixture()
def builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[RuleSet]:
    """A private cache and a blank pipeline instead of the real build; lists each build."""
    built: list[RuleSet] = []

    def blank(ruleset: RuleSet) -> Language:
        built.append(ruleset)
        return spacy.blank("en")

    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(pipeline, "build_nlp", blank)
    return built


def _phrases(pack: Path) -> tuple[object, ...]:
    """The test rule's patterns as the (possibly cached) pipeline loader returns them."""
    ruleset, _ = cache.cached_pipeline([pack])
    rule = ruleset.rule("CC198")
    assert rule is not None
    return rule.patterns


def test_editing_a_phrases_from_file_outside_the_pack_is_seen(
    tmp_path: Path, builds: list[RuleSet]
) -> None:
    # the pack digest hashes the pack folder; this list lies beside it, with another extension
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "x.yml").write_text(RULE, encoding="utf-8")
    (tmp_path / "shared").mkdir()
    words = tmp_path / "shared" / "words.lst"
    words.write_text("moonbeam tonic\n", encoding="utf-8")
    assert _phrases(tmp_path / "pack") == ("moonbeam tonic",)
    assert _phrases(tmp_path / "pack") == ("moonbeam tonic",)
    assert len(builds) == 1, "the second run loads from the cache"
    words.write_text("sunbeam elixir\n", encoding="utf-8")
    assert _phrases(tmp_path / "pack") == ("sunbeam elixir",)
    assert len(builds) == 2


def test_the_referenced_files_are_recorded(tmp_path: Path, builds: list[RuleSet]) -> None:
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "x.yml").write_text(RULE, encoding="utf-8")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "words.lst").write_text("moonbeam tonic\n", encoding="utf-8")
    ruleset, _ = cache.cached_pipeline([tmp_path / "pack"])
    assert str((tmp_path / "shared" / "words.lst").resolve()) in ruleset.referenced
    assert any(name.endswith("boilerplate-sentences.json") for name in ruleset.referenced)


def test_editing_rules_code_changes_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = Path(cache.__file__).resolve().parents[1]
    assert root / "rules" / "base.py" in cache.code_files()
    source = tmp_path / "kind.py"
    source.write_text("LIMIT = 3\n", encoding="utf-8")
    monkeypatch.setattr(cache, "code_files", lambda: [source])
    before = cache._build_digest([])
    source.write_text("LIMIT = 4\n", encoding="utf-8")
    assert cache._build_digest([]) != before


def test_hashed_code_is_closed_under_its_imports() -> None:
    """A module that the hashed code imports shapes the cached objects too."""
    root = Path(cache.__file__).resolve().parents[1]
    hashed = set(cache.code_files())
    missing = set()
    for path in hashed:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [a.name for a in node.names] if isinstance(node, ast.Import) else []
            for name in names:
                if not name.startswith("claimcheck."):
                    continue
                module = root.joinpath(*name.split(".")[1:])
                target = module / "__init__.py" if module.is_dir() else module.with_suffix(".py")
                if target not in hashed:
                    missing.add(str(target.relative_to(root)))
    assert missing == set()


def test_every_module_that_builds_the_pipeline_is_hashed() -> None:
    root = Path(cache.__file__).resolve().parents[1]
    hashed = set(cache.code_files())
    for package in ("nlp", "lexicon", "rules"):
        modules = set((root / package).rglob("*.py"))
        assert modules and modules <= hashed
    for name in ("factories.py", "ruler.py", "rulesource.py", "pipeline.py", "cache.py"):
        assert root / "nlp" / name in hashed


def test_editing_a_pack_file_is_seen(tmp_path: Path, builds: list[RuleSet]) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "x.yml").write_text("abbreviations: [approx.]\n", encoding="utf-8")
    cache.cached_pipeline([pack])
    cache.cached_pipeline([pack])
    assert len(builds) == 1
    (pack / "x.yml").write_text("abbreviations: [approx., cf.]\n", encoding="utf-8")
    ruleset, _ = cache.cached_pipeline([pack])
    assert len(builds) == 2
    assert "cf." in ruleset.abbreviations


def test_a_cached_pipeline_has_real_components_and_checks_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimcheck.nlp.factories import Context
    from claimcheck.nlp.ruler import CheckedSpanRuler

    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    _, built = cache.cached_pipeline()  # builds and stores
    assert list((tmp_path / "cache").glob("pipeline-*.pickle"))
    _, loaded = cache.cached_pipeline()  # loads the pickle
    assert loaded is not built
    assert type(loaded.get_pipe("cc_claim_ruler")) is CheckedSpanRuler
    assert type(loaded.get_pipe("claimcheck_context")) is Context
    text = "Turmeric tea reverses arthritis. It may ease stiffness, a 2019 review suggests."
    first, again = built(text), loaded(text)
    assert first._.cc_context == again._.cc_context
    assert first._.cc_context.claims
