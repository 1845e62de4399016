"""The speed benches still run: each in-process part of ``bench/throughput.py`` on a handful of
Reuters stories (a part whose imports went stale after a move would fail here, not when someone
needs its numbers). The numbers themselves are not checked: speed is measured, not tested."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.model
@pytest.mark.parametrize(("part", "expected"), [
    (["skip", "--n", "5"], "parser time saved"),
    (["pipeline", "--n", "6", "--stages", "4", "--slice", "3"], "ratio pipeline/bare"),
])
def test_throughput_part_runs(shared, part, expected):
    done = subprocess.run([sys.executable, str(REPO / "bench" / "throughput.py"), *part],
                          capture_output=True, text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr[-2000:]
    assert expected in done.stdout
