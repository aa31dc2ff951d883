"""The L2-regularised logistic regression both trained models use (scripts/train_*_model.py).

Fitted by Newton's method from zero weights, so a retrain on the same data gives the same
file and CI can tell whether a model file is current.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np


def fit(
    feats: Sequence[frozenset[str]], labels: Sequence[int], *, min_count: int, l2: float,
    tolerance: float, digits: int, min_weight: float = 0.0,
) -> tuple[dict[str, float], float]:  # fmt: skip
    """(weights, bias) of the features seen in at least ``min_count`` examples; weights are
    rounded to ``digits`` and kept when non-zero and at least ``min_weight`` in size. The
    bias is not shrunk; Newton steps stop below ``tolerance`` (at most 40)."""
    counts = Counter(f for fs in feats for f in fs)
    vocab = sorted(f for f, c in counts.items() if c >= min_count)
    index = {f: i for i, f in enumerate(vocab)}
    x = np.zeros((len(feats), len(vocab) + 1))
    x[:, -1] = 1.0
    for row, fs in enumerate(feats):
        for f in fs:
            if f in index:
                x[row, index[f]] = 1.0
    y = np.array(labels, dtype=float)
    w = np.zeros(x.shape[1])
    penalty = l2 * np.eye(len(w))
    penalty[-1, -1] = 0.0
    for _ in range(40):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + penalty @ w
        hess = (x.T * (p * (1 - p))) @ x + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < tolerance:
            break
    rounded = {f: round(float(w[i]), digits) for f, i in index.items()}
    weights = {f: v for f, v in rounded.items() if v and abs(v) >= min_weight}
    return weights, round(float(w[-1]), digits)
