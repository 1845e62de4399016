"""The SQL of event consolidation: reading event mentions, writing and listing consolidated events.

Tables (migration ``0003_consolidated_events``): ``consolidated_events`` (one row per
happening; actor columns named like the ``events`` table's so the listing filters of
``store/filters.py`` apply) and ``event_mentions(consolidated_id, event_id, article_id)``; the
rest of a mention (evidence, confidence, date basis) is read from ``events`` by its id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import pyarrow as pa

from ..corpus.consolidate import (
    ConsolidatedEvent,
    EventMention,
    group_key,
    group_mentions,
    summarise,
)
from ..errors import ConfigError
from ..records import Actor, Span, iso_date
from . import filters as filters

_IDS = "_newsevents_consolidate_ids"
_COLUMNS = (
    "e.id, e.article_id, e.cameo, e.date, e.date_precision, e.date_basis, e.confidence, "
    "e.evidence_start, e.evidence_end, e.evidence_text, e.source_code, e.source_country, "
    "e.source_sector, e.source_org, e.source_name, e.target_code, e.target_country, "
    "e.target_sector, e.target_org, e.target_name, e.modality, e.place_country, a.published, "
    "e.source_text, e.target_text, "
    "a.source AS article_source, c.cluster_id"
)
_FROM = (
    "FROM events e JOIN articles a ON a.id = e.article_id "
    "LEFT JOIN article_clusters c ON c.article_id = e.article_id"
)
# Events of the given articles, of articles with events not consolidated yet (an interrupted
# run), and of their cluster mates.
_GIVEN = f"""
WITH given AS (
    SELECT id FROM {_IDS}
    UNION SELECT DISTINCT e.article_id FROM events e
    WHERE NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.id)),
rel AS (
    SELECT id FROM given
    UNION SELECT c2.article_id FROM article_clusters c1 JOIN given v ON v.id = c1.article_id
    JOIN article_clusters c2 ON c2.cluster_id = c1.cluster_id)
SELECT {_COLUMNS} {_FROM}
WHERE e.article_id IN (SELECT id FROM rel)
"""
_KEYS = "_newsevents_consolidate_keys"
# Every event that may share a group key (dyad, root, period) with one of the keys: a superset,
# which :func:`load_mentions` narrows to the exact keys (modality and period are read in Python).
_KEYED = f"""
SELECT DISTINCT {_COLUMNS} {_FROM}
JOIN {_KEYS} k ON k.source_code = e.source_code AND k.target_code IS NOT DISTINCT FROM e.target_code
    AND k.root = left(e.cameo, 2) AND (e.event_date BETWEEN k.first AND k.last OR e.event_date IS NULL)
"""


def _rows(store: Any, sql: str, params: Sequence[Any] = (), ids: Sequence[str] | None = None,
          keys: pa.Table | None = None) -> list[dict[str, Any]]:
    con = store._con
    views = {_IDS: None if ids is None else pa.table({"id": pa.array(list(ids), pa.string())}), _KEYS: keys}
    views = {name: table for name, table in views.items() if table is not None}
    for name, table in views.items():
        con.register(name, table)
    try:
        cursor = con.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values)) for values in cursor.fetchall()]
    finally:
        for name in views:
            con.unregister(name)


def _actor(row: dict[str, Any], prefix: str) -> Actor | None:
    code = row.get(f"{prefix}_code")
    if code is None:
        return None
    return Actor(code, row.get(f"{prefix}_country"), row.get(f"{prefix}_sector"),
                 row.get(f"{prefix}_org"), row.get(f"{prefix}_name"))


def _mention(row: dict[str, Any]) -> EventMention:
    return EventMention(
        event_id=row["id"], article_id=row["article_id"], cameo=row["cameo"] or "",
        date=row["date"] or "", date_precision=row["date_precision"] or "day",
        date_basis=row["date_basis"] or "", confidence=row["confidence"] or 0.0,
        evidence=Span(row["evidence_start"], row["evidence_end"], row["evidence_text"]),
        source=_actor(row, "source"), target=_actor(row, "target"),
        modality=row["modality"] or "asserted", place_country=row["place_country"],
        published=row["published"] or "", article_source=row["article_source"],
        cluster_id=row["cluster_id"],
        actor_text=" ".join(t for t in (row["source_text"], row["target_text"]) if t),
    )


def load_mentions(store: Any, ids: Sequence[str] | None) -> list[EventMention]:
    """Every event as a mention (``ids`` None), or those whose consolidation ``ids`` touch.

    Touched are the events of these articles, of their near-duplicate cluster mates and of
    articles not consolidated yet, and every event sharing a group key (dyad, root, modality,
    period: :func:`newsevents.corpus.consolidate.group_key`) with one of them; events without a source code are
    never merged, so their key is not followed. The work is bounded by the touched periods,
    not by the size of the archive.
    """
    if ids is None:
        return [_mention(r) for r in _rows(store, f"SELECT {_COLUMNS} {_FROM}")]
    given = [_mention(r) for r in _rows(store, _GIVEN, ids=ids)]
    keys = {group_key(m) for m in given if m.source is not None}
    if not keys:
        return given
    mentions = {m.event_id: m for m in given}
    for row in _rows(store, _KEYED, keys=_keys_table(keys)):
        m = _mention(row)
        if m.event_id not in mentions and group_key(m) in keys:
            mentions[m.event_id] = m
    return list(mentions.values())


def _keys_table(keys: set[tuple[Any, ...]]) -> pa.Table:
    """Group keys as rows (source, target, root, first and last day of the period) for SQL."""
    rows = sorted({(source, target, root, *_period_days(when)) for source, target, root, _, when in keys},
                  key=lambda r: tuple(str(v) for v in r))
    names = ("source_code", "target_code", "root", "first", "last")
    types = (pa.string(), pa.string(), pa.string(), pa.date32(), pa.date32())
    return pa.table({n: pa.array([r[i] for r in rows], t) for i, (n, t) in enumerate(zip(names, types))})


def _period_days(when: str | None) -> tuple[dt.date | None, dt.date | None]:
    if when is None:
        return None, None
    if len(when) == 4:
        return dt.date(int(when), 1, 1), dt.date(int(when), 12, 31)
    first = dt.date(int(when[:4]), int(when[5:7]), 1)
    return first, (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def _event_row(event: ConsolidatedEvent) -> dict[str, Any]:
    source, target = event.source, event.target
    return {
        "id": event.id,
        "source_code": source.code if source else None,
        "source_country": source.country if source else None,
        "source_org": source.org if source else None,
        "target_code": target.code if target else None,
        "target_country": target.country if target else None,
        "target_org": target.org if target else None,
        "cameo": event.cameo, "root": event.root, "modality": event.modality,
        "date": event.date, "date_precision": event.date_precision,
        "event_date": iso_date(event.date) or iso_date(event.mentions[0].published if event.mentions else None),
        "place_country": event.place_country, "num_mentions": event.num_mentions,
        "num_articles": event.num_articles, "num_sources": event.num_sources,
        "num_independent_sources": event.num_independent_sources, "merge_reason": event.merge_reason,
    }


_EVENT_TYPES = {"event_date": pa.date32(), "num_mentions": pa.int32(), "num_articles": pa.int32(),
                "num_sources": pa.int32(), "num_independent_sources": pa.int32()}


def _event_table(events: Sequence[ConsolidatedEvent]) -> pa.Table:
    rows = [_event_row(e) for e in events]
    names = list(_event_row(ConsolidatedEvent("", "", "", "", "", "", 0, 0, 0, 0, "")))
    schema = pa.schema([(n, _EVENT_TYPES.get(n, pa.string())) for n in names])
    return pa.Table.from_pylist(rows, schema=schema)


def replace_consolidated(store: Any, events: Sequence[ConsolidatedEvent], event_ids: Sequence[str] | None) -> None:
    """Replace the consolidated events containing ``event_ids`` (all when None) by ``events``."""
    con = store._con
    con.execute("BEGIN TRANSACTION")
    try:
        write_consolidated(con, events, event_ids)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def write_consolidated(con: Any, events: Sequence[ConsolidatedEvent], event_ids: Sequence[str] | None) -> None:
    """:func:`replace_consolidated` within the caller's transaction (a migration's)."""
    mentions = pa.table({
        "consolidated_id": [e.id for e in events for _ in e.mentions],
        "event_id": [m.event_id for e in events for m in e.mentions],
        "article_id": [m.article_id for e in events for m in e.mentions],
    })
    con.register("_cons", _event_table(events))
    con.register("_mentions", mentions)
    con.register(_IDS, pa.table({"id": pa.array(list(event_ids or []), pa.string())}))
    try:
        _delete(con, event_ids is None)
        con.execute("INSERT INTO consolidated_events SELECT * FROM _cons")
        con.execute("INSERT INTO event_mentions SELECT * FROM _mentions")
    finally:
        for view in ("_cons", "_mentions", _IDS):
            con.unregister(view)


def _delete(con: Any, everything: bool) -> None:
    if everything:
        con.execute("DELETE FROM consolidated_events")
        con.execute("DELETE FROM event_mentions")
        return
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _gone AS SELECT DISTINCT consolidated_id AS id FROM event_mentions "
        f"WHERE event_id IN (SELECT id FROM {_IDS})"
    )
    con.execute("DELETE FROM consolidated_events WHERE id IN (SELECT id FROM _gone)")
    con.execute("DELETE FROM event_mentions WHERE consolidated_id IN (SELECT id FROM _gone)")
    con.execute("DROP TABLE _gone")


#: Consolidated events with the names their mentions give their actors (for the name filters).
WITH_NAMES = (
    "(SELECT c.*, n.source_name, n.target_name FROM consolidated_events c LEFT JOIN (SELECT em.consolidated_id, "
    "string_agg(DISTINCT v.source_name, ' / ') AS source_name, string_agg(DISTINCT v.target_name, ' / ') "
    "AS target_name FROM event_mentions em JOIN events v ON v.id = em.event_id GROUP BY em.consolidated_id) n "
    "ON n.consolidated_id = c.id)"
)


def list_consolidated(store: Any, actor: str | None, dyad: tuple[str, str] | None,
                      since: str | dt.date | None, until: str | dt.date | None, cameo: str | None,
                      modality: str | None, directed: bool, limit: int | None) -> list[ConsolidatedEvent]:
    """Consolidated events matching the filters (as ``Store.events``), with their mentions."""
    where = filters.event_where(actor, dyad, since, until, cameo, modality, directed)
    sql = f"SELECT * EXCLUDE (source_name, target_name) FROM {WITH_NAMES}{where} ORDER BY event_date, id"
    params = list(where.params)
    if limit is not None:
        if not isinstance(limit, int) or limit < 0:
            raise ConfigError(f"limit must be a whole number >= 0, not {limit!r}")
        sql, params = f"{sql} LIMIT ?", [*params, limit]
    rows = _rows(store, sql, params)
    mentions = _mentions_of(store, [r["id"] for r in rows])
    return [_consolidated(r, mentions.get(r["id"], [])) for r in rows]


def _mentions_of(store: Any, ids: Sequence[str]) -> dict[str, list[EventMention]]:
    sql = (
        f"SELECT m.consolidated_id, {_COLUMNS} FROM event_mentions m JOIN {_IDS} v ON v.id = m.consolidated_id "
        f"JOIN events e ON e.id = m.event_id JOIN articles a ON a.id = e.article_id "
        f"LEFT JOIN article_clusters c ON c.article_id = e.article_id ORDER BY a.published, e.article_id, e.idx"
    )
    found: dict[str, list[EventMention]] = {}
    for row in _rows(store, sql, ids=ids):
        found.setdefault(row["consolidated_id"], []).append(_mention(row))
    return found


def _consolidated(row: dict[str, Any], mentions: list[EventMention]) -> ConsolidatedEvent:
    names = ("id", "cameo", "root", "modality", "date", "date_precision", "num_mentions", "num_articles",
             "num_sources", "num_independent_sources", "merge_reason", "place_country")
    source = Actor(row["source_code"], row["source_country"], org=row["source_org"]) if row["source_code"] else None
    target = Actor(row["target_code"], row["target_country"], org=row["target_org"]) if row["target_code"] else None
    return ConsolidatedEvent(**{n: row[n] for n in names}, source=source, target=target, mentions=mentions)


# ---- the corpus step: consolidate what was stored -------------------------------------------


def consolidate(store: Any, article_ids: Iterable[str] | None = None) -> int:
    """(Re)build the consolidated events touched by these articles, or all of them.

    With ``article_ids``, only the dyads (source, target, root, modality) that events of these
    articles, of their near-duplicate cluster mates or not consolidated yet (an interrupted
    run) belong to are rebuilt, so ingesting a
    chunk costs time in proportion to the dyads it touches. Run :func:`newsevents.store.dedup.update_clusters`
    first, so independent sources are counted right.

    Args:
        store: an open, writable :class:`~newsevents.store.Store`.
        article_ids: the articles just stored; None to rebuild everything.

    Returns:
        The number of consolidated events written.
    """
    ids = None if article_ids is None else list(article_ids)
    mentions = load_mentions(store, ids)
    events = [summarise(group) for group in group_mentions(mentions)]
    replace_consolidated(store, events, [m.event_id for m in mentions] if ids is not None else None)
    return len(events)


def consolidated_events(store: Any, *, actor: str | None = None, dyad: tuple[str, str] | None = None,
                        since: str | dt.date | None = None, until: str | dt.date | None = None,
                        cameo: str | None = None, modality: str | None = "asserted",
                        directed: bool = True, limit: int | None = None) -> list[ConsolidatedEvent]:
    """Consolidated events with their mentions, ordered by date; filters as ``Store.events``.

    Raises:
        ConfigError: a malformed date, cameo code, modality or limit.
    """
    return list_consolidated(store, actor, dyad, since, until, cameo, modality, directed, limit)
