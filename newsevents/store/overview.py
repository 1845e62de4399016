"""The SQL of the dashboard's overview and map (``analytics/overview.py``): what a store holds,
its most active actors and dyads, its latest events, and its events grouped by place.

Read-only queries over a store's connection; every filter value is a bound parameter. Counts
are of extracted event mentions (the ``events`` table) of one modality, asserted by default,
as in the rest of the analytics.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from .analytics import Row, fetch_rows
from .filters import Where, event_where


def holdings(con: duckdb.DuckDBPyConnection, modality: str | None) -> Row:
    """Articles and their publication range; events (of ``modality``, and of every modality),
    those with a place, their date range; rejects."""
    where = _modality(modality)
    placed = f"{where} {'AND' if where.conditions else 'WHERE'} place_lat IS NOT NULL"
    sql = (
        "SELECT (SELECT count(*) FROM articles) AS articles, "
        "(SELECT min(published_date) FROM articles) AS published_first, "
        "(SELECT max(published_date) FROM articles) AS published_last, "
        f"(SELECT count(*) FROM events{where}) AS events, "
        "(SELECT count(*) FROM events) AS events_all, "
        f"(SELECT count(*) FROM events{placed}) AS placed, "
        f"(SELECT min(event_date) FROM events{where}) AS event_first, "
        f"(SELECT max(event_date) FROM events{where}) AS event_last, "
        "(SELECT count(*) FROM rejects) AS rejects"
    )
    return fetch_rows(con, sql, [*where.params, *where.params, *where.params, *where.params])[0]


def top_actors(con: duckdb.DuckDBPyConnection, modality: str | None, limit: int) -> list[Row]:
    """Actor codes in the most events (as source or target), with the name most often given."""
    where = _modality(modality)
    sides = " UNION ".join(
        f"SELECT id, {side}_code AS code, {side}_name AS name FROM events{where}"
        f"{' AND' if where.conditions else ' WHERE'} {side}_code IS NOT NULL"
        for side in ("source", "target")
    )
    sql = (
        f"SELECT code, mode(name) AS name, count(DISTINCT id) AS events FROM ({sides}) "
        "GROUP BY code ORDER BY events DESC, code LIMIT ?"
    )
    return fetch_rows(con, sql, [*where.params, *where.params, limit])


def top_dyads(con: duckdb.DuckDBPyConnection, modality: str | None, limit: int) -> list[Row]:
    """Pairs of actor codes with the most events between them (either direction)."""
    where = _modality(modality)
    where.add("source_code IS NOT NULL AND target_code IS NOT NULL AND source_code <> target_code")
    sql = (
        "SELECT least(source_code, target_code) AS a, greatest(source_code, target_code) AS b, "
        f"count(*) AS events, round(avg(goldstein), 3) AS goldstein_mean FROM events{where} "
        "GROUP BY a, b ORDER BY events DESC, a, b LIMIT ?"
    )
    return fetch_rows(con, sql, [*where.params, limit])


def latest_events(con: duckdb.DuckDBPyConnection, modality: str | None, limit: int) -> list[Row]:
    """The events of the most recently published articles, with their article's title and date
    (rows as ``analytics.event_page`` gives them)."""
    where = _modality(modality)
    sql = (
        "SELECT e.*, a.title AS article_title, a.published AS article_published, a.url AS article_url "
        f"FROM (SELECT * FROM events{where}) e JOIN articles a ON a.id = e.article_id "
        "ORDER BY a.published_date DESC, a.published DESC, e.article_id, e.idx LIMIT ?"
    )
    return fetch_rows(con, sql, [*where.params, limit])


def place_rows(con: duckdb.DuckDBPyConnection, where: Where, limit: int) -> list[Row]:
    """Events grouped by their place (GeoNames id, else name and coordinates), by quad class,
    busiest first; events without a place are left out (see :func:`place_totals`)."""
    sql = (
        "SELECT place_geonameid AS geonameid, any_value(place_name) AS name, any_value(place_country) AS country, "
        "any_value(place_feature) AS feature, round(any_value(place_lat), 4) AS lat, "
        "round(any_value(place_lon), 4) AS lon, count(*) AS events, "
        + ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS q{q}" for q in (1, 2, 3, 4))
        + f" FROM events{_placed(where)} GROUP BY place_geonameid, "
        "CASE WHEN place_geonameid IS NULL THEN (place_name, place_lat, place_lon) END "
        "ORDER BY events DESC, name LIMIT ?"
    )
    return fetch_rows(con, sql, [*where.params, limit])


def place_totals(con: duckdb.DuckDBPyConnection, where: Where) -> tuple[int, int]:
    """How many events match ``where``, and how many of them have a place."""
    sql = f"SELECT count(*), count(place_lat) FROM events{where}"
    total, placed = con.execute(sql, where.params).fetchone() or (0, 0)
    return int(total), int(placed)


def country_rows(con: duckdb.DuckDBPyConnection, where: Where) -> list[Row]:
    """Events with a place, counted by the place's country (ISO3), busiest first."""
    sql = (
        f"SELECT place_country AS country, count(*) AS events FROM events{_placed(where)} "
        "AND place_country IS NOT NULL GROUP BY country ORDER BY events DESC, country"
    )
    return fetch_rows(con, sql, where.params)


def _placed(where: Where) -> str:
    return f"{where} AND place_lat IS NOT NULL" if where.conditions else " WHERE place_lat IS NOT NULL"


def _modality(modality: str | None) -> Where:
    return event_where(None, None, None, None, None, modality, True)


def series_where(first: dt.date, last: dt.date, modality: str | None) -> Where:
    """Events of ``modality`` dated from ``first`` to ``last``, inclusive."""
    return event_where(None, None, first, last, None, modality, True)


def count(con: duckdb.DuckDBPyConnection, where: Where) -> int:
    """How many events match ``where``."""
    (total,) = con.execute(f"SELECT count(*) FROM events{where}", where.params).fetchone() or (0,)
    return int(total)

