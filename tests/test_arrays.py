"""arrays.isin answers as np.isin on the Doc's uint64 arrays, without importing numpy.ma."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from newsevents.arrays import isin, members


def test_isin_equals_numpy() -> None:
    rng = np.random.default_rng(11)
    big = rng.integers(0, 2**64 - 1, size=50, dtype=np.uint64)
    column = np.concatenate([big, rng.choice(big, 200), np.array([0, 2**64 - 1], dtype=np.uint64)])
    for keys in ([], big[:1].tolist(), big[:7].tolist(), big.tolist(), [0, 2**64 - 1, 5, 5]):
        assert (isin(column, members(keys)) == np.isin(column, np.array(keys, dtype=np.uint64))).all()
    assert isin(np.array([], dtype=np.uint64), members([1])).shape == (0,)


def test_isin_does_not_import_numpy_ma() -> None:
    code = ("import sys, numpy as np; from newsevents.arrays import isin, members; "
            "isin(np.arange(9, dtype=np.uint64), members([3, 1])); print('numpy.ma' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
