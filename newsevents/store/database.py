"""The DuckDB store: the only place that writes SQL (one writer, named migrations).

Tables mirror the record contract (``records.py``): ``articles`` (with the tone flattened in),
``entities``, ``timexes``, ``quotes``, ``places`` and ``events`` keyed by ``article_id`` and
``idx`` (the position in the ArticleRecord's list), and ``rejects``. Nested records are
flattened with a prefix (``source_code``, ``speaker_name``, ``place_lat``); see
``store/rows.py``. ``published_date`` (articles) and ``event_date`` (events) are DATE columns
for range queries beside the ISO strings.

Listings return ``(article_id, record)`` pairs of the records.py types (``Event``,
``Entity``, ``Quote``), so callers speak records, never loose dicts; ``record.to_dict()``
gives the flat JSON form.

Example:
    >>> with Store(":memory:") as store:
    ...     store.add(records)
    ...     for article_id, event in store.events(actor="UKR", since="2025-07-01"):
    ...         print(article_id, event.cameo, event.evidence.text)
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import ConfigError, StoreError
from ..records import ArticleRecord, Entity, Event, Quote, Reject
from . import filters as filters
from . import rows as rows
from .export import EXPORT_FORMATS, export_table
from .lock import StoreBusy, lock_wait
from .migrations import MIGRATIONS

DEFAULT_DB = "newsevents.duckdb"
CHILD_TABLES = rows.CHILD_TABLES
TABLES = ("articles", *CHILD_TABLES, "rejects")

_BATCH_VIEW = "_newsevents_batch"


class Store:
    """A newsevents database: a DuckDB file (or ``":memory:"``) holding articles and extractions.

    Opening it applies pending migrations (unless ``read_only``). One process may write a file
    at a time; DuckDB locks it, and a second writer gets a ``StoreError`` saying so.

    Args:
        path: the database file, created when missing; ``":memory:"`` for a throwaway store.
        read_only: open without writing; the database must exist and be fully migrated.
        memory_limit: DuckDB's ``memory_limit`` for this connection (``"128MB"``); its page
            cache grows up to it, so a long-running writer caps it (``pipeline.ingest`` does).

    Raises:
        StoreError: the file is locked by another process, is not a DuckDB/newsevents database,
            is corrupt, or (read-only) lacks migrations.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False,
                 memory_limit: str | None = None) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._con = _connect(self.path, read_only, memory_limit)
        try:
            self._check_newsevents_db()
            self._verify_migrations() if read_only else self._migrate()
        except duckdb.Error as exc:
            self._con.close()
            raise _open_error(self.path, exc) from None
        except StoreError:
            self._con.close()
            raise

    # ---- lifecycle -----------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection (releases the file lock)."""
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r}, read_only={self.read_only})"

    # ---- migrations ----------------------------------------------------------------------

    def migrations(self) -> list[tuple[str, dt.datetime]]:
        """The applied migrations, ``(name, applied_at)``, in the order they were applied."""
        sql = "SELECT name, applied_at FROM migrations ORDER BY applied_at, name"
        return [(name, at) for name, at in self._con.execute(sql).fetchall()]

    def _check_newsevents_db(self) -> None:
        tables = self._table_names()
        if tables and "migrations" not in tables:
            raise StoreError(
                f"{self.path} is a DuckDB database but not a newsevents store (it has tables "
                f"{', '.join(sorted(tables)[:5])} and no migrations table); use --db with a new path"
            )

    def _migrate(self) -> None:
        self._con.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
        )
        done = {name for name, _ in self.migrations()}
        for migration in MIGRATIONS:
            if migration.name in done:
                continue
            with self._transaction():
                migration.apply(self._con)
                self._con.execute(
                    "INSERT INTO migrations VALUES (?, current_timestamp)", [migration.name]
                )

    def _verify_migrations(self) -> None:
        done = {name for name, _ in self.migrations()} if "migrations" in self._table_names() else set()
        missing = [m.name for m in MIGRATIONS if m.name not in done]
        if missing:
            raise StoreError(
                f"{self.path} lacks migrations {', '.join(missing)} (written by an older newsevents "
                "or never initialised); open it once for writing, e.g. `newsevents ingest PATH "
                f"--db {self.path}`, to upgrade it"
            )

    def _table_names(self) -> set[str]:
        sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        return {name for (name,) in self._con.execute(sql).fetchall()}

    # ---- writing -------------------------------------------------------------------------

    def add(self, records: Iterable[ArticleRecord], *, batch_size: int = 500) -> int:
        """Store the records whose article id is not stored yet; skip the others.

        Each batch (an article with all its child rows, times ``batch_size``) is written in one
        transaction, so an interruption leaves whole articles only, and rerunning adds the rest.

        Args:
            records: extraction results, e.g. straight from the pipeline (consumed lazily).
            batch_size: articles per transaction.

        Returns:
            The number of articles newly stored.

        Raises:
            StoreError: a batch could not be written (nothing of that batch is stored; the
                batches before it are).
            ConfigError: ``batch_size`` is below 1.
        """
        self._require_writable("add articles")
        if batch_size < 1:
            raise ConfigError(f"batch_size must be at least 1, not {batch_size}")
        added = 0
        for batch in _batches(records, batch_size):
            added += self._add_batch(batch)
        return added

    def _add_batch(self, batch: list[ArticleRecord]) -> int:
        unique: dict[str, ArticleRecord] = {}
        for record in batch:
            unique.setdefault(record.article.id, record)
        known = self.known_ids(unique)
        fresh = [r for article_id, r in unique.items() if article_id not in known]
        if not fresh:
            return 0
        _check_event_ids(fresh)
        tables = rows.arrow_tables(fresh)
        try:
            self._write(tables)
        except duckdb.Error as exc:
            raise StoreError(
                f"{self.path}: could not store a batch of {len(fresh)} articles (first id "
                f"{fresh[0].article.id}): {exc}; nothing of this batch was stored. Fix the cause "
                "and rerun: articles already stored are skipped"
            ) from None
        return len(fresh)

    def add_rejects(self, rejects: Iterable[Reject]) -> int:
        """Store rejects not seen before (same path, location and reason).

        Returns:
            The number of new rejects.
        """
        self._require_writable("add rejects")
        unique: dict[tuple[str, str, str], rows.Row] = {}
        for reject in rejects:  # the first wording of a repeated reject wins, as in the table
            unique.setdefault((reject.path, reject.location, reject.reason), rows.reject_row(reject))
        if not unique:
            return 0
        table = pa.Table.from_pylist(list(unique.values()), schema=rows.SCHEMAS["rejects"])
        return self._write({"rejects": table}, or_ignore=True)

    def _write(self, tables: dict[str, pa.Table], *, or_ignore: bool = False) -> int:
        """Insert Arrow tables into the tables of the same names in one transaction; return rows."""
        verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
        views = {name: f"{_BATCH_VIEW}_{name}" for name in tables}
        for name, table in tables.items():
            self._con.register(views[name], table)
        try:  # views are dropped after the transaction: an aborted one refuses any statement
            with self._transaction():
                count = 0
                for name, table in tables.items():
                    columns = ", ".join(f'"{c}"' for c in table.column_names)
                    sql = f"{verb} INTO {name} ({columns}) SELECT {columns} FROM {views[name]}"
                    count += (self._con.execute(sql).fetchone() or (0,))[0]
                return int(count)
        finally:
            for view in views.values():
                self._con.unregister(view)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._con.begin()
        try:
            yield
        except BaseException:
            self._con.rollback()
            raise
        self._con.commit()

    def _require_writable(self, action: str) -> None:
        if self.read_only:
            raise StoreError(f"cannot {action}: {self.path} was opened read-only")

    # ---- reading -------------------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored (so a runner can skip parsing them)."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        sql = "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))"
        return {article_id for (article_id,) in self._con.execute(sql, [wanted]).fetchall()}

    def get_article(self, article_id: str) -> ArticleRecord | None:
        """The stored ArticleRecord with this id, rebuilt from its rows, or None."""
        return next(iter(self._records([article_id])), None)

    def iter_records(self, *, batch_size: int = 500) -> Iterator[ArticleRecord]:
        """Every stored ArticleRecord, ordered by article id, read ``batch_size`` at a time."""
        ids = [i for (i,) in self._con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
        for start in range(0, len(ids), batch_size):
            yield from self._records(ids[start : start + batch_size])

    def _records(self, ids: Sequence[str]) -> list[ArticleRecord]:
        where = "IN (SELECT unnest(?::VARCHAR[]))"
        articles = self._rows(f"SELECT * FROM articles WHERE id {where} ORDER BY id", [list(ids)])
        children: dict[str, dict[str, list[Any]]] = {}
        for table in CHILD_TABLES:
            sql = f"SELECT * FROM {table} WHERE article_id {where} ORDER BY article_id, idx"
            grouped = children[table] = {}
            for row in self._rows(sql, [list(ids)]):
                grouped.setdefault(row["article_id"], []).append(rows.FROM_ROW[table](row))
        records = []
        for row in articles:
            article, tone = rows.article_from_row(row)
            lists = {t: children[t].get(article.id, []) for t in CHILD_TABLES}
            records.append(ArticleRecord(article, **lists, tone=tone))
        return records

    def entities(
        self, *, label: str | None = None, actor: str | None = None, limit: int | None = None
    ) -> list[tuple[str, Entity]]:
        """Entity mentions, ordered by article and position.

        Args:
            label: NER label (PERSON, ORG, GPE ...), case-insensitive.
            actor: actor code prefix, country or org (``UKR`` matches UKRGOV; ``NATO`` matches org NATO).
            limit: at most this many rows.

        Returns:
            ``(article_id, Entity)`` pairs.
        """
        where = filters.entity_where(label, actor)
        sql = f"SELECT * FROM entities{where} ORDER BY article_id, idx"
        return self._pairs("entities", sql, where.params, limit)

    def events(
        self,
        *,
        actor: str | None = None,
        dyad: tuple[str, str] | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        cameo: str | None = None,
        modality: str | None = "asserted",
        directed: bool = True,
        limit: int | None = None,
    ) -> list[tuple[str, Event]]:
        """Coded events, ordered by event date, article and position.

        Actor filters match an actor code prefix, a country or an org, case-insensitively
        (``UKR`` matches UKRGOV; ``NATO`` matches org NATO, code IGOWSTNAT).

        Args:
            actor: source or target matches.
            dyad: ``(a, b)``: source matches a and target matches b (either way round when
                ``directed`` is False).
            since: first event date, inclusive (``2025``, ``2025-07`` or ``2025-07-22``).
            until: last event date, inclusive (a year or month means its last day).
            cameo: CAMEO code prefix (``11`` = root 11, ``112``).
            modality: asserted, negated, hypothetical or future; None for all.
            directed: whether ``dyad`` is ordered.
            limit: at most this many rows.

        Returns:
            ``(article_id, Event)`` pairs. ``since``/``until`` compare ``event_date``: the
            event's date (its first day when only month or year is known), or the article's
            publication date when the event date is not an ISO date.

        Raises:
            ConfigError: a malformed date, cameo code or unknown modality.
        """
        where = filters.event_where(actor, dyad, since, until, cameo, modality, directed)
        sql = f"SELECT * FROM events{where} ORDER BY event_date, article_id, idx"
        return self._pairs("events", sql, where.params, limit)

    def quotes(self, *, speaker: str | None = None, limit: int | None = None) -> list[tuple[str, Quote]]:
        """Quotes, ordered by article and position.

        Args:
            speaker: the speaker's actor code prefix, country or org.
            limit: at most this many rows.

        Returns:
            ``(article_id, Quote)`` pairs.
        """
        where = filters.quote_where(speaker)
        sql = f"SELECT * FROM quotes{where} ORDER BY article_id, idx"
        return self._pairs("quotes", sql, where.params, limit)

    def rejects(self) -> list[Reject]:
        """Every reject, oldest first."""
        sql = "SELECT * FROM rejects ORDER BY first_seen, path, location, reason"
        return [rows.reject_from_row(r) for r in self._rows(sql, [])]

    def counts(self) -> dict[str, int]:
        """Rows per table, for the tables of ``TABLES``."""
        sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in TABLES)
        found = dict(self._con.execute(sql).fetchall())
        return {t: int(found[t]) for t in TABLES}

    def export(self, format: str, out: str | Path, *, table: str = "events") -> int:
        """Write a table to a file (csv, jsonl) or, for parquet, a folder of Hive partitions.

        Parquet of an article table (every table but rejects) is partitioned by publication
        date: ``out/year=2025/month=7/data_0.parquet``. JSON Lines rows are records:
        ``Event.to_dict()`` plus ``article_id`` for events (likewise entities, timexes, quotes,
        places), ``ArticleRecord.to_dict()`` for articles, ``Reject.to_dict()`` for rejects.

        Args:
            format: parquet, csv or jsonl.
            out: the file, or for parquet the folder (new or empty).
            table: one of ``TABLES``.

        Returns:
            The number of rows (records) written.

        Raises:
            ConfigError: an unknown format or table, or a parquet folder that is not empty.
        """
        if format not in EXPORT_FORMATS:
            raise ConfigError(f"unknown export format {format!r}; use one of {', '.join(EXPORT_FORMATS)}")
        if table not in TABLES:
            raise ConfigError(f"unknown table {table!r}; use one of {', '.join(TABLES)}")
        return export_table(self._con, format, table, Path(out), self.iter_records())

    def _pairs(self, table: str, sql: str, params: list[Any], limit: int | None) -> list[tuple[str, Any]]:
        if limit is not None:
            if not isinstance(limit, int) or limit < 0:
                raise ConfigError(f"limit must be a whole number >= 0, not {limit!r}")
            sql, params = f"{sql} LIMIT ?", [*params, limit]
        return [(r["article_id"], rows.FROM_ROW[table](r)) for r in self._rows(sql, params)]

    def _rows(self, sql: str, params: list[Any]) -> list[rows.Row]:
        cursor = self._con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values)) for values in cursor.fetchall()]


# ---- helpers -------------------------------------------------------------------------------


def _batches(records: Iterable[ArticleRecord], size: int) -> Iterator[list[ArticleRecord]]:
    batch: list[ArticleRecord] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _check_event_ids(records: list[ArticleRecord]) -> None:
    """Event ids key the events table: a repeat within a batch is an extractor bug, named here."""
    seen: dict[str, str] = {}
    for record in records:
        for event in record.events:
            if event.id in seen:
                raise StoreError(
                    f"article {record.article.id}: event id {event.id} is also the id of an event of "
                    f"article {seen[event.id]}; event ids must be unique (the events extractor should "
                    "hash what tells the two apart, e.g. the source and target offsets). Nothing of "
                    "this batch was stored"
                )
            seen[event.id] = record.article.id


def _connect(path: str, read_only: bool, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    if path != ":memory:" and not read_only and not Path(path).parent.is_dir():
        raise StoreError(
            f"cannot create the database {path}: the folder {Path(path).parent} does not exist; "
            "create it or choose another --db"
        )
    try:
        config = {"memory_limit": memory_limit} if memory_limit else {}
        return duckdb.connect(path, read_only=read_only, config=config)
    except duckdb.Error as exc:
        raise _open_error(path, exc) from None


def _open_error(path: str, exc: duckdb.Error) -> StoreError:
    message = str(exc)
    if "Could not set lock" in message or "Conflicting lock" in message:
        pid = re.search(r"PID (\d+)", message)
        who = f" (process {pid.group(1)})" if pid else ""
        if "read-only mode" in message:  # the holder reads: e.g. `newsevents serve` or a query
            return StoreBusy(
                f"another process{who} is reading {path} (e.g. `newsevents serve` or a query), so it cannot "
                "be written now; stop that process or retry when it is done"
            )
        return StoreBusy(
            f"another newsevents ingest{who} is writing to {path}; wait for it to finish or use --db OTHER.duckdb"
        )
    if "not a valid DuckDB database" in message:
        return StoreError(
            f"{path} is not a DuckDB database (it exists but has no DuckDB header); pass --db a "
            "file written by newsevents, or a new path to create one"
        )
    if "database does not exist" in message:
        return StoreError(f"{path} does not exist; create it first with `newsevents ingest PATH --db {path}`")
    if "Corrupt" in message or "checksum" in message:
        return StoreError(
            f"{path} is corrupt ({message}); restore it from a backup or re-ingest into a new --db path"
        )
    if "Could not read enough bytes" in message:
        return StoreError(
            f"{path} is truncated (shorter than its own index says: an interrupted copy or a full disk?); "
            "restore it from a backup or re-ingest into a new --db path"
        )
    return StoreError(f"cannot open {path}: {message}; if the file is damaged, re-ingest into a new --db path")


def open_store(path: str | Path = "newsevents.duckdb", *, read_only: bool = False,
               wait: float | None = None, memory_limit: str | None = None) -> Store:
    """Open a :class:`Store`, retrying with backoff while another process holds the file's lock.

    DuckDB lets one process hold a file read-write, and then no other process may open it (not
    even read-only); readers in turn keep a writer out. Writers and readers here hold the file
    briefly (ingest: one chunk; the API: one short lease), so waiting a little usually suffices.

    Args:
        path: the database file.
        read_only: open for reading only.
        wait: seconds to keep retrying (default :func:`lock_wait`); 0 tries once.
        memory_limit: DuckDB's memory limit for the connection (see :class:`Store`).

    Raises:
        StoreBusy: the lock was still held after ``wait`` seconds (the message names the holder).
        StoreError: any other reason the store cannot be opened.
    """
    seconds = lock_wait() if wait is None else wait
    deadline = time.monotonic() + seconds
    delay = 0.005
    while True:
        try:
            return Store(path, read_only=read_only, memory_limit=memory_limit)
        except StoreBusy as exc:
            left = deadline - time.monotonic()
            if left <= 0:
                if not seconds:
                    raise
                raise StoreBusy(f"{exc} (waited {seconds:g} s; NEWSEVENTS_LOCK_WAIT=SECONDS waits longer)") from None
            time.sleep(min(delay, left))
            delay = min(delay * 2, 0.02)
