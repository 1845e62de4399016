"""Events as a GDELT Event 2.0-compatible TSV: the 61 GDELT columns in GDELT's order, then ours.

Like GDELT's ``*.export.CSV`` files: tab-separated, no header, one row per event, so tools that
read GDELT 2.0 event files read these. The mapping (also in ``docs/api.md``):

- ``GLOBALEVENTID``: the event id's first 15 hex digits as an integer (our full id is ``NE_EventId``).
- ``SQLDATE``/``MonthYear``/``Year``/``FractionDate``: from ``event_date`` (the event's date,
  or the article's publication date when the event has none).
- ``Actor1*`` / ``Actor2*``: the source / target. ``Code`` the CAMEO actor code, ``Name`` the
  canonical name (else the mention text, upper-cased), ``CountryCode`` the ISO3 country,
  ``KnownGroupCode`` the org (NATO, UN ...), ``Type1Code`` the sector (GOV, MIL ...); ethnic,
  religion and the other type codes are empty (not extracted).
- ``IsRootEvent``: 1 when the event is in the article's first sentence (GDELT: lead paragraph).
- ``EventCode``/``EventBaseCode``/``EventRootCode``/``QuadClass``/``GoldsteinScale``: CAMEO.
- ``NumMentions``/``NumSources``/``NumArticles``: 1 (one row per extracted event mention).
- ``AvgTone``: the article's tone.
- ``Actor1Geo_*``/``Actor2Geo_*``: empty. ``ActionGeo_*``: the event's place; ``Type`` 1 country,
  3 US city, 4 world city, 2 US state, 5 world state (admin), ``CountryCode`` ISO3 (GDELT uses
  FIPS 10-4: convert if your tools need it), ``FeatureID`` the GeoNames id.
- ``DATEADDED``: when the article was ingested (YYYYMMDDHHMMSS, UTC). ``SOURCEURL``: the article URL.
- Then ours: ``NE_EventId``, ``NE_ArticleId``, ``NE_Modality``, ``NE_Confidence``,
  ``NE_DatePrecision``, ``NE_DateBasis``, ``NE_PloverEvent``, ``NE_PloverMode``,
  ``NE_SourceText``, ``NE_TargetText``, ``NE_Evidence`` (tabs and newlines in text become spaces).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from .filters import Where


def _actor(n: int, side: str) -> list[tuple[str, str]]:
    a = f"Actor{n}"
    return [
        (f"{a}Code", f"e.{side}_code"),
        (f"{a}Name", f"upper(coalesce(e.{side}_name, e.{side}_text))"),
        (f"{a}CountryCode", f"e.{side}_country"),
        (f"{a}KnownGroupCode", f"e.{side}_org"),
        (f"{a}EthnicCode", "NULL"),
        (f"{a}Religion1Code", "NULL"),
        (f"{a}Religion2Code", "NULL"),
        (f"{a}Type1Code", f"e.{side}_sector"),
        (f"{a}Type2Code", "NULL"),
        (f"{a}Type3Code", "NULL"),
    ]


def _geo(prefix: str, place: bool) -> list[tuple[str, str]]:
    names = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    if not place:
        return [(f"{prefix}_{n}", "NULL") for n in names]
    us = "e.place_country = 'USA'"
    kind = (
        "CASE WHEN e.place_feature = 'country' THEN 1 WHEN e.place_feature = 'city' THEN "
        f"CASE WHEN {us} THEN 3 ELSE 4 END WHEN e.place_feature = 'admin' THEN "
        f"CASE WHEN {us} THEN 2 ELSE 5 END END"
    )
    exprs = (kind, "e.place_name", "e.place_country", "NULL", "NULL", "e.place_lat", "e.place_lon",
             "e.place_geonameid")
    return [(f"{prefix}_{n}", x) for n, x in zip(names, exprs)]


def _clean(expr: str) -> str:
    return f"regexp_replace({expr}, '[\\t\\r\\n]+', ' ', 'g')"


COLUMNS: list[tuple[str, str]] = [
    ("GLOBALEVENTID", "try_cast('0x' || left(e.id, 15) AS BIGINT)"),
    ("SQLDATE", "strftime(e.event_date, '%Y%m%d')"),
    ("MonthYear", "strftime(e.event_date, '%Y%m')"),
    ("Year", "year(e.event_date)"),
    ("FractionDate", "round(year(e.event_date) + (dayofyear(e.event_date) - 1) / 365.0, 4)"),
    *_actor(1, "source"),
    *_actor(2, "target"),
    ("IsRootEvent", "CASE WHEN e.sentence = 0 THEN 1 ELSE 0 END"),
    ("EventCode", "e.cameo"),
    ("EventBaseCode", "left(e.cameo, 3)"),
    ("EventRootCode", "e.root"),
    ("QuadClass", "e.quad_class"),
    ("GoldsteinScale", "e.goldstein"),
    ("NumMentions", "1"),
    ("NumSources", "1"),
    ("NumArticles", "1"),
    ("AvgTone", "a.tone"),
    *_geo("Actor1Geo", False),
    *_geo("Actor2Geo", False),
    *_geo("ActionGeo", True),
    ("DATEADDED", "strftime(a.ingested_at, '%Y%m%d%H%M%S')"),
    ("SOURCEURL", "a.url"),
    ("NE_EventId", "e.id"),
    ("NE_ArticleId", "e.article_id"),
    ("NE_Modality", "e.modality"),
    ("NE_Confidence", "e.confidence"),
    ("NE_DatePrecision", "e.date_precision"),
    ("NE_DateBasis", "e.date_basis"),
    ("NE_PloverEvent", "e.plover_event"),
    ("NE_PloverMode", "e.plover_mode"),
    ("NE_SourceText", _clean("e.source_text")),
    ("NE_TargetText", _clean("e.target_text")),
    ("NE_Evidence", _clean("e.evidence_text")),
]
GDELT_COLUMNS = 61


def gdelt_select(where: Where) -> str:
    """The SELECT of the export rows for events matching ``where`` (its params bind in order)."""
    columns = ", ".join(f'{expr} AS "{name}"' for name, expr in COLUMNS)
    return (
        f"SELECT {columns} FROM (SELECT * FROM events{where}) e "
        "LEFT JOIN articles a ON a.id = e.article_id ORDER BY e.event_date, e.article_id, e.idx"
    )


def export_gdelt(con: duckdb.DuckDBPyConnection, out: str | Path, where: Where | None = None) -> int:
    """Write the events matching ``where`` (all by default) to ``out`` as GDELT TSV; return the rows.

    Args:
        con: a store's connection (``store._con``).
        out: the TSV file to write (its folder is created).
        where: a filter from ``store_analytics.search_where``; None for every event.
    """
    where = where or Where()
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    sql = f"COPY ({gdelt_select(where)}) TO ? (FORMAT csv, DELIMITER '\\t', HEADER false, QUOTE '')"
    (count,) = con.execute(sql, [*where.params, str(path)]).fetchone() or (0,)
    return int(count)
