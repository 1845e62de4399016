"""Reading speed of the input readers: the Reuters-21578 corpus through ``read_paths``.

    .venv/bin/python bench/sources.py [--repeat 3]

Prints stories/s, MB/s and the counts of articles and rejects by reason.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from newsevents.records import Reject
from newsevents.sources import read_paths

REUTERS = Path(__file__).resolve().parents[2] / "shared" / "data" / "reuters-21578"


def main() -> None:
    """Read the corpus ``--repeat`` times and print the best run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("path", nargs="?", default=str(REUTERS))
    args = parser.parse_args()
    size = sum(p.stat().st_size for p in Path(args.path).glob("*.sgm"))
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        counts = Counter(item.reason if isinstance(item, Reject) else "article" for item in read_paths([args.path]))
        best = min(best, time.perf_counter() - start)
    total = sum(counts.values())
    print(f"records {total:,}  " + "  ".join(f"{k} {v:,}" for k, v in counts.most_common()))
    print(f"best of {args.repeat}: {best:.2f} s  {total / best:,.0f} stories/s  {size / best / 1e6:.1f} MB/s")


if __name__ == "__main__":
    main()
