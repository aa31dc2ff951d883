"""Small array helpers shared by the components and rules."""

from __future__ import annotations

from typing import Any

import numpy as np


def member(values: np.ndarray[Any, Any], sorted_keys: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Which of ``values`` are in ``sorted_keys``: ``np.isin`` without re-sorting the keys.

    The same answer as ``np.isin(values, sorted_keys)`` for sorted keys of the same integer
    dtype as ``values`` (spaCy's uint64 hashes: mixing them with signed integers would compare
    them as floats). ``np.isin`` sorts both arrays on every call, which costs tens of
    microseconds even for a short document; one binary search per value does not.
    """
    if not len(sorted_keys):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_keys, values), len(sorted_keys) - 1)
    return np.asarray(sorted_keys[at] == values)
