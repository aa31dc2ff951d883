"""MinHash signatures of a document's passages, all at once, and a banded LSH index of them.

A passage's signature is, for each of ``num_perm`` hash functions, the minimum hash of its word
``shingle``-grams; the share of equal positions in two signatures estimates the Jaccard
similarity of the two passages' shingle sets (Broder 1997). The index cuts a signature into
``bands`` bands of ``rows`` positions and finds the passages that agree with it on a whole band
(Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3), the parameters chosen as
datasketch chooses them (least false positive plus false negative area around the threshold).

Why not datasketch's ``MinHash`` per passage: a document has dozens of passages of a few
dozen shingles each, and datasketch's per-object calls (hash, permute, reduce, then the LSH's
byte-swapped band keys) cost more than the arithmetic. Here the words of the whole document
are hashed once, each word window is permuted once in one numpy array (``words x num_perm``),
and a passage's signature is the column minimum of its rows; the index keys bands with one
integer each. Everything is deterministic (CRC-32 words, fixed-seed hash functions), so
signatures made in worker processes agree with the parent's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from zlib import crc32

import numpy as np
import numpy.typing as npt
from spacy.attrs import IDX, IS_ALPHA, LENGTH, LOWER  # type: ignore[import-not-found]
from spacy.tokens import Doc

Signatures = npt.NDArray[np.uint32]  # one row per passage, one column per hash function
# a text's words: start offsets, end offsets, 32- or 64-bit hashes
Words = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.uint64]]
WORD = re.compile(r"[^\W\d_]+")  # words of letters; numbers and prices do not count
_SPLIT = re.compile(f"({WORD.pattern})")  # split keeps the words: one pass, offsets by length
_SEED = 20241124  # fixed: every process draws the same hash functions
_MIX = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9)  # odd 64-bit multipliers
_WORD_MEMO: dict[str, int] = {}  # word -> CRC-32; words repeat across documents
_WORD_MEMO_MAX = 500_000


def words(text: str) -> Words:
    """Start and end offsets of the text's words and their 32-bit hashes (of the lower case).

    One split of the whole text (separators and words alternate) and the running sum of the
    parts' lengths give the offsets without a Python step per match.
    """
    parts = _SPLIT.split(text)  # [separator, word, separator, word, ..., separator]
    found = parts[1::2]
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.uint64)
    bounds = np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)))
    ends = bounds[1::2]
    starts = ends - np.fromiter(map(len, found), dtype=np.int64, count=len(found))
    lowered = "\0".join(found).lower().split("\0")
    if len(lowered) != len(found):  # lower() never makes or removes a NUL; kept as a guard
        lowered = [w.lower() for w in found]
    memo = _WORD_MEMO
    if len(memo) > _WORD_MEMO_MAX:
        memo.clear()
    for word in set(lowered).difference(memo):
        memo[word] = crc32(word.encode("utf-8", "surrogatepass"))
    hashes = np.fromiter(map(memo.__getitem__, lowered), dtype=np.uint64, count=len(lowered))
    return starts, ends, hashes


def shingles(hashes: npt.NDArray[np.uint64], n: int) -> npt.NDArray[np.uint64]:
    """One 32-bit hash per window of ``n`` consecutive words (``len - n + 1`` of them)."""
    count = len(hashes) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    out = np.zeros(count, dtype=np.uint64)
    for k in range(n):
        out ^= hashes[k : k + count] * np.uint64(_MIX[k % len(_MIX)] + 2 * (k // len(_MIX)))
    return out >> np.uint64(32)


@lru_cache(maxsize=8)
def hash_functions(num_perm: int) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    """``num_perm`` multiply-shift hash functions ``(a * x + b) >> 32`` with odd 64-bit ``a``."""
    gen = np.random.default_rng(_SEED)
    a = gen.integers(0, 1 << 63, num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = gen.integers(0, 1 << 63, num_perm, dtype=np.uint64)
    return a, b


CHUNK = 4096  # word windows permuted at a time: 4096 x num_perm x 8 bytes (2 MB at 64)


class _Windows:
    """The permuted hashes of a document's word windows, made a chunk at a time.

    Passages come in order of their start, so a chunk before the current passage is never
    needed again and is dropped; a passage longer than two chunks is reduced chunk by chunk
    without keeping them. Memory stays bounded however long the document or a paragraph is.
    """

    def __init__(self, windows: npt.NDArray[np.uint64], num_perm: int) -> None:
        self.windows = windows
        self.a, self.b = hash_functions(num_perm)
        self.cache: dict[int, npt.NDArray[np.uint64]] = {}

    def chunk(self, k: int) -> npt.NDArray[np.uint64]:
        """Permuted hashes (windows x num_perm) of the k-th chunk of windows."""
        part = self.windows[k * CHUNK : (k + 1) * CHUNK, None]
        with np.errstate(over="ignore"):
            return (part * self.a + self.b) >> np.uint64(32)

    def minimum(self, lo: int, hi: int) -> npt.NDArray[np.uint64]:
        """Column minimum of the permuted hashes of windows ``lo`` to ``hi`` (exclusive)."""
        first, last = lo // CHUNK, (hi - 1) // CHUNK
        for k in [k for k in self.cache if k < first]:
            del self.cache[k]
        keep = last - first < 2
        out: npt.NDArray[np.uint64] | None = None
        for k in range(first, last + 1):
            block = self.cache.get(k)
            if block is None:
                block = self.chunk(k)
                if keep:
                    self.cache[k] = block
            part = block[max(lo - k * CHUNK, 0) : hi - k * CHUNK].min(axis=0)
            out = part if out is None else np.minimum(out, part)
        assert out is not None
        return out


def token_words(doc: Doc) -> Words:
    """The words of a spaCy doc: its alphabetic tokens, with spaCy's hash of their lower case.

    Read in one native pass (``Doc.to_array``); spaCy's string hashes are the same in every
    process, so signatures made in workers agree with the parent's.
    """
    if not len(doc):
        return words("")
    table = doc.to_array([IDX, LENGTH, IS_ALPHA, LOWER])
    alpha = table[:, 2] == 1
    starts = table[alpha, 0].astype(np.int64)
    return starts, starts + table[alpha, 1].astype(np.int64), table[alpha, 3].astype(np.uint64)


def sign(
    found: Words, spans: Sequence[tuple[int, int]], shingle: int, num_perm: int, min_words: int
) -> tuple[list[tuple[int, int]], Signatures]:
    """The spans of at least ``min_words`` words, and one signature per such span.

    ``found`` are the text's words (:func:`words` or :func:`token_words`). A span's words are
    those that lie wholly inside it; its shingles are the windows of ``shingle`` words inside
    it (the whole span when it is shorter). Spans are taken in order of their start.
    """
    starts, ends, hashes = found
    windows = _Windows(shingles(hashes, shingle), num_perm)
    kept: list[tuple[int, int]] = []
    rows: list[npt.NDArray[np.uint64]] = []
    ordered = sorted(spans)
    bounds = np.array(ordered, dtype=np.int64).reshape(-1, 2)
    first = np.searchsorted(starts, bounds[:, 0]).tolist()
    after = np.searchsorted(ends, bounds[:, 1], side="right").tolist()
    for (start, end), i, j in zip(ordered, first, after, strict=True):
        if j - i < max(min_words, 1):
            continue
        if j - i >= shingle:
            rows.append(windows.minimum(i, j - shingle + 1))
        else:  # shorter than one shingle: the passage is its only shingle
            short = _Windows(shingles(hashes[i:j], j - i), num_perm)
            rows.append(short.minimum(0, 1))
        kept.append((start, end))
    if not rows:
        return kept, np.zeros((0, num_perm), dtype=np.uint32)
    return kept, np.vstack(rows).astype(np.uint32)


def _area(f: npt.NDArray[np.float64], x: npt.NDArray[np.float64]) -> float:
    """The trapezoid area under ``f`` sampled at ``x``."""
    return float(((f[1:] + f[:-1]) * np.diff(x)).sum() / 2)


@lru_cache(maxsize=16)
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band minimising the false positive plus false negative area.

    The same criterion as datasketch's ``MinHashLSH`` (equal weights): the probability that
    two passages of Jaccard ``s`` share a band is ``1 - (1 - s**r)**b``.
    """
    below = np.linspace(0.0, threshold, 401)
    above = np.linspace(threshold, 1.0, 401)
    best = (float("inf"), (1, num_perm))
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            fp = _area(1 - (1 - below**rows) ** bands, below)
            fn = _area((1 - above**rows) ** bands, above)
            if fp + fn < best[0]:
                best = (fp + fn, (bands, rows))
    return best[1]


@dataclass
class SignatureIndex:
    """Signatures of passages, with their owners, in a banded LSH index.

    ``query`` returns the owners of indexed passages whose signatures agree with the given one
    on at least ``threshold`` of their positions. At most ``max_passages`` are kept, and a band
    bucket holds at most ``max_bucket`` passages: text that many passages share on one band
    (a template's recurring sentence with small variations) would otherwise make every later
    look-up compare against all of them, and a run quadratic in its size. A passage in a full
    bucket is still found through its other bands.
    """

    threshold: float = 0.8
    num_perm: int = 64
    max_passages: int = 50_000
    max_bucket: int = 64
    owners: list[int] = field(default_factory=list)
    _buckets: list[dict[int, list[int]]] = field(default_factory=list)
    _rows: Signatures = field(default_factory=lambda: np.zeros((0, 0), dtype=np.uint32))
    _mix: npt.NDArray[np.uint64] = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))

    def __post_init__(self) -> None:
        self.bands, self.band_rows = lsh_params(self.threshold, self.num_perm)
        self._buckets = [{} for _ in range(self.bands)]
        self._rows = np.zeros((64, self.num_perm), dtype=np.uint32)
        mix = np.random.default_rng(_SEED + 1).integers(0, 1 << 63, self.band_rows, dtype=np.uint64)
        self._mix = mix * np.uint64(2) + np.uint64(1)

    def __len__(self) -> int:
        return len(self.owners)

    def band_keys(self, signatures: Signatures) -> list[list[int]]:
        """One integer per band of each signature (rows x bands)."""
        r = self.band_rows
        used = signatures[:, : self.bands * r].astype(np.uint64)
        used = used.reshape(len(signatures), self.bands, r)
        with np.errstate(over="ignore"):
            keys: list[list[int]] = (used * self._mix).sum(axis=2, dtype=np.uint64).tolist()
        return keys

    def query(self, signature: Signatures, keys: list[int]) -> list[int]:
        """Owners of the indexed passages similar to ``signature`` (one per passage)."""
        found: set[int] = set()
        for bucket, key in zip(self._buckets, keys, strict=True):
            hit = bucket.get(key)
            if hit:
                found.update(hit)
        if not found:
            return []
        candidates = np.fromiter(found, dtype=np.int64, count=len(found))
        agree = (self._rows[candidates] == signature).sum(axis=1) >= self.threshold * self.num_perm
        return [self.owners[i] for i in candidates[agree].tolist()]

    def add(self, owner: int, signature: Signatures, keys: list[int]) -> bool:
        """Index one signature for ``owner``; False when the index is full."""
        number = len(self.owners)
        if number >= self.max_passages:
            return False
        if number == len(self._rows):
            grown = np.zeros((2 * number, self.num_perm), dtype=np.uint32)
            grown[:number] = self._rows
            self._rows = grown
        self._rows[number] = signature
        self.owners.append(owner)
        for band, key in enumerate(keys):
            bucket = self._buckets[band].setdefault(key, [])
            if len(bucket) < self.max_bucket:
                bucket.append(number)
        return True
