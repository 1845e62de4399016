"""The runner: compose sources, the spaCy pipeline and the store.

Stages stay plain functions; only this module wires them. ``extract`` streams records without a
database; ``ingest`` streams them into a :class:`~newsevents.store.Store`, skipping articles
already stored (so a rerun adds nothing and an interrupted run resumes where it stopped).
"""

from __future__ import annotations

import itertools
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..records import Article, ArticleRecord, Reject
from ..resources import data_path
from .process import BATCH_CHARS, BATCH_SIZE, batches, process

#: Articles read ahead, checked against the store and handed to spaCy together.
CHUNK_SIZE = 256
#: New articles in the first chunk from which the default ingest starts worker processes.
PARALLEL_MIN = 64
#: Articles per batch sent to a worker process (a chunk is shared out in batches this size).
POOL_BATCH = 32
#: DuckDB memory limit of the ingest writer (environment ``NEWSEVENTS_INGEST_MEMORY``): its page
#: cache would otherwise grow with the store (up to 80% of RAM), and peak memory with it.
INGEST_MEMORY = "128MB"


def extract(paths: Iterable[str | Path], *, format: str | None = None,
            on_reject: Callable[[Reject], None] | None = None,
            workers: int | None = None) -> Iterator[ArticleRecord]:
    """Read articles from files and extract everything from them; no database.

    Args:
        paths: files or directories (``-`` is not supported; use a file).
        format: force an input format (seed, jsonl, csv, html, rss, reuters) instead of detecting it.
        on_reject: called with each record that could not be read (default: print to stderr).
        workers: worker processes; default the cores available, started only when the first
            :data:`CHUNK_SIZE` articles read hold at least :data:`PARALLEL_MIN` (a short input
            is coded in this process); 1 always codes in this process. The records are the same.

    Yields:
        ArticleRecords in input order.
    """
    from ..sources import read_paths
    from .executors import available_cores, open_executor

    report = on_reject or print_reject

    def articles() -> Iterator[Article]:
        for item in read_paths(paths, format=format):
            if isinstance(item, Reject):
                report(item)
            else:
                yield item

    items = articles()
    first = list(itertools.islice(items, CHUNK_SIZE))
    n = workers or available_cores()
    if n == 1 or len(first) < PARALLEL_MIN:
        yield from process(itertools.chain(first, items))
        return
    with open_executor("processes", workers=n) as map_batches:
        for records in map_batches(batches(itertools.chain(first, items), POOL_BATCH, BATCH_CHARS)):
            yield from records


def explain(paths: Iterable[str | Path], *, format: str | None = None,
            article: str | None = None, sentence: int | None = None,
            on_reject: Callable[[Reject], None] | None = None) -> Iterator[tuple[Article, list[str]]]:
    """Why each candidate predicate of each article did or did not become an event.

    Args:
        paths: files or directories, read as by :func:`extract`.
        format: force an input format instead of detecting it.
        article: only the article with this id.
        sentence: only this sentence (0-based, as ``Event.sentence``) of each article.
        on_reject: called with each record that could not be read (default: print to stderr).

    Yields:
        ``(article, lines)``: the article and, per sentence with a candidate, the sentence and
        one line per candidate (its code and pattern, modality, actors, outcome).
    """
    from ..extract.components import load_pipeline
    from ..extract.events.explain import explain_lines
    from ..nlp import make_docs
    from ..sources import read_paths

    report = on_reject or print_reject
    nlp = load_pipeline()
    for item in read_paths(paths, format=format):
        if isinstance(item, Reject):
            report(item)
        elif article is None or item.id == article:
            (doc,) = nlp.pipe(make_docs(nlp, [item]))
            yield item, list(explain_lines(doc, sentence))


@dataclass
class IngestSummary:
    """What one ``ingest`` run did."""

    read: int = 0
    stored: int = 0
    already_stored: int = 0
    rejected: int = 0
    reasons: dict[str, int] = field(default_factory=dict)


def ingest(
    paths: Iterable[str | Path],
    db: str | Path = "newsevents.duckdb",
    *,
    format: str | None = None,
    on_reject: Callable[[Reject], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    executor: str | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    parts_dir: str | Path | None = None,
) -> IngestSummary:
    """Read, extract and store articles; idempotent and resumable.

    Articles whose id is already in the database are neither parsed nor stored again. Records
    that cannot be read go to the ``rejects`` table (and to ``on_reject``).

    Args:
        paths: files or directories.
        db: the DuckDB file (created when missing).
        format: force an input format instead of detecting it.
        on_reject: called with each reject (default: print to stderr).
        on_progress: called with the number of articles read so far, after each chunk.
        executor: ``local`` (this process), ``processes`` (a pool on this machine) or ``dask``
            (see :mod:`newsevents.pipeline.executors`); the stored results are the same. None
            (the default): a pool of one worker per available core when there is more than one
            and the input is large enough to gain (see :func:`parallel_pays`), else local.
        workers: worker processes for ``processes`` / a Dask LocalCluster (default: the cores
            available); with the default executor, 1 means this process.
        scheduler: a Dask scheduler address (default: a LocalCluster on this machine).
        parts_dir: where Dask workers write Parquet parts (default: ``DB.parts`` beside ``db``).

    Returns:
        Counts of what was read, stored, skipped and rejected.
    """
    from ..sources import read_paths
    from .executors import check_options

    check_options(executor, workers, scheduler)
    summary = IngestSummary()
    report = on_reject or print_reject
    if executor != "dask":
        _ingest_chunks(read_paths(paths, format=format), db, summary, report, on_progress,
                       executor, workers)
        return summary
    from ..store.database import Store
    from .executors import store_batches

    with Store(db, memory_limit=ingest_memory()) as store:
        items = read_paths(paths, format=format)
        batches = _fresh_batches(items, store, summary, report, on_progress)
        parts = parts_dir or (None if str(db) == ":memory:" else f"{db}.parts")
        summary.stored += store_batches(store, batches, executor, workers=workers,
                                        scheduler=scheduler, parts_dir=parts, batch_size=BATCH_SIZE)
        _dedup_and_consolidate(store, None)
    return summary


#: Waits for the records of a chunk whose coding has started.
Pending = Callable[[], list[ArticleRecord]]


@dataclass
class _Coder:
    """How chunks are coded: ``start(articles)`` begins and returns a wait for the records;
    ``ahead`` chunks may be coding while an earlier one is stored."""

    start: Callable[[list[Article]], Pending]
    ahead: int


def parallel_pays(first_chunk: int, fresh: int) -> bool:
    """Whether the default ingest starts worker processes, judged on the first chunk read.

    Workers take a second or two to start (each loads the model and the compiled tables), about
    what this process spends coding :data:`PARALLEL_MIN` articles: that many new articles in
    the first chunk, or a full first chunk of at least that many (the input goes on: new
    articles may come later; the workers start only when some do) make a pool pay.
    """
    return fresh >= PARALLEL_MIN or first_chunk >= max(CHUNK_SIZE, PARALLEL_MIN)


def _coder(executor: str | None, workers: int | None, large: bool, stack: ExitStack) -> _Coder:
    """The local coder, or a process pool's (entered on ``stack``) when asked or when it pays."""
    from .executors import available_cores, process_pool

    n = workers or available_cores()
    if executor == "processes" or (executor is None and n > 1 and large):
        submit = stack.enter_context(process_pool(n))

        def start(articles: list[Article]) -> Pending:
            futures = [submit(articles[i : i + POOL_BATCH])
                       for i in range(0, len(articles), POOL_BATCH)]
            return lambda: [record for future in futures for record in future.result()]

        return _Coder(start, ahead=1)  # the workers code the next chunk while this one is stored

    def start_here(articles: list[Article]) -> Pending:
        records = list(process(articles))
        return lambda: records

    return _Coder(start_here, ahead=0)


def _ingest_chunks(items: Iterator[Article | Reject], db: str | Path, summary: IngestSummary,
                   report: Callable[[Reject], None], on_progress: Callable[[int], None] | None,
                   executor: str | None, workers: int | None) -> None:
    """Ingest chunk by chunk, holding the database only to triage and to store (never while
    articles are coded), so readers such as ``newsevents serve`` get in between chunks (DuckDB:
    one writer). With worker processes the next chunk is coded while one is stored."""
    from contextlib import nullcontext

    from ..store.database import Store, open_store

    held = Store(db) if str(db) == ":memory:" else None  # a memory store cannot be reopened

    def opened() -> Any:
        return nullcontext(held) if held else open_store(db, memory_limit=ingest_memory())

    coding: deque[tuple[frozenset[str], Pending]] = deque()
    with ExitStack() as stack:
        if held:
            stack.callback(held.close)
        with opened():  # fail fast (corrupt, locked, bad folder) and migrate before reading
            pass
        coder = None
        while chunk := list(itertools.islice(items, CHUNK_SIZE)):
            with opened() as store:  # articles still coding count as stored (a rerun's view)
                fresh = _triage(chunk, store, summary, report, frozenset().union(*(i for i, _ in coding)))
            coder = coder or _coder(executor, workers, parallel_pays(len(chunk), len(fresh)), stack)
            coding.append((frozenset(a.id for a in fresh), coder.start(fresh)))
            while len(coding) > coder.ahead:
                _store_chunk(coding.popleft()[1](), opened, summary, on_progress)
        while coding:
            _store_chunk(coding.popleft()[1](), opened, summary, on_progress)


def _store_chunk(records: list[ArticleRecord], opened: Callable[[], Any], summary: IngestSummary,
                 on_progress: Callable[[int], None] | None) -> None:
    """Store a chunk's records, then cluster and consolidate what they touch."""
    with opened() as store:
        summary.stored += store.add(records, batch_size=BATCH_SIZE)
        _dedup_and_consolidate(store, [r.article.id for r in records])
    if on_progress:
        on_progress(summary.read)


def demo_corpus() -> Path:
    """The bundled demo corpus: 500 Wikinews articles on politics and conflict, 2004-2009
    (CC BY 2.5, Wikinews contributors; each record keeps its URL; ``data/demo/NOTICE.md``)."""
    return data_path("demo", "wikinews-demo.jsonl.gz")


def demo(db: str | Path = "demo.duckdb", **options: Any) -> IngestSummary:
    """Ingest the bundled demo corpus (:func:`demo_corpus`) into ``db``; idempotent like ``ingest``.

    Args:
        db: the DuckDB file (created when missing).
        options: passed to :func:`ingest` (on_reject, on_progress, executor, workers ...).

    Returns:
        What the run read and stored (a rerun stores nothing new).
    """
    return ingest([demo_corpus()], db, **options)


def ingest_memory() -> str:
    """The ingest writer's DuckDB memory limit: ``NEWSEVENTS_INGEST_MEMORY`` or 128MB."""
    return os.environ.get("NEWSEVENTS_INGEST_MEMORY") or INGEST_MEMORY


def _dedup_and_consolidate(store: Any, article_ids: list[str] | None) -> None:
    """Cluster newly stored articles with the stored ones, then rebuild the events they touch."""
    from ..store.consolidate import consolidate
    from ..store.dedup import update_clusters

    update_clusters(store)  # every article without a fingerprint, also those of an interrupted run
    consolidate(store, article_ids)


def _fresh_batches(items: Iterator[Article | Reject], store: Any, summary: IngestSummary,
                   report: Callable[[Reject], None],
                   on_progress: Callable[[int], None] | None) -> Iterator[list[Article]]:
    """Chunks of new articles (triaged as in the local path) cut into ``BATCH_SIZE`` batches."""
    while chunk := list(itertools.islice(items, CHUNK_SIZE)):
        fresh = _triage(chunk, store, summary, report)
        for start in range(0, len(fresh), BATCH_SIZE):
            yield fresh[start : start + BATCH_SIZE]
        if on_progress:
            on_progress(summary.read)


def _triage(chunk: list[Article | Reject], store: Any, summary: IngestSummary,
            report: Callable[[Reject], None], pending: frozenset[str] = frozenset()) -> list[Article]:
    """Split a chunk into new articles, already-stored ones (or ``pending``: being coded) and
    rejects (stored right away)."""
    rejects = [item for item in chunk if isinstance(item, Reject)]
    articles = [item for item in chunk if isinstance(item, Article)]
    for item in rejects:
        report(item)
        summary.reasons[item.reason] = summary.reasons.get(item.reason, 0) + 1
    summary.rejected += len(rejects)
    store.add_rejects(rejects)
    summary.read += len(articles)
    known = store.known_ids(a.id for a in articles) | (pending & {a.id for a in articles})
    summary.already_stored += sum(1 for a in articles if a.id in known)
    seen: set[str] = set()
    fresh = []
    for article in articles:
        if article.id not in known and article.id not in seen:
            seen.add(article.id)
            fresh.append(article)
    return fresh


def print_reject(reject: Reject) -> None:
    """Print a reject to stderr as ``path:location: reason: detail``."""
    where = f"{reject.path}:{reject.location}" if reject.location else reject.path
    print(f"rejected {where}: {reject.reason}: {reject.detail}", file=sys.stderr)
