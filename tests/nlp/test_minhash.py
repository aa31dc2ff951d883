"""MinHash signatures of passages and the banded LSH index (claimcheck.nlp.minhash)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
import spacy

from claimcheck.nlp import minhash
from claimcheck.nlp.minhash import SignatureIndex, lsh_params, sign, token_words, words

TEXT = (
    "Our friendly team of certified experts offers personalised care plans for every budget "
    "and lifestyle, and every first visit includes a free consultation with a specialist."
)


def _vocabulary(n: int, prefix: str) -> list[str]:
    return [f"{prefix}{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}" for i in range(n)]


def _jaccard_pair(shared: int, own: int) -> tuple[str, str, float]:
    """Two texts of distinct words whose 1-word shingle sets have a known Jaccard."""
    common = _vocabulary(shared, "c")
    a = " ".join(common + _vocabulary(own, "a"))
    b = " ".join(common + _vocabulary(own, "b"))
    return a, b, shared / (shared + 2 * own)


@pytest.mark.parametrize(
    ("threshold", "num_perm", "expected"),
    [(0.8, 64, (5, 11)), (0.5, 128, (25, 5)), (0.9, 32, (2, 16)), (0.6, 100, (16, 6))],
)
def test_band_parameters_are_datasketchs(
    threshold: float, num_perm: int, expected: tuple[int, int]
) -> None:
    # the values datasketch 2.0's MinHashLSH chooses with equal weights
    assert lsh_params(threshold, num_perm) == expected


@pytest.mark.parametrize(("shared", "own"), [(300, 0), (240, 30), (150, 75), (60, 120), (0, 150)])
def test_signatures_estimate_jaccard(shared: int, own: int) -> None:
    a, b, truth = _jaccard_pair(shared, own)
    text = f"{a}\n{b}"
    spans = [(0, len(a)), (len(a) + 1, len(text))]
    _, sigs = sign(words(text), spans, shingle=1, num_perm=256, min_words=1)
    estimate = float((sigs[0] == sigs[1]).mean())
    assert abs(estimate - truth) < 0.1, (estimate, truth)


def test_a_passage_is_its_words_wholly_inside_the_span() -> None:
    text = "alpha beta gamma delta"
    spans, sigs = sign(words(text), [(2, 16), (0, 16), (6, 22)], 3, 16, min_words=3)
    assert spans == [(0, 16), (6, 22)]  # (2, 16) cuts 'alpha': two whole words only
    _, again = sign(words("alpha beta gamma"), [(0, 16)], 3, 16, min_words=3)
    assert (sigs[0] == again[0]).all()


def test_short_passage_is_one_shingle() -> None:
    _, sigs = sign(words("tiny text"), [(0, 9)], shingle=3, num_perm=16, min_words=2)
    assert sigs.shape == (1, 16)


def test_long_passages_are_reduced_chunk_by_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    text = " ".join(_vocabulary(600, "w"))
    whole = [(0, len(text)), (0, 50), (len(text) - 40, len(text))]
    _, expected = sign(words(text), whole, 3, 32, min_words=3)
    monkeypatch.setattr(minhash, "CHUNK", 64)  # the paragraph spans ten chunks
    _, chunked = sign(words(text), whole, 3, 32, min_words=3)
    assert (expected == chunked).all()


def test_token_words_are_the_alphabetic_tokens() -> None:
    doc = spacy.blank("en")("Call 555-0100 today, don't wait!")
    starts, ends, hashes = token_words(doc)
    assert [doc.text[s:e] for s, e in zip(starts, ends, strict=True)] == [
        "Call", "today", "do", "wait"
    ]  # fmt: skip
    upper = token_words(spacy.blank("en")("CALL TODAY"))
    assert hashes[0] == upper[2][0] and hashes[1] == upper[2][1]  # lower case


def test_signatures_are_the_same_in_another_process() -> None:
    code = (
        "import spacy, sys; from claimcheck.nlp.minhash import sign, token_words;"
        "t=sys.argv[1]; d=spacy.blank('en')(t);"
        "print(sign(token_words(d), [(0, len(t))], 3, 64, 8)[1].tobytes().hex())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, TEXT], capture_output=True, text=True, check=True
    ).stdout.strip()
    _, here = sign(token_words(spacy.blank("en")(TEXT)), [(0, len(TEXT))], 3, 64, 8)
    assert out == here.tobytes().hex()


def test_index_finds_near_copies_only() -> None:
    index = SignatureIndex(threshold=0.8, num_perm=64)
    near = TEXT.replace("friendly", "caring")
    other = "Beans go in late, when the soil is warm and the frosts are over for the year."
    text = "\n".join([TEXT, near, other])
    lines = [(0, len(TEXT)), (len(TEXT) + 1, len(TEXT) + 1 + len(near))]
    lines.append((lines[1][1] + 1, len(text)))
    _, sigs = sign(words(text), lines, 3, 64, 8)
    keys = index.band_keys(sigs)
    assert index.add(7, sigs[0], keys[0])
    assert index.query(sigs[1], keys[1]) == [7]
    assert index.query(sigs[2], keys[2]) == []
    assert len(index) == 1


def test_index_is_bounded_and_grows() -> None:
    index = SignatureIndex(max_passages=100)
    rows = np.arange(101 * 64, dtype=np.uint32).reshape(101, 64)
    keys = index.band_keys(rows)
    assert all(index.add(i, rows[i], keys[i]) for i in range(100))
    assert not index.add(100, rows[100], keys[100])
    assert index.query(rows[99], keys[99]) == [99]


def test_buckets_are_bounded() -> None:
    index = SignatureIndex(max_bucket=16)
    row = np.arange(64, dtype=np.uint32)[None, :]
    keys = index.band_keys(row)
    for owner in range(100):  # a template sentence in every document of a large run
        index.add(owner, row[0], keys[0])
    assert len(index) == 100
    assert index.query(row[0], keys[0]) == list(range(16))  # found; look-ups stay bounded
