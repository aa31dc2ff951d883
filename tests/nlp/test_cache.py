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
    "category: x\nrules:\n  - id: CC198\n    name: test-rule\n    kind: existence\n"
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
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("claimcheck."):
                parts = (node.module or "").split(".")[1:]
                module = root.joinpath(*parts)
                target = module / "__init__.py" if module.is_dir() else module.with_suffix(".py")
                if target not in hashed:
                    missing.add(str(target.relative_to(root)))
    assert missing == set()
