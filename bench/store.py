"""Store throughput: how long DuckDB writes, skips, reads and exports a Reuters-sized corpus.

Synthetic ArticleRecords shaped like a processed Reuters-21578 story (no news text is used):
a ~700-character body, 12 entities, 3 time expressions, 1 quote, 3 places and 2 events each.

    .venv/bin/python bench/store.py [--articles 19043] [--batch-size 500]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from newsevents.records import (
    Actor,
    Article,
    ArticleRecord,
    Entity,
    Event,
    Mention,
    Place,
    Plover,
    Quote,
    Span,
    Timex,
    Tone,
)
from newsevents.store.database import Store

ACTORS = [Actor("USAGOV", "USA", "GOV"), Actor("IGOWSTNAT", None, None, "NATO"), Actor("RUS", "RUS"), None]
WORDS = "the minister said talks on trade and oil prices would resume next week in the capital".split()


def synthetic(i: int, rng: random.Random) -> ArticleRecord:
    """One record of Reuters-like size, deterministic in ``i``."""
    text = " ".join(rng.choice(WORDS) for _ in range(130))
    published = f"1987-{1 + i % 12:02d}-{1 + i % 28:02d}"
    mention = Mention(0, 8, "minister", rng.choice(ACTORS))
    place = Place(10, 16, "London", "London", "GBR", 51.5, -0.12, 2643743, "city")
    events = [
        Event(f"{i}-e{k}", "036", "03", 1, 4.0, mention, Span(0, 60, text[:60]), k, published, "day",
              "publication", target=Mention(20, 24, "NATO", ACTORS[1]), plover=Plover("CONSULT"), place=place)
        for k in range(2)
    ]  # fmt: skip
    return ArticleRecord(
        Article(f"art{i:06d}", published, f"Title {i}", text, "Reuters"),
        entities=[Entity(k, k + 5, "Name", "ORG", rng.choice(ACTORS), "dict") for k in range(12)],
        timexes=[Timex(k, k + 4, "week", "DATE", "1987-W10") for k in range(3)],
        quotes=[Quote(30, 90, text[30:90], True, "said", mention)],
        places=[place] * 3,
        events=events,
        tone=Tone(-1.0, 2.0, 3.0, -0.1, 130),
    )


def timed(label: str, fn, n: int) -> object:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    print(f"{label:<38} {seconds:7.2f} s  {n / seconds:9.0f} articles/s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=19_043)
    parser.add_argument("--batch-size", type=int, default=500)
    args = parser.parse_args()
    rng = random.Random(0)
    build = lambda: [synthetic(i, rng) for i in range(args.articles)]  # noqa: E731
    records = timed("build records (Python, not the store)", build, args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        with Store(db) as store:
            n = args.articles
            added = timed("add (new)", lambda: store.add(records, batch_size=args.batch_size), n)
            skipped = timed("add again (all known, skipped)", lambda: store.add(records), n)
            assert added == n and skipped == 0, (added, skipped)
            ids = [r.article.id for r in records[:: max(1, n // 200)]]
            timed("get_article x200 (rate = lookups/s)", lambda: [store.get_article(i) for i in ids], len(ids))
            timed("iter_records (full round trip)", lambda: sum(1 for _ in store.iter_records()), n)
            timed("export parquet events (partitioned)", lambda: store.export("parquet", Path(tmp) / "pq"), n)
            timed("export jsonl articles", lambda: store.export("jsonl", Path(tmp) / "a.jsonl", table="articles"), n)
            print("rows:", store.counts())
        print(f"database size: {db.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
