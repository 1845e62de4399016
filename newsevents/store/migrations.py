"""Named, ordered schema migrations of the DuckDB store (like sqlite-utils' ``Migrations``).

Each migration is a function taking a DuckDB connection, registered with ``@migration(name)``.
``Store`` applies the ones not yet recorded in the ``migrations`` table, in registration
order, each in its own transaction, and records ``(name, applied_at)``. A migration's SQL is
frozen once released: change the schema by adding a new migration, never by editing an old one.

Adding one is a single decorated function at the end of this module::

    @migration("0002_clusters")
    def _clusters(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("CREATE TABLE clusters (...)")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import duckdb

from ..corpus.consolidate import group_mentions, summarise
from .consolidate import load_mentions, write_consolidated

MigrationFn = Callable[[duckdb.DuckDBPyConnection], None]


@dataclass(frozen=True)
class Migration:
    """One named schema change."""

    name: str
    apply: MigrationFn


MIGRATIONS: list[Migration] = []


def migration(name: str) -> Callable[[MigrationFn], MigrationFn]:
    """Register the decorated function as the next migration, called ``name``.

    Args:
        name: unique, stable name, conventionally ``NNNN_what`` (``0002_clusters``).

    Returns:
        The decorator; the function itself is returned unchanged.
    """

    def register(fn: MigrationFn) -> MigrationFn:
        if any(m.name == name for m in MIGRATIONS):
            raise ValueError(f"migration {name!r} is registered twice; give it a new name")
        MIGRATIONS.append(Migration(name, fn))
        return fn

    return register


# Column groups shared by several tables. Child tables have no index on article_id on purpose:
# DuckDB scans them fast, and ART indexes would slow the bulk inserts of ingest.
_ACTOR = "code VARCHAR, country VARCHAR, sector VARCHAR, org VARCHAR, name VARCHAR"


def _mention(prefix: str) -> str:
    return (
        f"{prefix}_start INTEGER, {prefix}_end INTEGER, {prefix}_text VARCHAR, "
        f"{prefix}_code VARCHAR, {prefix}_country VARCHAR, {prefix}_sector VARCHAR, "
        f"{prefix}_org VARCHAR, {prefix}_name VARCHAR"
    )


_PLACE = (
    "name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT, feature VARCHAR"
)
_SPAN = 'article_id VARCHAR NOT NULL, idx INTEGER NOT NULL, start INTEGER, "end" INTEGER, text VARCHAR'

_INITIAL = [
    """CREATE TABLE articles (
        id VARCHAR PRIMARY KEY, published VARCHAR NOT NULL, published_date DATE,
        title VARCHAR, text VARCHAR, source VARCHAR, url VARCHAR, language VARCHAR,
        tone DOUBLE, tone_positive DOUBLE, tone_negative DOUBLE, tone_polarity DOUBLE,
        tone_words INTEGER,
        ingested_at TIMESTAMP DEFAULT current_timestamp)""",
    f"CREATE TABLE entities ({_SPAN}, label VARCHAR, {_ACTOR}, rule VARCHAR)",
    f"CREATE TABLE timexes ({_SPAN}, type VARCHAR, value VARCHAR, mod VARCHAR)",
    f"""CREATE TABLE quotes ({_SPAN}, direct BOOLEAN, cue VARCHAR, {_mention("speaker")},
        polarity DOUBLE)""",
    f"CREATE TABLE places ({_SPAN}, {_PLACE})",
    f"""CREATE TABLE events (
        id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
        cameo VARCHAR, root VARCHAR, quad_class INTEGER, goldstein DOUBLE,
        {_mention("source")}, {_mention("target")},
        plover_event VARCHAR, plover_mode VARCHAR,
        place_start INTEGER, place_end INTEGER, place_text VARCHAR, place_name VARCHAR,
        place_country VARCHAR, place_lat DOUBLE, place_lon DOUBLE, place_geonameid BIGINT,
        place_feature VARCHAR,
        evidence_start INTEGER, evidence_end INTEGER, evidence_text VARCHAR,
        sentence INTEGER, date VARCHAR, event_date DATE, date_precision VARCHAR,
        date_basis VARCHAR, modality VARCHAR, confidence DOUBLE, pattern VARCHAR,
        quote INTEGER, polarity DOUBLE)""",
    """CREATE TABLE rejects (
        path VARCHAR NOT NULL, location VARCHAR NOT NULL, reason VARCHAR NOT NULL,
        detail VARCHAR, first_seen TIMESTAMP DEFAULT current_timestamp,
        PRIMARY KEY (path, location, reason))""",
]


@migration("0001_initial")
def _initial(con: duckdb.DuckDBPyConnection) -> None:
    """Articles and everything extracted from them, plus the rejects of reading."""
    for statement in _INITIAL:
        con.execute(statement)


@migration("0002_clusters")
def _clusters(con: duckdb.DuckDBPyConnection) -> None:
    """Article fingerprints, LSH band keys, near-duplicate links and clusters (``corpus/dedup.py``)."""
    con.execute(
        "CREATE TABLE article_signatures (article_id VARCHAR NOT NULL, content_hash VARCHAR, "
        "shingles INTEGER, minhash BLOB, shingle_hashes BLOB)"
    )
    con.execute("CREATE TABLE article_bands (band SMALLINT, key BIGINT, article_id VARCHAR NOT NULL)")
    con.execute(
        "CREATE TABLE article_links (a VARCHAR NOT NULL, b VARCHAR NOT NULL, jaccard DOUBLE, "
        "containment DOUBLE, reason VARCHAR)"
    )
    con.execute("CREATE TABLE article_clusters (article_id VARCHAR NOT NULL, cluster_id VARCHAR NOT NULL)")


@migration("0003_consolidated_events")
def _consolidated_events(con: duckdb.DuckDBPyConnection) -> None:
    """One row per happening, with the event mentions it consolidates (``corpus/consolidate.py``)."""
    con.execute(
        """CREATE TABLE consolidated_events (
        id VARCHAR NOT NULL, source_code VARCHAR, source_country VARCHAR, source_org VARCHAR,
        target_code VARCHAR, target_country VARCHAR, target_org VARCHAR,
        cameo VARCHAR, root VARCHAR, modality VARCHAR, date VARCHAR, date_precision VARCHAR,
        event_date DATE, place_country VARCHAR, num_mentions INTEGER, num_articles INTEGER,
        num_sources INTEGER, num_independent_sources INTEGER, merge_reason VARCHAR)"""
    )
    con.execute(
        "CREATE TABLE event_mentions (consolidated_id VARCHAR NOT NULL, event_id VARCHAR NOT NULL, "
        "article_id VARCHAR NOT NULL)"
    )


@migration("0004_consolidation_periods")
def _consolidation_periods(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild consolidated events once: they are now grouped within a month (``corpus/consolidate.py``).

    Groups made before could span a month's end; left as they were, an update of one period
    would delete such a group and rebuild only the mentions of its own period.
    """
    if con.execute("SELECT count(*) FROM consolidated_events").fetchall()[0][0]:
        mentions = load_mentions(SimpleNamespace(_con=con), None)
        write_consolidated(con, [summarise(g) for g in group_mentions(mentions)], None)
