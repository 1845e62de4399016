"""Parquet parts: what a scale-out worker writes and the single DuckDB writer loads.

A worker turns a batch of ArticleRecords into the store's own flat rows (``store_rows``) and
writes them as a Hive-partitioned Parquet dataset, partitioned by publication date::

    ROOT/articles/pub_date=1987-02-26/3f2a9c0d1e4b5a67.parquet
    ROOT/entities/pub_date=1987-02-26/3f2a9c0d1e4b5a67.parquet
    ROOT/events/pub_date=unknown/...        (an article whose ``published`` is not an ISO date)

One *part* is the rows of the articles of one batch that share a publication date; its file
name is a hash of their ids, the same in every table. DuckDB
(``read_parquet('ROOT/events/*/*.parquet', hive_partitioning=true)``), pandas
(``pd.read_parquet('ROOT/events')``) and Spark (``spark.read.parquet('ROOT/events')``) read the
dataset directly; the partition column is ``pub_date``.

A part is complete when its ``articles`` file exists: the child tables are written first, the
articles file last, each file atomically (temporary name, then rename). A worker killed half
way leaves child files without an articles file; :func:`remove_incomplete` deletes them, and the
articles are coded again by the next run. Complete parts left by an interrupted run are loaded
by the next run instead of being coded again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from ..records import ArticleRecord, iso_date
from . import rows as rows

CHILD_TABLES = ("entities", "timexes", "quotes", "places", "events")
TABLES = ("articles", *CHILD_TABLES)
#: Hive partition column: the article's publication date, ``YYYY-MM-DD`` or ``unknown``.
PARTITION = "pub_date"
_TO_ROW: dict[str, Callable[..., rows.Row]] = {
    "entities": rows.entity_row,
    "timexes": rows.timex_row,
    "quotes": rows.quote_row,
    "places": rows.place_row,
}


def pub_date(record: ArticleRecord) -> str:
    """The partition value of a record: its ISO publication date, or ``unknown``."""
    date = iso_date(record.article.published)
    return date.isoformat() if date else "unknown"


def part_key(records: list[ArticleRecord]) -> str:
    """A file name stem that depends only on the set of article ids (same batch, same name)."""
    ids = "\n".join(sorted(r.article.id for r in records))
    return hashlib.sha1(ids.encode("utf-8")).hexdigest()[:16]


def write_part(records: list[ArticleRecord], root: str | Path) -> list[Path]:
    """Write a batch of records as parts, one per publication date; return the articles files.

    Args:
        records: the batch (any size; empty writes nothing).
        root: the dataset folder (created when missing); must be visible to the writer.

    Returns:
        The ``articles`` file of each part written, in publication-date order.
    """
    groups: dict[str, list[ArticleRecord]] = {}
    for record in records:
        groups.setdefault(pub_date(record), []).append(record)
    written = []
    for date in sorted(groups):
        key = part_key(groups[date])
        table_rows = _rows(groups[date])
        for table in (*CHILD_TABLES, "articles"):  # articles last: it marks the part complete
            if table_rows[table]:
                _write_atomic(table_rows[table], table, _path(root, table, date, key))
        written.append(_path(root, "articles", date, key))
    return written


def read_part(articles_file: str | Path) -> list[ArticleRecord]:
    """The ArticleRecords of a complete part, in the order they were written.

    Args:
        articles_file: a part's ``articles`` file, as returned by :func:`write_part`.
    """
    import pyarrow.parquet as pq

    path = Path(articles_file)
    root, date, key = path.parents[2], path.parent.name.split("=", 1)[1], path.stem
    children: dict[str, dict[str, list[object]]] = {}
    for table in CHILD_TABLES:
        grouped = children[table] = {}
        child = _path(root, table, date, key)
        if child.exists():
            for row in sorted(pq.read_table(child).to_pylist(), key=lambda r: r["idx"]):
                grouped.setdefault(row["article_id"], []).append(rows.FROM_ROW[table](row))
    records = []
    for row in pq.read_table(path).to_pylist():
        article, tone = rows.article_from_row(row)
        lists = {t: children[t].get(article.id, []) for t in CHILD_TABLES}
        records.append(ArticleRecord(article, **lists, tone=tone))  # type: ignore[arg-type]
    return records


def complete_parts(root: str | Path) -> list[Path]:
    """The articles files of every complete part under ``root``, sorted by path."""
    return sorted(Path(root).glob(f"articles/{PARTITION}=*/*.parquet"))


def remove_incomplete(root: str | Path) -> int:
    """Delete child files with no articles file and leftover temporary files; return how many."""
    done = {(p.parent.name, p.stem) for p in complete_parts(root)}
    removed = 0
    for path in _all_files(root):
        orphan = path.suffix == ".parquet" and (path.parent.name, path.stem) not in done
        if path.name.endswith(".tmp") or orphan:
            path.unlink()
            removed += 1
    return removed


def _all_files(root: str | Path) -> Iterator[Path]:
    for table in CHILD_TABLES:
        yield from Path(root).glob(f"{table}/{PARTITION}=*/*")
    yield from Path(root).glob(f"articles/{PARTITION}=*/*.tmp")


def _rows(records: list[ArticleRecord]) -> dict[str, list[rows.Row]]:
    """The store rows of a group of records, by table (as ``Store.add`` would write them)."""
    out: dict[str, list[rows.Row]] = {t: [] for t in TABLES}
    for record in records:
        article = record.article
        out["articles"].append(rows.article_row(article, record.tone))
        for table, to_row in _TO_ROW.items():
            out[table].extend(to_row(article.id, i, x) for i, x in enumerate(getattr(record, table)))
        out["events"].extend(
            rows.event_row(article.id, i, e, article.published) for i, e in enumerate(record.events)
        )
    return out


def _path(root: str | Path, table: str, date: str, key: str) -> Path:
    return Path(root) / table / f"{PARTITION}={date}" / f"{key}.parquet"


def _write_atomic(table_rows: list[rows.Row], table: str, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    pq.write_table(pa.Table.from_pylist(table_rows, schema=rows.SCHEMAS[table]), tmp)
    os.replace(tmp, path)
