"""bench/batch.py runs (--quick) and the generated posts are what the benchmark says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import posts  # noqa: E402


def test_posts_are_fixed_by_their_number_and_one_in_ten_has_a_template() -> None:
    assert posts.post(7) == posts.post(7)
    assert posts.post(7) != posts.post(8)
    texts = [posts.post(i)[1] for i in range(100)]
    with_template = [t for t in texts if any(p in t for p in posts.TEMPLATE_PARAGRAPHS)]
    assert len(with_template) == 10
    words = sum(len(t.split()) for t in texts) / len(texts)
    assert 150 < words < 350


def test_quick_run_prints_every_mode() -> None:
    pytest.importorskip("distributed", reason="the Dask extra is not installed")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, str(ROOT / "bench" / "batch.py"), "--quick"]
    run = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    rows = [line.split() for line in run.stdout.splitlines()]
    assert {r[0] for r in rows if r and r[0] in ("jobs1", "jobs2", "dask")} == {
        "jobs1", "jobs2", "dask"
    }
    assert "jobs2 / jobs1 docs/s" in run.stdout
