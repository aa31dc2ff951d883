"""The README stays true: its rule table lists every rule, its commands name real files."""

from __future__ import annotations

import re
from pathlib import Path

from claimcheck.lexicon.model import RuleSet

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rule_table_lists_every_rule(ruleset: RuleSet) -> None:
    rows = set(re.findall(r"^\| (CC\d{3}) \| `([a-z0-9-]+)` \| (\w+) \|", README, re.MULTILINE))
    expected = {(r.id, r.name, r.severity) for r in ruleset.rules if r.status != "removed"}
    assert rows == expected


def test_setup_commands_point_at_shipped_files() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, re.DOTALL)
    assert "claimcheck check examples/cupping-therapy.txt" in blocks[0]
    assert (ROOT / "examples" / "cupping-therapy.txt").is_file()
    assert "pip install -e '.[test]' && .venv/bin/pytest" in blocks[1]
    assert "pip install -e '.[test]'" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
