"""Export of store tables to Parquet, CSV and JSON Lines (called by ``Store.export``).

Parquet of an article table is partitioned by publication date (Hive ``year=/month=``
folders), the layout DuckDB, pandas, Spark and BigQuery read directly. JSON Lines rows are the
records' own ``to_dict`` form, so they read back with ``from_dict``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from ..errors import ConfigError
from ..records import ArticleRecord
from . import rows as rows

EXPORT_FORMATS = ("parquet", "csv", "jsonl")
_ORDER = {"articles": "id", "rejects": "path, location, reason"}
_FETCH = 10_000


def export_table(
    con: duckdb.DuckDBPyConnection,
    format: str,
    table: str,
    out: Path,
    records: Iterator[ArticleRecord],
) -> int:
    """Write ``table`` to ``out`` in ``format``; return the rows written.

    Args:
        con: the store's connection.
        format: one of ``EXPORT_FORMATS`` (checked by the caller).
        table: a store table (checked by the caller).
        out: the file, or for partitioned parquet a new or empty folder.
        records: every stored ArticleRecord, consumed only for jsonl of articles.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    if format == "parquet":
        return _parquet(con, table, out)
    if format == "csv":
        return _copy(con, _select(table), out, "FORMAT csv, HEADER true")
    return _jsonl(con, table, out, records)


def _select(table: str, *, partitioned: bool = False) -> str:
    order = _ORDER.get(table, "article_id, idx")
    if not partitioned:
        return f"SELECT * FROM {table} ORDER BY {order}"
    if table == "articles":
        return (
            "SELECT *, year(published_date) AS year, month(published_date) AS month "
            "FROM articles ORDER BY id"
        )
    return (
        f"SELECT t.*, year(a.published_date) AS year, month(a.published_date) AS month "
        f"FROM {table} t JOIN articles a ON a.id = t.article_id ORDER BY t.article_id, t.idx"
    )


def _copy(con: duckdb.DuckDBPyConnection, sql: str, out: Path, options: str) -> int:
    (count,) = con.execute(f"COPY ({sql}) TO ? ({options})", [str(out)]).fetchone() or (0,)
    return int(count)


def _parquet(con: duckdb.DuckDBPyConnection, table: str, out: Path) -> int:
    if table == "rejects":
        return _copy(con, _select(table), out, "FORMAT parquet")
    if out.is_file() or (out.is_dir() and any(out.iterdir())):
        raise ConfigError(
            f"{out} already exists and is not an empty folder; parquet export writes a folder of "
            "year=/month= partitions there: remove it or pass a new --out"
        )
    return _copy(con, _select(table, partitioned=True), out, "FORMAT parquet, PARTITION_BY (year, month)")


def _jsonl(
    con: duckdb.DuckDBPyConnection, table: str, out: Path, records: Iterator[ArticleRecord]
) -> int:
    items = (r.to_dict() for r in records) if table == "articles" else _row_dicts(con, table)
    count = 0
    with out.open("w", encoding="utf-8") as file:
        for item in items:
            file.write(json.dumps(item, ensure_ascii=False) + "\n")
            count += 1
    return count


def _row_dicts(con: duckdb.DuckDBPyConnection, table: str) -> Iterator[dict[str, Any]]:
    cursor = con.execute(_select(table))
    names = [d[0] for d in cursor.description]
    from_row = rows.FROM_ROW[table]
    while chunk := cursor.fetchmany(_FETCH):
        for values in chunk:
            row = dict(zip(names, values))
            record = from_row(row).to_dict()
            yield record if table == "rejects" else {"article_id": row["article_id"], **record}
