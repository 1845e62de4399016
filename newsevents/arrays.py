"""Membership tests on the Doc's uint64 arrays (hashes of words, tags, labels).

``np.isin`` sorts through ``np.unique``, and the first ``np.unique`` of a process imports
``numpy.ma`` (15-30 ms that a one-article ``newsevents extract`` paid and a bare model load does
not); a binary search over the sorted members gives the same answer without it.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


def members(values: Iterable[int]) -> np.ndarray:
    """The distinct values, sorted, as the uint64 array :func:`isin` searches."""
    return np.array(sorted({int(v) for v in values}), dtype=np.uint64)


def isin(column: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """``np.isin(column, keys)`` for a uint64 column and keys made by :func:`members`."""
    column = np.asarray(column, dtype=np.uint64)
    if len(keys) == 0:
        return np.zeros(column.shape, dtype=bool)
    at = np.searchsorted(keys, column).clip(0, len(keys) - 1)
    return keys[at] == column  # type: ignore[no-any-return]
