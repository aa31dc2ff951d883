"""The pre-commit hook of .pre-commit-hooks.yaml passes a clean draft and fails an error.

Runs ``pre-commit try-repo`` on this checkout, which installs claimcheck in pre-commit's own
environment (slow the first time); skipped where pre-commit is not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CLEAN = "We walked along the river and had lunch in a small cafe by the bridge.\n"
ERROR = "Cupping is completely safe and has no side effects.\n"  # CC102, error severity


def test_hook_definition() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "claimcheck" and hook["language"] == "python"
    assert hook["entry"] == "claimcheck check"
    files = re.compile(hook["files"])
    for name in ("post.md", "notes.markdown", "draft.txt", "page.html", "page.htm"):
        assert files.search(name), name
    for name in ("setup.py", "data.json", "image.png"):
        assert not files.search(name), name


def _try_repo(repo: Path) -> subprocess.CompletedProcess[str]:
    """Run the hook on every file of ``repo`` (its files added to git, as pre-commit needs)."""
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    return subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), "claimcheck", "--all-files"],
        cwd=repo, capture_output=True, text=True, timeout=1800, check=False,
    )  # fmt: skip


@pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed")
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    repo = tmp_path / "site"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "clean.md").write_text(CLEAN, encoding="utf-8")
    (repo / "script.py").write_text("print('not an article')\n", encoding="utf-8")
    passed = _try_repo(repo)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    (repo / "risky.md").write_text(ERROR, encoding="utf-8")
    failed = _try_repo(repo)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "risky.md:1:" in failed.stdout and "CC102" in failed.stdout
