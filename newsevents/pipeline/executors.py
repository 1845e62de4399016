"""Executors: where batches of articles are coded — this process, a process pool, or Dask.

Scale-out is an executor, not a second pipeline. Every executor maps batches of Articles to
ArticleRecords with the same module-level function (:func:`process_batch`), so results are
identical whichever runs them; only the single writer (the caller, holding the
:class:`~newsevents.store.Store`) writes to DuckDB.

- ``local``: in this process, one batch at a time.
- ``processes``: a pool of worker processes on this machine; records come back pickled.
- ``dask``: ``dask.distributed`` workers (a ``LocalCluster`` unless a scheduler address is
  given) write Parquet parts (:mod:`newsevents.store.parquet`) to a folder they and the
  writer share; the writer reads each part back and stores it.

Each worker loads the model once (``load_pipeline`` is cached per process) and runs
single-threaded (BLAS threads pinned to 1). At most ``window`` batches are in flight, so
reading, coding and writing overlap while memory stays bounded whatever the corpus size.
Docs are never shipped between processes (components keep Python objects on ``doc._``):
Articles go out, ArticleRecords or part paths come back.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from ..errors import ConfigError
from ..records import Article, ArticleRecord

EXECUTORS = ("local", "processes", "dask")
#: The cgroup v2 CPU quota of this process's container ("max 100000" when there is none).
CPU_MAX = Path("/sys/fs/cgroup/cpu.max")
#: Environment variables that pin BLAS / OpenMP pools to one thread in each worker.
SINGLE_THREAD_ENV = {v: "1" for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
DASK_HINT = "the dask executor needs dask.distributed: pip install 'newsevents[dask]'"

#: Maps batches of articles to batches of records, in order.
MapBatches = Callable[[Iterable[list[Article]]], Iterator[list[ArticleRecord]]]


class _Future(Protocol):
    def result(self) -> Any: ...


def process_batch(articles: list[Article]) -> list[ArticleRecord]:
    """Code one batch of articles with the full pipeline (model loaded once per process)."""
    from .process import process

    return list(process(articles))


def process_batch_to_parts(articles: list[Article], root: str) -> list[str]:
    """Code a batch and write it as Parquet parts under ``root``; return the articles files."""
    from ..store.parquet import write_part

    return [str(p) for p in write_part(process_batch(articles), root)]


def warm_worker() -> None:
    """Pin BLAS threads to one, load the model and code one tiny article.

    The stages load their dictionaries and gazetteers on first use (from the compiled-table
    cache, or seconds to build them) and compile their patterns; doing it here keeps that cost
    out of the first batch, whose result the writer waits for.
    """
    os.environ.update(SINGLE_THREAD_ENV)
    process_batch([Article("warm-up", "2025-01-01", "", "Officials in Paris met on Monday.")])


def bounded_map(submit: Callable[[list[Article]], _Future], batches: Iterable[list[Article]],
                window: int) -> Iterator[Any]:
    """Submit batches with at most ``window`` in flight; yield their results in input order.

    Args:
        submit: starts one batch and returns a future (``concurrent.futures`` or Dask).
        batches: consumed lazily, one more each time a result is taken.
        window: batches in flight at most (>= 1); bounds memory whatever the corpus size.
    """
    pending: deque[_Future] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def check_options(kind: str | None, workers: int | None = None, scheduler: str | None = None) -> None:
    """Refuse executor options that cannot work, before anything is read or started.

    Args:
        kind: an executor name, or None for the default choice (``ingest``).

    Raises:
        ConfigError: an unknown executor, workers below 1, or a scheduler without ``dask``.
    """
    if kind is not None and kind not in EXECUTORS:
        raise ConfigError(f"unknown executor {kind!r}; use one of {', '.join(EXECUTORS)}")
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}")
    if scheduler and kind != "dask":
        raise ConfigError(f"--scheduler is a Dask address; it needs --executor dask, not "
                          f"{kind or 'the default executor'}")


@contextmanager
def open_executor(kind: str = "local", *, workers: int | None = None, scheduler: str | None = None,
                  parts_dir: str | Path | None = None) -> Iterator[MapBatches]:
    """Start an executor; yield a function mapping batches of articles to batches of records.

    Args:
        kind: ``local``, ``processes`` or ``dask``.
        workers: worker processes (default: the cores available); ignored by ``local`` and when
            a Dask ``scheduler`` is given (its cluster has its own workers).
        scheduler: a Dask scheduler address (``tcp://host:8786``); default a LocalCluster.
        parts_dir: where Dask workers write Parquet parts (required for ``dask``; must be a
            folder the workers and this process share).

    Raises:
        ConfigError: an unknown executor, workers below 1, dask options without dask, or dask
            not installed.
    """
    check_options(kind, workers, scheduler)
    n = workers or available_cores()
    if kind == "local":
        yield lambda batches: (process_batch(b) for b in batches)
    elif kind == "processes":
        with _process_pool(n) as map_batches:
            yield map_batches
    else:
        if parts_dir is None:
            raise ConfigError("the dask executor needs parts_dir, a folder shared with its workers")
        with _dask(n, scheduler, Path(parts_dir)) as map_batches:
            yield map_batches


def available_cores() -> int:
    """The cores this process may use: its CPU affinity (the CPU count where unknown), capped by
    a cgroup v2 CPU quota (a container started with ``--cpus 2`` on a 16-core host gets 2)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    try:
        quota, period = CPU_MAX.read_text().split()[:2]
        if quota != "max":
            cores = min(cores, -(-int(quota) // int(period)))
    except (OSError, ValueError):
        pass
    return max(1, cores)


#: Articles a pool of worker processes codes before it is replaced by a fresh one. spaCy's
#: vocabulary and string store grow with every new word and never shrink, so a long-lived
#: worker's memory creeps up (+14 % from 10k to 100k articles); fresh workers every 20k articles
#: keep a long ingest's memory flat, for one model load per worker (a few seconds in ~6 minutes).
RECYCLE_ARTICLES = 20_000


@contextmanager
def process_pool(workers: int, *, recycle: int | None = None) -> Iterator[Callable[[list[Article]], _Future]]:
    """A pool of ``workers`` processes; yields ``submit(batch)`` -> a future of its records.

    Workers start on the first submit (so a pool that gets no work costs nothing), load the
    model and the compiled tables once (:func:`warm_worker`) and code batches with
    :func:`process_batch`. Once ``recycle`` articles (default :data:`RECYCLE_ARTICLES`) were
    submitted, the next submit waits for the pool's work to finish and starts a fresh pool;
    futures already handed out stay valid, and the results are the same.
    """
    pools = _FreshPools(workers, recycle or RECYCLE_ARTICLES)
    try:
        yield pools.submit
    finally:
        pools.close()


class _FreshPools:
    """``submit`` on a process pool that is replaced by a fresh one every ``recycle`` articles."""

    def __init__(self, workers: int, recycle: int) -> None:
        self.workers, self.recycle = workers, recycle
        self.pool: Any = None
        self.submitted = 0

    def submit(self, batch: list[Article]) -> _Future:
        if self.pool is None or self.submitted >= self.recycle:
            self.close()  # waits: the old workers finish their batches and exit before new ones start
            self.pool, self.submitted = self._start(), 0
        self.submitted += len(batch)
        return self.pool.submit(process_batch, batch)

    def _start(self) -> Any:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn, not fork: the parent may hold a DuckDB connection and threads.
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=warm_worker)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True)
            self.pool = None


@contextmanager
def _process_pool(workers: int) -> Iterator[MapBatches]:
    with process_pool(workers) as submit:

        def map_batches(batches: Iterable[list[Article]]) -> Iterator[list[ArticleRecord]]:
            yield from bounded_map(submit, batches, 2 * workers)

        yield map_batches


@contextmanager
def _dask(workers: int, scheduler: str | None, parts_dir: Path) -> Iterator[MapBatches]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError(DASK_HINT) from exc
    from ..store.parquet import read_part

    parts_dir.mkdir(parents=True, exist_ok=True)
    if scheduler:
        cluster, client = None, Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    try:
        client.run(warm_worker)
        window = 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)

        def submit(batch: list[Article]) -> Any:
            return client.submit(process_batch_to_parts, batch, str(parts_dir), pure=False)

        def map_batches(batches: Iterable[list[Article]]) -> Iterator[list[ArticleRecord]]:
            for paths in bounded_map(submit, batches, window):
                yield [record for path in paths for record in read_part(path)]

        yield map_batches
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def load_parts(store: Any, parts_dir: str | Path, *, batch_size: int = 64) -> int:
    """Store the complete parts an interrupted run left behind; delete incomplete ones.

    Articles already stored are skipped by ``Store.add``, so loading a part twice is harmless.

    Args:
        store: an open, writable :class:`~newsevents.store.Store`.
        parts_dir: the Dask executor's parts folder (nothing happens when it does not exist).
        batch_size: articles per store transaction.

    Returns:
        The number of articles newly stored.
    """
    from ..store.parquet import complete_parts, read_part, remove_incomplete

    if not Path(parts_dir).is_dir():
        return 0
    remove_incomplete(parts_dir)
    records = (r for path in complete_parts(parts_dir) for r in read_part(path))
    return int(store.add(records, batch_size=batch_size))


def store_batches(store: Any, batches: Iterable[list[Article]], kind: str, *,
                  workers: int | None = None, scheduler: str | None = None,
                  parts_dir: str | Path | None = None, batch_size: int = 64) -> int:
    """Code batches with an executor and store the records as they come back.

    Args:
        store: an open, writable Store (the single writer).
        batches: batches of new articles (consumed lazily, a bounded number ahead).
        kind, workers, scheduler, parts_dir: as for :func:`open_executor`.
        batch_size: articles per store transaction.

    Returns:
        The number of articles newly stored (parts of an interrupted run included).
    """
    stored = load_parts(store, parts_dir, batch_size=batch_size) if kind == "dask" and parts_dir else 0
    with open_executor(kind, workers=workers, scheduler=scheduler, parts_dir=parts_dir) as run:
        records = (record for batch in run(batches) for record in batch)
        stored += int(store.add(records, batch_size=batch_size))
    return stored
