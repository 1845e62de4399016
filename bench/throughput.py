"""Throughput and scale: start-up, bare spaCy vs the whole pipeline, all cores, Dask, memory, dyads.

Usage:
    .venv/bin/python bench/throughput.py startup [--rounds 7] [--pyc]
    .venv/bin/python bench/throughput.py whole [--n 600] [--rounds 3]
    .venv/bin/python bench/throughput.py ingest [--n 2000] [--rounds 2]
    .venv/bin/python bench/throughput.py skip [--n 600]
    .venv/bin/python bench/throughput.py pipeline [--n 2000] [--batch-size 64] [--stages 300] [--slice 200]
    .venv/bin/python bench/throughput.py dask [--n 600] [--workers 1 2]
    .venv/bin/python bench/throughput.py memory [--n 10000] [--every 1000]
    .venv/bin/python bench/throughput.py dyad [--events 10000000]

``startup``: whole processes, alternated: ``newsevents extract`` on one article (the bundled
example, and a Reuters story that reaches the city tables) vs a bare process that loads the
spaCy model, wall and CPU (user+sys) seconds and peak RSS; also the first run after install
(empty cache dir: the compiled tables are built and written) and a run with the cache off.
``--pyc``: all these processes read bytecode from a cache folder written beforehand, as an installed
package does (by default the environment decides: with ``PYTHONDONTWRITEBYTECODE`` set and no
``__pycache__`` in the checkout, every run compiles newsevents' modules from source, ~0.09 s).
``whole``: the same N Reuters stories as whole processes, ``newsevents extract --workers 1 FILE``
(one core, the issue's measure) and the default ``newsevents extract FILE`` (all cores) vs a bare
spaCy process running ``nlp.pipe`` over the texts (same model, one core), alternated. ``ingest``: the
default ``newsevents ingest`` (all cores) vs ``--workers 1`` on N Reuters stories, alternated,
results compared record by record, wall/CPU time and peak RSS of each process tree. Each
process-level part also says how many cores other processes kept busy meanwhile (/proc/stat).
``skip``: the share of sentences (and tokens) where nothing can be coded, and what skipping the
parser there could save at most (an estimate; nothing is skipped). Reserved Reuters stories
(``RESERVED.md``) are left out of these parts.
``pipeline`` (a): bare ``nlp.pipe`` and the whole pipeline on the same Reuters texts in one run,
their ratio (target >= 0.8), per-component shares and peak RSS. ``dask`` (b): the same batches
through a Dask LocalCluster of 1 and of 2 single-threaded workers (BLAS pinned to 1), the
real executor path (workers write Parquet parts, this process reads them back), and the scaling
efficiency (target 2 workers >= 1.7x one). ``memory`` (c): an end-to-end ``ingest`` into DuckDB
of Reuters replicated with new ids, RSS sampled every ``--every`` articles. ``dyad`` (d): a
monthly dyad series over synthetic events in DuckDB. Reuters-21578 is read from ../shared/data
and replicated only into a temporary folder (never into the repository).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from processes import bench_ingest, bench_skip, bench_startup, bench_whole, stage_times, tree_rss_mb
from reuters_sample import peak_rss_mb, reuters_articles, rss_mb

from newsevents.records import Article


# ---- (a) bare spaCy vs the whole pipeline ------------------------------------------------------


def timed_pipe(nlp, articles: list[Article], batch_size: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) for ``nlp.pipe`` over the articles."""
    from newsevents.nlp import make_docs

    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(make_docs(nlp, articles), batch_size=batch_size):
        pass
    return time.perf_counter() - start, time.process_time() - cpu




def bench_pipeline(args: argparse.Namespace) -> None:
    from newsevents.extract.components import COMPONENTS, load_pipeline
    from newsevents.nlp import load_model, register_extensions

    articles = reuters_articles(args.n)
    words = sum(len(a.text.split()) for a in articles)
    register_extensions()
    bare, full = load_model(), load_pipeline(COMPONENTS)  # bare: the model as shipped
    timed_pipe(bare, articles[:50], args.batch_size)  # warm both
    timed_pipe(full, articles[:50], args.batch_size)
    rss_loaded = peak_rss_mb()
    t_bare = t_full = c_bare = c_full = 0.0
    # Interleaved slices: on a shared machine the load drifts; both see the same drift.
    for start in range(0, len(articles), args.slice):
        part = articles[start : start + args.slice]
        wall, cpu = timed_pipe(bare, part, args.batch_size)
        t_bare, c_bare = t_bare + wall, c_bare + cpu
        wall, cpu = timed_pipe(full, part, args.batch_size)
        t_full, c_full = t_full + wall, c_full + cpu

    print(f"articles: {len(articles)}  words: {words}  batch size: {args.batch_size}")
    print(f"{'':10} {'seconds':>8} {'articles/s':>11} {'words/s':>9} {'CPU s':>7}")
    for name, seconds, cpu in (("bare", t_bare, c_bare), ("pipeline", t_full, c_full)):
        print(f"{name:10} {seconds:8.1f} {len(articles) / seconds:11.1f} {words / seconds:9.0f} {cpu:7.1f}")
    print(f"ratio pipeline/bare articles/s: {t_bare / t_full:.2f}  (target >= 0.80); "
          f"by CPU seconds (less sensitive to other load): {c_bare / c_full:.2f}")
    print(f"peak RSS: {peak_rss_mb():.0f} MB (after loading both pipelines: {rss_loaded:.0f} MB)")

    sample = articles[:: max(1, len(articles) // args.stages)]  # spread over the whole set
    times = stage_times(full, sample, args.batch_size)
    total = sum(times.values())
    print(f"per-component share of pipeline CPU time on {len(sample)} articles (every "
          f"{max(1, len(articles) // args.stages)}th, in batches of {args.batch_size} as nlp.pipe runs them):")
    for name, seconds in sorted(times.items(), key=lambda kv: -kv[1]):
        print(f"  {name:24} {seconds:7.2f} s  {100 * seconds / total:5.1f} %")


# ---- (b) Dask: 1 vs 2 workers ------------------------------------------------------------------


def bench_dask(args: argparse.Namespace) -> None:
    from newsevents.pipeline.executors import open_executor

    articles = reuters_articles(args.n)
    batches = [articles[i : i + args.batch_size] for i in range(0, len(articles), args.batch_size)]
    rates = {}
    for workers in args.workers:
        with tempfile.TemporaryDirectory() as parts, open_executor("dask", workers=workers, parts_dir=parts) as run:
            list(run([articles[:8]]))  # every worker already warm (model loaded); one more batch
            start = time.perf_counter()
            count = sum(len(records) for records in run(batches))
            seconds = time.perf_counter() - start
        rates[workers] = count / seconds
        print(f"dask workers={workers}: {count} articles in {seconds:.1f} s = {rates[workers]:.1f} articles/s")
    if 1 in rates:
        for workers, rate in rates.items():
            efficiency = rate / (workers * rates[1])
            print(f"  {workers} workers: {rate / rates[1]:.2f}x one worker, efficiency {efficiency:.2f}")


# ---- (c) memory: end-to-end ingest, RSS as the corpus grows ------------------------------------


def replicated_jsonl(n: int, folder: Path) -> Path:
    """Reuters texts repeated with new ids until n articles, as JSON Lines in ``folder``."""
    base = reuters_articles(min(n, 19_043))
    path = folder / "replicated.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            a = base[i % len(base)]
            item = {"id": f"r{i:07d}", "published": a.published, "title": a.title, "text": a.text}
            out.write(json.dumps(item) + "\n")
    return path


def bench_memory(args: argparse.Namespace) -> None:
    from newsevents.pipeline.run import ingest

    with tempfile.TemporaryDirectory() as tmp:
        corpus = replicated_jsonl(args.n, Path(tmp))
        samples: list[tuple[int, float, float, float]] = []
        start = time.perf_counter()
        next_mark = [args.every]

        print(f"{'read':>7} {'seconds':>8} {'RSS MB':>7} {'peak MB':>8} {'tree MB':>8} "
              f"{'tree peak':>9}", flush=True)
        tree_peak = [0.0]

        def progress(read: int) -> None:
            tree = tree_rss_mb(os.getpid())  # this process and its workers
            tree_peak[0] = max(tree_peak[0], tree)
            if read >= next_mark[0]:
                samples.append((read, time.perf_counter() - start, rss_mb(), peak_rss_mb(), tree,
                                tree_peak[0]))
                print("{:7d} {:8.0f} {:7.0f} {:8.0f} {:8.0f} {:9.0f}".format(*samples[-1]), flush=True)
                next_mark[0] += args.every

        summary = ingest([corpus], Path(tmp) / "m.duckdb", on_reject=lambda r: None, on_progress=progress,
                         executor=args.executor, workers=args.workers)
        seconds = time.perf_counter() - start
    print(f"ingest {summary.stored} articles ({args.executor}) in {seconds:.0f} s = "
          f"{summary.stored / seconds:.1f} articles/s; peak RSS {peak_rss_mb():.0f} MB (this process)")


# ---- (d) dyad series over synthetic events ------------------------------------------------------

ACTORS = ["USA", "RUS", "UKR", "CHN", "IRN", "ISR", "PSE", "GBR", "FRA", "DEU", "TUR", "IND", "PAK", "SYR"]
SECTORS = ["", "GOV", "MIL", "OPP", "REB", "BUS", "MED", "JUD", "COP", "CVL"]


def synthetic_events(db: Path, n: int) -> float:
    """Fill the store's events table with n synthetic rows; return the seconds it took."""
    import duckdb

    from newsevents.store.database import Store

    Store(db).close()  # the real schema, migrations applied
    codes = [a + s for a in ACTORS for s in SECTORS]
    start = time.perf_counter()
    con = duckdb.connect(str(db))
    con.execute(
        "INSERT INTO events (id, article_id, idx, cameo, root, quad_class, goldstein, source_code, "
        "source_country, target_code, target_country, event_date, modality, date, date_precision, date_basis) "
        "SELECT 'e' || i, 'a' || (i // 3), (i % 3)::INT, c, left(c, 2), 1 + (i % 4)::INT, "
        "((hash(i) % 200)::INT - 100) / 10.0, s, left(s, 3), t, left(t, 3), "
        "DATE '2015-01-01' + (hash(i * 7) % 3650)::INT, "
        "CASE WHEN i % 10 = 0 THEN 'negated' ELSE 'asserted' END, '', 'day', 'publication' "
        "FROM (SELECT i, ?[(1 + hash(i * 3) % ?)::BIGINT] AS s, ?[(1 + hash(i * 5) % ?)::BIGINT] AS t, "
        "lpad(((1 + hash(i * 11) % 20))::VARCHAR, 2, '0') || '0' AS c FROM range(?) r(i))",
        [codes, len(codes), codes, len(codes), n],
    )
    con.close()
    return time.perf_counter() - start


def best_of(run, times: int = 5) -> tuple[float, float, object]:
    """(first call seconds, best of the rest, result)."""
    durations, result = [], None
    for _ in range(times):
        start = time.perf_counter()
        result = run()
        durations.append(time.perf_counter() - start)
    return durations[0], min(durations[1:]), result


def bench_dyad(args: argparse.Namespace) -> None:
    import duckdb

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "dyad.duckdb"
        print(f"synthetic events: {args.events:,} rows written in {synthetic_events(db, args.events):.0f} s; "
              f"file {db.stat().st_size / 1e6:.0f} MB")
        sql = ("SELECT date_trunc('month', event_date)::DATE AS period, count(*), avg(goldstein) FROM events "
               "WHERE modality = 'asserted' AND ((starts_with(source_code, ?) AND starts_with(target_code, ?)) "
               "OR (starts_with(source_code, ?) AND starts_with(target_code, ?))) GROUP BY 1 ORDER BY 1")
        con = duckdb.connect(str(db), read_only=True)
        first, best, rows = best_of(lambda: con.execute(sql, ["USA", "IRN", "IRN", "USA"]).fetchall())
        print(f"plain SQL, USA<->IRN monthly, both directions: first {first:.3f} s, best {best:.3f} s, "
              f"{len(rows)} months, {sum(r[1] for r in rows):,} events")
        con.close()
        _time_dyad_series(db)


def _time_dyad_series(db: Path) -> None:
    """Time ``analytics.dyad_series`` (the library behind ``newsevents dyad``) when present."""
    try:
        from newsevents.analytics.queries import dyad_series
    except ImportError as exc:
        print(f"analytics.dyad_series not importable ({exc}); only the plain SQL was timed")
        return
    from newsevents.store.database import Store

    with Store(db, read_only=True) as store:  # weighted=True joins articles, which are not synthesised
        first, best, points = best_of(lambda: dyad_series(store, "USA", "IRN", by="month"))
        print(f"analytics.dyad_series(store, 'USA', 'IRN', by='month'): first {first:.3f} s, "
              f"best {best:.3f} s, {len(points)} months")  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="part", required=True)
    s = sub.add_parser("startup", help="one-article extract vs loading the model, whole processes")
    s.add_argument("--rounds", type=int, default=7)
    s.add_argument("--pyc", action="store_true", help="let every process write and read bytecode "
                   "caches (in the temporary folder), as an installed package does, even where "
                   "PYTHONDONTWRITEBYTECODE is set")
    w = sub.add_parser("whole", help="N stories as whole processes: extract vs bare nlp.pipe")
    w.add_argument("--n", type=int, default=600)
    w.add_argument("--rounds", type=int, default=3)
    i = sub.add_parser("ingest", help="default ingest (all cores) vs --workers 1, identical results")
    i.add_argument("--n", type=int, default=2000)
    i.add_argument("--rounds", type=int, default=2)
    k = sub.add_parser("skip", help="share of sentences where the parser could be skipped")
    k.add_argument("--n", type=int, default=600)
    a = sub.add_parser("pipeline", help="(a) bare spaCy vs the whole pipeline")
    a.add_argument("--n", type=int, default=2000)
    a.add_argument("--batch-size", type=int, default=64)
    a.add_argument("--stages", type=int, default=300, help="articles for the per-stage table")
    a.add_argument("--slice", type=int, default=200, help="articles per interleaved bare/pipeline slice")
    b = sub.add_parser("dask", help="(b) 1 vs 2 Dask workers")
    b.add_argument("--n", type=int, default=600)
    b.add_argument("--batch-size", type=int, default=32)
    b.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    c = sub.add_parser("memory", help="(c) end-to-end ingest, RSS as the corpus grows")
    c.add_argument("--n", type=int, default=10_000)
    c.add_argument("--every", type=int, default=1000)
    c.add_argument("--executor", default="local", choices=["local", "processes", "dask"])
    c.add_argument("--workers", type=int, default=None)
    d = sub.add_parser("dyad", help="(d) monthly dyad series over synthetic events")
    d.add_argument("--events", type=int, default=10_000_000)
    args = parser.parse_args()
    {"startup": bench_startup, "whole": bench_whole, "ingest": bench_ingest, "skip": bench_skip,
     "pipeline": bench_pipeline, "dask": bench_dask, "memory": bench_memory, "dyad": bench_dyad}[args.part](args)


if __name__ == "__main__":
    main()
