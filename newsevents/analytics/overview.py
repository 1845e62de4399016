"""What a store holds at a glance, and where its events happen: the dashboard's overview and map.

:func:`overview` gives the counts and date ranges, events over time by quad class, the most
active actors and dyads and the latest events with their evidence (``newsevents demo`` prints
its figures; ``GET /api/overview`` returns it). :func:`places` groups events by place for the map
(``GET /api/places``). Both count extracted event mentions, asserted only by default, like the
rest of :mod:`newsevents.analytics`; SQL in ``store/overview.py``.

Example:
    >>> with Store("demo.duckdb", read_only=True) as store:
    ...     view = overview(store)
    ...     print(view.articles, view.events, view.dyads[0])
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError
from ..store import analytics as sql
from ..store import overview as over
from ..store.database import Store
from .queries import QUAD_CLASSES, DyadPoint, EventHit, _check_page, _Dict, event_hit, series_point

#: The longest span, in days, charted by each period (the overview picks the first that fits).
PERIOD_SPANS = (("day", 62), ("week", 400), ("month", 6 * 366))


@dataclass(frozen=True)
class Overview(_Dict):
    """What a store holds: counts, date ranges, events over time, top actors and dyads, latest events.

    ``series`` covers the articles' publication range by ``by``; ``outside`` counts the events
    dated outside it (the history and forecasts that articles mention), which are not charted.
    ``actors`` rows: code, name (the one most often given), events. ``dyads`` rows: a, b,
    events, goldstein_mean (both directions counted).
    """

    articles: int
    published_first: dt.date | None
    published_last: dt.date | None
    events: int
    events_all: int
    placed: int
    event_first: dt.date | None
    event_last: dt.date | None
    rejects: int
    by: str
    series: list[DyadPoint] = field(default_factory=list)
    outside: int = 0
    actors: list[dict[str, Any]] = field(default_factory=list)
    dyads: list[dict[str, Any]] = field(default_factory=list)
    latest: list[EventHit] = field(default_factory=list)


@dataclass(frozen=True)
class PlacePoint(_Dict):
    """A place on the map: where, how many events, and how many of each quad class.

    ``quad_class`` is the class with the most events there (the lower class on a tie).
    """

    geonameid: int | None
    name: str
    country: str | None
    feature: str | None
    lat: float
    lon: float
    events: int
    counts: dict[int, int]
    quad_class: int


@dataclass(frozen=True)
class PlaceMap(_Dict):
    """Events by place: ``events`` matched the filters, ``placed`` of them have a place;
    ``countries`` rows: country (ISO3 of the place), events."""

    events: int
    placed: int
    places: list[PlacePoint]
    countries: list[dict[str, Any]]


def overview(store: Store, *, by: str | None = None, limit: int = 10, latest: int = 15,
             modality: str | None = "asserted") -> Overview:
    """What the store holds, for the dashboard's front page and ``newsevents demo``.

    Args:
        store: an open store.
        by: period of the series (day, week, month, year); by default the finest that keeps
            the publication range to a readable number of bars (:data:`PERIOD_SPANS`).
        limit: how many top actors and dyads.
        latest: how many of the latest events (newest articles first).
        modality: which events count (None for all).

    Returns:
        The overview; counts are zero and lists empty for an empty store.

    Raises:
        ConfigError: an unknown period, or ``limit``/``latest`` below 1.
    """
    if limit < 1 or latest < 1:
        raise ConfigError(f"limit and latest must be at least 1, not limit={limit}, latest={latest}")
    con = store._con
    held = over.holdings(con, modality)
    first, last = held["published_first"], held["published_last"]
    period = by or pick_period(first, last)
    series, outside = [], 0
    if first is not None and last is not None:
        where = over.series_where(first, last, modality)
        series = [series_point(r) for r in sql.dyad_rows(con, "events", where, period, False)]
        outside = int(held["events"]) - sum(p.events for p in series)
    rows = over.latest_events(con, modality, latest)
    texts = sql.article_texts(con, sorted({r["article_id"] for r in rows}))
    return Overview(
        articles=int(held["articles"]), published_first=first, published_last=last,
        events=int(held["events"]), events_all=int(held["events_all"]), placed=int(held["placed"]),
        event_first=held["event_first"], event_last=held["event_last"], rejects=int(held["rejects"]),
        by=period, series=series, outside=outside,
        actors=over.top_actors(con, modality, limit), dyads=over.top_dyads(con, modality, limit),
        latest=[event_hit(r, texts.get(r["article_id"], "")) for r in rows],
    )


def pick_period(first: dt.date | None, last: dt.date | None) -> str:
    """The finest period whose span limit (:data:`PERIOD_SPANS`) covers ``first`` to ``last``."""
    if first is None or last is None:
        return "month"
    days = (last - first).days
    return next((name for name, span in PERIOD_SPANS if days <= span), "year")


def places(store: Store, *, actor: str | None = None, since: str | dt.date | None = None,
           until: str | dt.date | None = None, cameo: str | None = None,
           modality: str | None = "asserted", limit: int = 500) -> PlaceMap:
    """Events grouped by place, for the map; events without a place are counted, not placed.

    Args:
        store: an open store.
        actor: source or target matches (code prefix, country, org or name words).
        since: first event date, inclusive (YYYY, YYYY-MM or YYYY-MM-DD).
        until: last event date, inclusive.
        cameo: CAMEO code prefix.
        modality: asserted, negated, hypothetical, future, or None for all.
        limit: at most this many places, busiest first.

    Returns:
        The places with their events by quad class, and the totals.

    Raises:
        ConfigError: a malformed date or CAMEO code, or ``limit`` below 1.
    """
    _check_page(limit, 0)
    where = sql.search_where(actor, None, since=since, until=until, cameo=cameo, modality=modality)
    total, placed = over.place_totals(store._con, where)
    points = [_place(row) for row in over.place_rows(store._con, where, limit)]
    return PlaceMap(total, placed, points, over.country_rows(store._con, where))


def _place(row: sql.Row) -> PlacePoint:
    counts = {q: int(row[f"q{q}"]) for q in QUAD_CLASSES}
    dominant = max(counts, key=lambda q: (counts[q], -q))
    return PlacePoint(row["geonameid"], row["name"] or "", row["country"], row["feature"],
                      float(row["lat"]), float(row["lon"]), int(row["events"]), counts, dominant)
