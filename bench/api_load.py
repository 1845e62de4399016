"""Bounded load test of the REST API on loopback: throughput and tail latency.

Serves a synthetic store (built like bench/api_latency.py: N events, 100 per article) with
``newsevents serve`` (uvicorn) in a subprocess on 127.0.0.1, then sends a fixed number of
requests from C concurrent clients, stopping at the request count or the time limit, whichever
comes first, and stops the server. Prints requests/s, p50/p95/p99/max latency and status counts.

Usage: .venv/bin/python bench/api_load.py [--events 100000] [--requests 2000] [--duration 60]
       [--concurrency 8] [--db PATH]
"""

from __future__ import annotations

import argparse
import collections
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from api_latency import build, urls  # noqa: E402  (the same store and request mix)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    """``newsevents serve`` on loopback; returns once it answers."""
    proc = subprocess.Popen([sys.executable, "-m", "newsevents", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/events?limit=1", timeout=2)
            return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not answer within 60 s")


def load(port: int, todo: list[str], concurrency: int, duration: float) -> tuple[list[float], collections.Counter, float]:
    """Send ``todo`` from ``concurrency`` threads until done or ``duration`` seconds passed."""
    latencies: list[float] = []
    statuses: collections.Counter = collections.Counter()
    lock = threading.Lock()
    queue = iter(todo)
    stop_at = time.monotonic() + duration

    def worker() -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            while time.monotonic() < stop_at:
                with lock:
                    url = next(queue, None)
                if url is None:
                    return
                started = time.perf_counter()
                try:
                    status = client.get(url).status_code
                except httpx.TransportError as exc:
                    status = type(exc).__name__
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    statuses[status] += 1

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, statuses, time.perf_counter() - started


def percentile(sorted_values: list[float], q: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000, help="fixed number of requests")
    parser.add_argument("--duration", type=float, default=60.0, help="stop after this many seconds")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--db", type=Path, default=Path("/tmp/newsevents-bench-load.duckdb"))
    args = parser.parse_args()
    if not args.db.exists():
        build(args.db, args.events)
    port = free_port()
    server = start_server(args.db, port)
    try:
        latencies, statuses, wall = load(port, urls(args.requests, seed=9), args.concurrency, args.duration)
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies.sort()
    print(f"{len(latencies)} of {args.requests} requests in {wall:.1f} s (limit {args.duration:g} s), "
          f"{args.concurrency} clients, loopback, {os.cpu_count()} CPUs: {len(latencies) / wall:.1f} req/s")
    print(f"latency ms: p50 {statistics.median(latencies):.1f}  p95 {percentile(latencies, 0.95):.1f}  "
          f"p99 {percentile(latencies, 0.99):.1f}  max {latencies[-1]:.1f}")
    print("statuses:", dict(sorted(statuses.items(), key=str)))
    if any(not (isinstance(s, int) and s < 500) for s in statuses):
        raise SystemExit("server errors or failed connections during the load test")


if __name__ == "__main__":
    main()
