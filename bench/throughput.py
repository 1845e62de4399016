"""Throughput: bare spaCy ``nlp.pipe`` vs the whole newsevents pipeline, on the same texts, in one run.

Usage:
    .venv/bin/python bench/throughput.py [--n 2000] [--batch-size 64]

Prints articles/s and words/s for both, their ratio (target >= 0.8), per-stage time shares and
peak RSS. Reads Reuters-21578 from ../shared/data (never copied into the repository).
"""

from __future__ import annotations

import argparse
import itertools
import resource
import time
from collections import defaultdict
from pathlib import Path

from newsevents.nlp import COMPONENTS, load_pipeline, make_docs
from newsevents.records import Article
from newsevents.sources import read_paths

REUTERS = Path(__file__).resolve().parents[2] / "shared" / "data" / "reuters-21578"


def reuters_articles(n: int) -> list[Article]:
    items = read_paths(sorted(REUTERS.glob("reut2-*.sgm")))
    return list(itertools.islice((a for a in items if isinstance(a, Article)), n))


def timed_pipe(nlp, articles: list[Article], batch_size: int) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(make_docs(nlp, articles), batch_size=batch_size):
        pass
    return time.perf_counter() - start


def stage_times(nlp, articles: list[Article]) -> dict[str, float]:
    """Time each component separately on the same docs (one pass, component by component)."""
    totals: dict[str, float] = defaultdict(float)
    for doc in make_docs(nlp, articles):
        for name, proc in nlp.pipeline:
            start = time.perf_counter()
            doc = proc(doc)
            totals[name] += time.perf_counter() - start
    return dict(totals)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--stages", type=int, default=300, help="articles for the per-stage table")
    args = parser.parse_args()

    articles = reuters_articles(args.n)
    words = sum(len(a.text.split()) for a in articles)
    bare, full = load_pipeline(()), load_pipeline(COMPONENTS)
    timed_pipe(bare, articles[:50], args.batch_size)  # warm both
    timed_pipe(full, articles[:50], args.batch_size)
    rss_loaded = peak_rss_mb()
    t_bare = timed_pipe(bare, articles, args.batch_size)
    t_full = timed_pipe(full, articles, args.batch_size)

    print(f"articles: {len(articles)}  words: {words}  batch size: {args.batch_size}")
    print(f"{'':10} {'seconds':>8} {'articles/s':>11} {'words/s':>9}")
    for name, seconds in (("bare", t_bare), ("pipeline", t_full)):
        print(f"{name:10} {seconds:8.1f} {len(articles) / seconds:11.1f} {words / seconds:9.0f}")
    print(f"ratio pipeline/bare articles/s: {t_bare / t_full:.2f}  (target >= 0.80)")
    print(f"peak RSS: {peak_rss_mb():.0f} MB (after loading both pipelines: {rss_loaded:.0f} MB)")

    times = stage_times(full, articles[: args.stages])
    total = sum(times.values())
    print(f"per-component share of pipeline time on {args.stages} articles:")
    for name, seconds in sorted(times.items(), key=lambda kv: -kv[1]):
        print(f"  {name:24} {seconds:7.2f} s  {100 * seconds / total:5.1f} %")


if __name__ == "__main__":
    main()
