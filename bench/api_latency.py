"""API latency of event search over a large synthetic store, on loopback.

Builds a store of N synthetic events (default 1,000,000; 100 events per article, actors drawn
from 40 codes, dates over 10 years) with DuckDB SQL, serves it with uvicorn on 127.0.0.1 and
times a bounded, sequential mix of /api/events and /api/dyad requests.

Usage: .venv/bin/python bench/api_latency.py [--events 1000000] [--requests 300] [--db PATH]
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from newsevents.store.database import Store
from newsevents.web.api import create_app

CODES = ["USA", "USAGOV", "IRN", "IRNGOV", "UKR", "UKRGOV", "RUS", "RUSMIL", "CHN", "FRA", "DEU", "GBR",
         "ISR", "PSE", "SYR", "IRQ", "TUR", "IND", "PAK", "JPN", "KOR", "PRK", "BRA", "MEX", "CAN", "EGY",
         "SAU", "QAT", "NGA", "ZAF", "KEN", "ETH", "VEN", "COL", "ARG", "AUS", "IDN", "PHL", "VNM", "IGOWSTNAT"]


def build(path: Path, events: int) -> None:
    """Write ``events`` synthetic events (and their articles) into a new store at ``path``."""
    codes = "[" + ", ".join(f"'{c}'" for c in CODES) + "]"
    with Store(path) as store:
        con = store._con
        articles = max(1, events // 100)
        con.execute(
            "INSERT INTO articles (id, published, published_date, title, text, source) "
            "SELECT printf('a%08d', i), strftime(DATE '2015-01-01' + CAST(i % 3650 AS INTEGER), '%Y-%m-%d'), "
            "DATE '2015-01-01' + CAST(i % 3650 AS INTEGER), 'title ' || i, "
            "'Officials met and talked about the agreement. ' || repeat('More text here. ', 20), "
            "'outlet' || (i % 50) FROM range(?) t(i)", [articles])
        con.execute(
            f"INSERT INTO events (id, article_id, idx, cameo, root, quad_class, goldstein, source_start, "
            "source_end, source_text, source_code, source_country, target_start, target_end, target_text, "
            "target_code, target_country, evidence_start, evidence_end, evidence_text, sentence, date, "
            "event_date, date_precision, date_basis, modality, confidence) "
            f"SELECT printf('%016x', i), printf('a%08d', i // 100), i % 100, lpad(CAST(10 + i % 190 AS VARCHAR), 3, '0'), "
            "lpad(CAST(1 + (i % 190) // 10 AS VARCHAR), 2, '0'), 1 + i % 4, (i % 21) - 10.0, 0, 9, 'Officials', "
            f"{codes}[1 + (i * 7) % 40], left({codes}[1 + (i * 7) % 40], 3), 20, 30, 'agreement', "
            f"{codes}[1 + (i * 13 + 5) % 40], left({codes}[1 + (i * 13 + 5) % 40], 3), 0, 40, "
            "'Officials met and talked about the agreement', 0, '', "
            "DATE '2015-01-01' + CAST((i // 100) % 3650 AS INTEGER), 'day', 'publication', "
            "CASE WHEN i % 10 = 0 THEN 'negated' ELSE 'asserted' END, 0.5 FROM range(?) t(i)", [events])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def urls(n: int, seed: int = 8) -> list[str]:
    """A reproducible mix of searches a dashboard user makes."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        a, b = rng.sample(CODES, 2)
        year = rng.randint(2015, 2024)
        out.append(rng.choice([
            f"/api/events?actor={a}&limit=50",
            f"/api/events?a={a}&b={b}&limit=50",
            f"/api/events?actor={a}&since={year}-03&until={year}-05&limit=50",
            f"/api/events?cameo={rng.randint(1, 19):02d}&since={year}&limit=50&offset=100",
            f"/api/events?a={a}&b={b}&text=agreement&limit=25",
            f"/api/dyad?a={a}&b={b}&by=month",
        ]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--db", type=Path, default=Path("/tmp/newsevents-bench-api.duckdb"))
    args = parser.parse_args()
    if not args.db.exists():
        started = time.perf_counter()
        build(args.db, args.events)
        print(f"built {args.events:,} events in {time.perf_counter() - started:.1f} s")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(args.db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    timings: dict[str, list[float]] = {}
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        client.get("/api/events?limit=1")  # warm-up
        for url in urls(args.requests):
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (url, response.text)
            timings.setdefault(url.split("?")[0] + ("?dyad" if "&b=" in url else ""), []).append(elapsed)
    server.should_exit = True
    every = sorted(t for ts in timings.values() for t in ts)
    print(f"{len(every)} requests, sequential, loopback: p50 {statistics.median(every):.1f} ms, "
          f"p95 {every[int(0.95 * (len(every) - 1))]:.1f} ms, max {every[-1]:.1f} ms")
    for name, ts in sorted(timings.items()):
        ts.sort()
        print(f"  {name:22} n={len(ts):3}  p50 {statistics.median(ts):6.1f} ms  p95 {ts[int(0.95 * (len(ts) - 1))]:6.1f} ms")


if __name__ == "__main__":
    main()
