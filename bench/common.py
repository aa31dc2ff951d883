"""Shared helpers for the bench scripts: data locations, the text corpus, results files."""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SHARED = Path(os.environ.get("CLAIMCHECK_SHARED", str(ROOT.parent / "shared")))
DATASETS = Path(os.environ.get("CLAIMCHECK_DATASETS", str(SHARED / "datasets")))
SEED_DIR = SHARED / "corpus" / "dry-needling"
SEEDCHECK = SHARED / "tools" / "seedcheck.py"
PROJECT_TEXTS = ("examples", "tests")
_TEXT_SUFFIXES = {".txt", ".md"}


def machine() -> dict[str, Any]:
    """Where a measurement was taken."""
    import spacy

    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.machine()}",
        "cpus": os.cpu_count(),
        "spacy": spacy.__version__,
    }


def write_results(name: str, payload: dict[str, Any]) -> Path:
    """Write ``payload`` (plus machine info) to bench/results/<name>-<timestamp>.json."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    info = machine()
    stamp = info["date"].replace("-", "").replace(":", "")
    path = RESULTS / f"{name}-{stamp}.json"
    path.write_text(json.dumps({"machine": info, **payload}, indent=2), encoding="utf-8")
    return path


def project_texts() -> list[tuple[str, str]]:
    """(name, text) of the plain-text and Markdown articles shipped in examples/ and tests/."""
    out = []
    for folder in PROJECT_TEXTS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in _TEXT_SUFFIXES and path.is_file() and path.name != "README.md":
                out.append((str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")))
    return out


def shared_texts() -> list[tuple[str, str]]:
    """(name, text) of real article text in the shared folder: seed article, extraction truth."""
    out = []
    seed = SEED_DIR / "article.txt"
    if seed.is_file():
        out.append(("seed/dry-needling", seed.read_text(encoding="utf-8")))
    truth = DATASETS / "article-extraction-benchmark" / "ground-truth.json"
    if truth.is_file():
        pages = json.loads(truth.read_text(encoding="utf-8"))
        for key in sorted(pages):
            body = pages[key].get("articleBody") or ""
            if body.strip():
                out.append((f"aeb/{key[:12]}", body))
    return out


def corpus(min_bytes: int) -> Iterator[tuple[str, str]]:
    """Articles (project texts, then shared texts), repeated until ``min_bytes`` of UTF-8."""
    base = project_texts() + shared_texts()
    if not base:
        raise SystemExit("no article text found (examples/, tests/ or the shared folder)")
    total, round_ = 0, 0
    while total < min_bytes:
        for name, text in base:
            yield (f"{name}#{round_}", text)
            total += len(text.encode("utf-8"))
        round_ += 1


def words_of(text: str) -> int:
    """Whitespace-separated words, the unit of every words/s figure."""
    return len(text.split())


def causal_sentences() -> list[tuple[str, int]]:
    """(sentence, label) of the causal-language data set, or [] when it is absent."""
    import csv

    path = DATASETS / "causal-language" / "pubmed_causal_language_use.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [(row["sentence"], int(row["label"])) for row in csv.DictReader(fh)]
