"""The README stays true: its rule table lists every rule, its commands name real files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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


def _library_example() -> str:
    section = README.split("## Library", 1)[1]
    return re.findall(r"```python\n(.*?)```", section, re.DOTALL)[0]


def test_the_library_example_runs(capsys: object) -> None:
    exec(compile(_library_example(), "README.md", "exec"), {})


def test_the_library_example_passes_mypy_strict(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    mypy = shutil.which("mypy") or str(Path(sys.executable).parent / "mypy")
    if not Path(mypy).exists():
        pytest.skip("mypy not installed")
    script = tmp_path / "user_script.py"
    script.write_text(_library_example(), encoding="utf-8")
    run = subprocess.run([mypy, "--strict", "--no-incremental", str(script)],
                         capture_output=True, text=True, cwd=tmp_path, check=False)  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr


def _distributed_example() -> str:
    section = README.split("### Beyond one machine", 1)[1]
    return re.findall(r"```python\n(.*?)```", section, re.DOTALL)[0]


def test_the_distributed_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """The 'Beyond one machine' example, run as a script: a template found across partitions."""
    pytest.importorskip("distributed", reason="the Dask extra is not installed")
    exec(compile(_distributed_example(), "README.md", "exec"), {"__name__": "__main__"})
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["a.md", "b.md"]
    assert "CC430" not in lines[0] and "CC430" in lines[1]
