"""The project's own strength corpus (bench/strength-corpus): its shape, and that it holds
nothing from the GPL causal-language set, which may be measured on but never copied."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from common import causal_sentences  # noqa: E402

TSV = ROOT / "bench" / "strength-corpus" / "sentences.tsv"
RAW = ROOT / "bench" / "strength-corpus" / "raw"


def rows() -> list[tuple[str, int]]:
    lines = TSV.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "sentence\tlabel"
    out = []
    for line in lines[1:]:
        sentence, label = line.split("\t")
        out.append((sentence, int(label)))
    return out


def words(sentence: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", sentence.lower()))


def test_the_corpus_has_all_four_labels_and_no_repeats() -> None:
    data = rows()
    counts = Counter(label for _, label in data)
    assert len(data) >= 600
    assert set(counts) == {0, 1, 2, 3}
    assert min(counts.values()) >= 100
    assert len({s for s, _ in data}) == len(data)


def test_the_tsv_is_built_from_the_raw_files() -> None:
    raw = sorted(
        (line.strip(), label)
        for label in range(4)
        for line in (RAW / f"{label}.txt").read_text(encoding="utf-8").splitlines()
        if line.strip()
    )
    assert sorted(rows()) == raw


def test_no_sentence_is_close_to_one_of_the_gpl_set() -> None:
    gpl = [words(s) for s, _ in causal_sentences()]
    if not gpl:
        pytest.skip("causal-language data set absent")
    for sentence, _ in rows():
        own = words(sentence)
        closest = max(len(own & g) / len(own | g) for g in gpl)
        assert closest < 0.6, sentence
