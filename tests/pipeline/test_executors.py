"""Executors and Parquet parts: identical results local / processes / dask, bounded, resumable."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import Future
from pathlib import Path

import pytest

from newsevents.errors import ConfigError
from newsevents.pipeline.executors import bounded_map, load_parts, open_executor
from newsevents.pipeline.run import ingest
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
from newsevents.store import parquet as parquet_parts
from newsevents.store.database import Store

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "newsevents" / "data" / "examples").glob("*.txt"))
UKR = Actor("UKRGOV", "UKR", "GOV", None, "Ukraine")

# Short made-up dispatches (written for these tests), each with actors, a date and a quote.
TEMPLATES = [
    "{a} Foreign Minister met {b} officials in Geneva on Tuesday to discuss a ceasefire. "
    '"We want peace," the minister told reporters.',
    "Police in {a} arrested 12 protesters on Monday after clashes near the {b} embassy.",
    "{a} accused {b} of violating the border agreement last week and threatened sanctions.",
    "The {b} government said on Friday it would send food aid to {a} next month.",
]
COUNTRIES = ["France", "Russia", "China", "Germany", "Turkey", "Egypt", "Brazil", "Japan"]


def small_articles(n: int) -> list[dict[str, str]]:
    """n distinct dated articles as JSON Lines objects (ids are content hashes of the reader)."""
    out = []
    for i in range(n):
        a, b = COUNTRIES[i % 8], COUNTRIES[(i * 3 + 1) % 8]
        text = TEMPLATES[i % 4].format(a=a, b=b) + f" Talks resume in round {i}."
        out.append({"published": f"2025-07-{1 + i % 28:02d}", "title": f"Dispatch {i}", "text": text})
    return out


def write_corpus(folder: Path, n: int) -> Path:
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps(o) + "\n" for o in small_articles(n)), encoding="utf-8")
    return path


def stored(db: Path) -> list[dict]:
    with Store(db, read_only=True) as store:
        return [r.to_dict() for r in store.iter_records()]


def synthetic_records() -> list[ArticleRecord]:
    """Records with every nested type filled, two publication dates and one non-ISO date."""
    kyiv = Place(40, 44, "Kyiv", "Kyiv", "UKR", 50.45, 30.52, 703448, "city")
    event = Event("e1", "0311", "03", 1, 4.0, Mention(0, 5, "Kyiv", UKR), Span(0, 20, "Kyiv met NATO"), 0,
                  "2025-07-18", "day", "timex", "asserted", 0.8, "meet", Mention(9, 13, "NATO", None),
                  Plover("CONSULT", "visit"), kyiv, 0, -0.25)
    full = ArticleRecord(
        Article("a1", "2025-07-22T09:30:00Z", "Talks", "Kyiv met NATO ...", "wire", "http://x/1"),
        entities=[Entity(0, 4, "Kyiv", "GPE", UKR, "gazetteer"), Entity(9, 13, "NATO", "ORG")],
        timexes=[Timex(20, 26, "Friday", "DATE", "2025-07-18", "APPROX")],
        quotes=[Quote(1, 3, "ok", True, "said", Mention(0, 4, "Kyiv", UKR), 0.4), Quote(5, 6, "x", False)],
        places=[kyiv], events=[event], tone=Tone(-2.5, 3.0, 5.5, -0.3, 120),
    )  # fmt: skip
    return [
        full,
        ArticleRecord(Article("a2", "2025-07-22", "Empty", "...")),
        ArticleRecord(Article("a3", "2024-01-05", "Old", "Moscow"), entities=[Entity(0, 6, "Moscow", "GPE")]),
        ArticleRecord(Article("a4", "sometime", "Undated", "...")),
    ]


# ---- Parquet parts (no model) ----------------------------------------------------------------


def test_parquet_parts_round_trip_partitioned_by_publication_date(tmp_path: Path) -> None:
    records = synthetic_records()
    files = parquet_parts.write_part(records, tmp_path)
    dates = sorted(p.parent.name for p in files)
    assert dates == ["pub_date=2024-01-05", "pub_date=2025-07-22", "pub_date=unknown"]
    back = [r for f in files for r in parquet_parts.read_part(f)]
    assert sorted(r.to_dict()["id"] for r in back) == ["a1", "a2", "a3", "a4"]
    by_id = {r.article.id: r.to_dict() for r in back}
    assert [by_id[r.article.id] for r in records] == [r.to_dict() for r in records]


def test_parquet_parts_dataset_reads_in_duckdb_with_partition_column(tmp_path: Path) -> None:
    import duckdb

    parquet_parts.write_part(synthetic_records(), tmp_path)
    sql = f"SELECT pub_date, count(*) FROM read_parquet('{tmp_path}/entities/*/*.parquet', hive_partitioning=true) GROUP BY 1 ORDER BY 1"
    assert [(str(d), n) for d, n in duckdb.sql(sql).fetchall()] == [("2024-01-05", 1), ("2025-07-22", 2)]


@pytest.mark.parametrize("lost, kept", [
    ("articles", 0),   # killed before the marker file: the part is incomplete, children removed
    ("events", 1),     # a part without events is complete (its articles file exists)
])  # fmt: skip
def test_parquet_parts_incomplete_parts_are_removed(tmp_path: Path, lost: str, kept: int) -> None:
    (full,) = parquet_parts.write_part(synthetic_records()[:1], tmp_path)
    next(tmp_path.glob(f"{lost}/*/*.parquet")).unlink()
    (tmp_path / "entities" / "pub_date=2025-07-22" / "x.parquet.123.tmp").write_bytes(b"half")
    parquet_parts.remove_incomplete(tmp_path)
    assert len(parquet_parts.complete_parts(tmp_path)) == kept
    assert not list(tmp_path.glob("*/*/*.tmp"))
    assert len(list(tmp_path.glob("entities/*/*.parquet"))) == kept


def test_load_parts_stores_leftovers_once(tmp_path: Path) -> None:
    parquet_parts.write_part(synthetic_records(), tmp_path / "parts")
    with Store(tmp_path / "x.duckdb") as store:
        assert load_parts(store, tmp_path / "parts") == 4
        assert load_parts(store, tmp_path / "parts") == 0
        assert sorted(r.to_dict()["id"] for r in store.iter_records()) == ["a1", "a2", "a3", "a4"]


# ---- bounded map and options -------------------------------------------------------------------


def test_bounded_map_keeps_order_and_bounds_in_flight() -> None:
    in_flight, peak = [], [0]

    def submit(batch: list[int]) -> Future:
        future: Future = Future()
        future.set_result([x * 10 for x in batch])
        in_flight.append(future)
        peak[0] = max(peak[0], len(in_flight))
        return future

    def batches():
        for i in range(20):
            yield [i]
            in_flight.pop(0)  # the consumer took one result before the next batch is read

    results = list(bounded_map(submit, batches(), window=3))  # type: ignore[arg-type]
    assert results == [[i * 10] for i in range(20)]
    assert peak[0] <= 3


def test_process_pool_is_replaced_after_recycle_articles_and_old_futures_stay_valid(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from newsevents.pipeline import executors

    pools: list[ThreadPoolExecutor] = []

    def start(self) -> ThreadPoolExecutor:
        assert all(p._shutdown for p in pools), "a pool still ran when the next one started"
        pools.append(ThreadPoolExecutor(self.workers))
        return pools[-1]

    monkeypatch.setattr(executors._FreshPools, "_start", start)
    monkeypatch.setattr(executors, "process_batch", lambda batch: [a.id.upper() for a in batch])
    batches = [[Article(f"a{i}{j}", "2025-01-01", "", "x") for j in range(2)] for i in range(5)]
    with executors.process_pool(2, recycle=3) as submit:
        futures = [submit(batch) for batch in batches]
    assert len(pools) == 3 and all(p._shutdown for p in pools)  # 2 + 2 articles, 2 + 2, then 2
    assert [f.result() for f in futures] == [[f"A{i}0", f"A{i}1"] for i in range(5)]


@pytest.mark.parametrize("kind, options, error", [
    ("threads", {}, "unknown executor 'threads'"),
    ("processes", {"workers": 0}, "at least 1"),
    ("local", {"scheduler": "tcp://x:8786"}, "needs --executor dask"),
    ("dask", {}, "needs parts_dir"),
])  # fmt: skip
def test_open_executor_bad_options(kind: str, options: dict, error: str) -> None:
    with pytest.raises(ConfigError, match=error), open_executor(kind, **options):
        pass


def test_dask_missing_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    with pytest.raises(ConfigError, match=r"pip install 'newsevents\[dask\]'"):
        with open_executor("dask", parts_dir=tmp_path):
            pass


@pytest.mark.parametrize("args, error", [
    (["--executor", "local", "--scheduler", "tcp://x:8786"], "needs --executor dask"),
    (["--executor", "threads"], "Invalid value for '--executor'"),
    (["--executor", "processes", "--workers", "0"], "Invalid value for '--workers'"),
])  # fmt: skip
def test_cli_ingest_executor_options_refused(tmp_path: Path, args: list[str], error: str) -> None:
    from click.testing import CliRunner

    from newsevents.cli.commands import cli

    corpus = write_corpus(tmp_path, 1)
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(tmp_path / "x.duckdb"), *args])
    assert result.exit_code != 0 and error in result.output
    assert not (tmp_path / "x.duckdb").exists()  # refused before anything was read or stored


# ---- identical results across executors (real model) ---------------------------------------------


@pytest.fixture(scope="module")
def local_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    folder = tmp_path_factory.mktemp("local")
    inputs = [write_corpus(folder, 10), *EXAMPLES]
    summary = ingest(inputs, folder / "local.duckdb", on_reject=lambda r: None)
    assert summary.stored == 10 + len(EXAMPLES)
    return folder / "local.duckdb", inputs


@pytest.mark.model
@pytest.mark.parametrize("executor", ["processes", "dask"])
def test_executors_store_identical_results(local_db, tmp_path: Path, executor: str) -> None:
    pytest.importorskip("distributed") if executor == "dask" else None
    db, inputs = local_db
    summary = ingest(inputs, tmp_path / "x.duckdb", executor=executor, workers=2, on_reject=lambda r: None)
    assert summary.stored == 10 + len(EXAMPLES)
    expected = stored(db)
    assert sum(len(r["events"]) for r in expected) > 5  # the corpus does code events
    assert stored(tmp_path / "x.duckdb") == expected
    again = ingest(inputs, tmp_path / "x.duckdb", executor=executor, workers=2, on_reject=lambda r: None)
    assert (again.stored, again.already_stored) == (0, 10 + len(EXAMPLES))


@pytest.mark.parametrize("first_chunk, fresh, expected", [
    (256, 0, True),     # a full first chunk: the input goes on (its new articles may come later)
    (100, 64, True),    # enough new articles to pay for starting the workers
    (100, 63, False),
    (1, 1, False),      # `newsevents example`, a one-article file
])  # fmt: skip
def test_ingest_default_starts_workers_only_when_it_pays(first_chunk: int, fresh: int, expected: bool) -> None:
    from newsevents.pipeline.run import CHUNK_SIZE, PARALLEL_MIN, parallel_pays

    assert (CHUNK_SIZE, PARALLEL_MIN) == (256, 64)
    assert parallel_pays(first_chunk, fresh) is expected


def test_ingest_default_small_chunks_do_not_count_as_a_large_input(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.pipeline import run

    monkeypatch.setattr(run, "CHUNK_SIZE", 3)  # a full chunk of 3 says nothing about the input's size
    assert not run.parallel_pays(3, 3)


@pytest.mark.parametrize("cpu_max, expected", [
    ("max 100000\n", None),         # no quota: the affinity decides
    ("150000 100000\n", 2),         # 1.5 CPUs: 2 workers
    ("50000 100000\n", 1),
    ("garbage", None),
])  # fmt: skip
def test_available_cores_honours_a_container_cpu_quota(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       cpu_max: str, expected: int | None) -> None:
    from newsevents.pipeline import executors

    (tmp_path / "cpu.max").write_text(cpu_max)
    monkeypatch.setattr(executors, "CPU_MAX", tmp_path / "cpu.max")
    affinity = len(os.sched_getaffinity(0))
    assert executors.available_cores() == (affinity if expected is None else min(affinity, expected))


def no_pool(workers: int):
    raise AssertionError("a process pool was started")


@pytest.mark.model
@pytest.mark.parametrize("options", [{}, {"workers": 1}, {"executor": "local", "workers": 2}])
def test_ingest_small_input_or_one_worker_stays_in_this_process(local_db, tmp_path: Path, options: dict,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.pipeline import executors, run

    db, inputs = local_db
    monkeypatch.setattr(executors, "process_pool", no_pool)
    if options:  # large enough to pay, but told to stay here
        monkeypatch.setattr(run, "PARALLEL_MIN", 1)
    summary = ingest(inputs, tmp_path / "x.duckdb", on_reject=lambda r: None, **options)
    assert summary.stored == 10 + len(EXAMPLES)
    assert stored(tmp_path / "x.duckdb") == stored(db)


@pytest.mark.model
def test_ingest_default_uses_workers_when_it_pays_with_identical_results(
        local_db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.pipeline import executors, run

    db, inputs = local_db
    started = []
    real_pool = executors.process_pool

    def pool(workers: int):
        started.append(workers)
        return real_pool(workers, recycle=8)  # a fresh pool part-way: results must not change

    monkeypatch.setattr(executors, "process_pool", pool)
    monkeypatch.setattr(executors, "available_cores", lambda: 2)
    monkeypatch.setattr(run, "PARALLEL_MIN", 4)
    monkeypatch.setattr(run, "CHUNK_SIZE", 6)  # several chunks: the next one codes while one is stored
    monkeypatch.setattr(run, "POOL_BATCH", 2)
    summary = ingest(inputs, tmp_path / "x.duckdb", on_reject=lambda r: None)
    assert started == [2] and summary.stored == 10 + len(EXAMPLES)
    assert stored(tmp_path / "x.duckdb") == stored(db)



@pytest.mark.model
def test_extract_uses_workers_on_large_input_with_the_same_records_in_order(
        local_db, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.pipeline import executors, run

    _, inputs = local_db
    here = [r.to_dict() for r in run.extract(inputs, workers=1, on_reject=lambda r: None)]
    started = []
    real_open = executors.open_executor

    def open_executor(kind: str, **options):
        started.append((kind, options))
        return real_open(kind, **options)

    monkeypatch.setattr(executors, "open_executor", open_executor)
    monkeypatch.setattr(executors, "available_cores", lambda: 2)
    monkeypatch.setattr(run, "PARALLEL_MIN", 4)
    monkeypatch.setattr(run, "POOL_BATCH", 3)
    pooled = [r.to_dict() for r in run.extract(inputs, on_reject=lambda r: None)]
    assert started == [("processes", {"workers": 2})]
    assert pooled == here and len(here) == 10 + len(EXAMPLES)
    monkeypatch.setattr(run, "PARALLEL_MIN", 64)  # a short input stays in this process
    started.clear()
    assert [r.to_dict() for r in run.extract(inputs, on_reject=lambda r: None)] == here
    assert started == []

# ---- resumable: a run killed part-way, then rerun ------------------------------------------------

CHILD = textwrap.dedent("""
    import sys
    from newsevents.pipeline import run
    run.CHUNK_SIZE, run.BATCH_SIZE = 6, 3
    run.ingest([sys.argv[1]], sys.argv[2], executor=sys.argv[3], workers=2,
                    on_reject=lambda r: None, on_progress=lambda n: print(n, flush=True))
""")


def run_and_kill(corpus: Path, db: Path, executor: str, after_lines: int) -> None:
    """Start an ingest in a new process group; SIGKILL the whole group after some progress."""
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(corpus), str(db), executor],
                            stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        for _ in range(after_lines):
            assert proc.stdout and proc.stdout.readline(), "the ingest ended before it was killed"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        time.sleep(0.5)  # let killed workers release the file


@pytest.fixture(scope="module")
def whole_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A 36-article corpus and its uninterrupted local ingest."""
    folder = tmp_path_factory.mktemp("whole")
    corpus = write_corpus(folder, 36)
    assert ingest([corpus], folder / "whole.duckdb", on_reject=lambda r: None).stored == 36
    return corpus, folder / "whole.duckdb"


@pytest.mark.model
@pytest.mark.parametrize("executor, kill_after", [
    ("local", 2),       # progress is reported after each stored chunk of 6: 12 stored
    ("processes", 4),   # reported when a chunk is submitted: 24 read, at most 12+3 not yet stored
])  # fmt: skip
def test_ingest_killed_then_rerun_equals_uninterrupted(whole_db, tmp_path: Path, executor: str,
                                                       kill_after: int) -> None:
    corpus, whole = whole_db
    run_and_kill(corpus, tmp_path / "killed.duckdb", executor, after_lines=kill_after)
    partial = len(stored(tmp_path / "killed.duckdb"))
    assert 0 < partial < 36
    summary = ingest([corpus], tmp_path / "killed.duckdb", executor=executor, workers=2, on_reject=lambda r: None)
    assert (summary.already_stored, summary.stored) == (partial, 36 - partial)
    assert stored(tmp_path / "killed.duckdb") == stored(whole)


@pytest.mark.parametrize(
    ("lengths", "size", "chars", "expected"),
    [
        ([10, 10, 10], 2, 100, [2, 1]),
        ([60, 30, 20, 5], 64, 100, [2, 2]),
        ([150, 10], 64, 100, [1, 1]),  # a long article goes alone
        ([10, 150, 10], 64, 100, [1, 1, 1]),
        ([], 64, 100, []),
    ],
)
def test_pipeline_batches_are_bounded_by_count_and_characters(lengths, size, chars, expected):
    from newsevents.pipeline.process import batches
    from newsevents.records import Article

    articles = [Article(f"a{i}", "2025-07-22", "", "x" * n) for i, n in enumerate(lengths)]
    got = list(batches(articles, size, chars))
    assert [len(b) for b in got] == expected
    assert [a.id for b in got for a in b] == [a.id for a in articles]
