"""Analytics over a store: dyad series, actor profiles, event and quote search, article view.

The library behind ``newsevents dyad`` / ``newsevents actor``, the REST API and the dashboard.
Every function reads a :class:`~newsevents.store.Store` (read-only use; SQL in
``store/analytics.py``) and returns small frozen dataclasses with a ``to_dict`` JSON form.

Actors match as everywhere in newsevents: an actor code prefix, a country or an org,
case-insensitively (``UKR`` matches UKRGOV; ``NATO`` matches org NATO, code IGOWSTNAT).

Events are the extracted ``events`` rows by default (one per mention; asserted only unless
``modality`` says otherwise). With ``consolidated=True`` the dyad series reads the
``consolidated_events`` table written by event consolidation, one row per happening; the
store must have it (a ``ConfigError`` says so otherwise).

Example:
    >>> with Store("news.duckdb", read_only=True) as store:
    ...     for point in dyad_series(store, "USA", "IRN", by="month"):
    ...         print(point.period, point.events, point.goldstein_mean)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError
from ..records import ArticleRecord, Event, Quote
from ..store import analytics as sql
from ..store import rows as rows
from ..store.database import Store

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
PERIODS = sql.PERIODS
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n")
_CONTEXT_MAX = 300


class _Dict:
    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready values (dates as ISO strings)."""
        return _jsonable(dataclasses.asdict(self))  # type: ignore[call-overload]


@dataclass(frozen=True)
class DyadPoint(_Dict):
    """One period of a dyad series.

    ``counts`` holds events per quad class (1 verbal cooperation, 2 material cooperation,
    3 verbal conflict, 4 material conflict). ``weight`` is the number of independent sources
    when the series is weighted, else the event count.
    """

    period: dt.date
    events: int
    counts: dict[int, int]
    goldstein_mean: float
    goldstein_sum: float
    weight: int


@dataclass(frozen=True)
class EventHit(_Dict):
    """An event found by a search, with its article and the sentence around its evidence."""

    article_id: str
    event: Event
    title: str | None
    published: str | None
    url: str | None
    before: str  # the evidence's sentence up to the evidence
    after: str  # the rest of that sentence


@dataclass(frozen=True)
class EventPage(_Dict):
    """One page of an event search: ``total`` matches, ``hits`` from ``offset``."""

    total: int
    limit: int
    offset: int
    hits: list[EventHit]


@dataclass(frozen=True)
class QuoteHit(_Dict):
    """A quote found by a search, with its article."""

    article_id: str
    quote: Quote
    title: str | None
    published: str | None


@dataclass(frozen=True)
class QuotePage(_Dict):
    """One page of a quote search."""

    total: int
    limit: int
    offset: int
    hits: list[QuoteHit]


@dataclass(frozen=True)
class ActorProfile(_Dict):
    """What the store knows about an actor: activity, top partners, event mix, recent quotes."""

    actor: str
    names: list[dict[str, Any]]
    as_source: int
    as_target: int
    first: dt.date | None
    last: dt.date | None
    partners: list[dict[str, Any]] = field(default_factory=list)
    event_mix: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[QuoteHit] = field(default_factory=list)


def dyad_series(
    store: Store,
    a: str,
    b: str,
    *,
    by: str = "month",
    weighted: bool = False,
    directed: bool = False,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    modality: str | None = "asserted",
    consolidated: bool = False,
) -> list[DyadPoint]:
    """Events between two actors per period: counts by quad class and Goldstein mean and sum.

    Args:
        store: an open store.
        a: first actor (code prefix, country or org).
        b: second actor.
        by: day, week (starting Monday), month or year.
        weighted: also count independent sources per period (``DyadPoint.weight``).
        directed: only a → b events; by default both directions count.
        since: first event date, inclusive (YYYY, YYYY-MM or YYYY-MM-DD).
        until: last event date, inclusive.
        modality: asserted, negated, hypothetical, future, or None for all.
        consolidated: read consolidated events (one per happening) instead of mentions.

    Returns:
        One point per period that has events, oldest first.

    Raises:
        ConfigError: an unknown period, a malformed date, or no consolidated events.
    """
    _require(a, "first actor")
    _require(b, "second actor")
    table = sql.events_table(store._con, consolidated)
    where = sql.search_where(None, (a, b), since=since, until=until, directed=directed, modality=modality)
    return [series_point(row) for row in sql.dyad_rows(store._con, table, where, by, weighted)]


def series_point(row: sql.Row) -> DyadPoint:
    """A period of a series from its row (``store.analytics.dyad_rows``)."""
    counts = {q: int(row[f"q{q}"]) for q in QUAD_CLASSES}
    return DyadPoint(row["period"], int(row["events"]), counts, round(float(row["goldstein_mean"]), 3),
                     round(float(row["goldstein_sum"]), 3), int(row["weight"]))


def search_events(
    store: Store,
    *,
    actor: str | None = None,
    dyad: tuple[str, str] | None = None,
    directed: bool = False,
    cameo: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    place: str | None = None,
    country: str | None = None,
    text: str | None = None,
    geonameid: int | None = None,
    modality: str | None = "asserted",
    limit: int = 50,
    offset: int = 0,
) -> EventPage:
    """Events matching every given filter, ordered by event date, article and position.

    Args:
        store: an open store.
        actor: source or target matches (code prefix, country or org).
        dyad: ``(a, b)``: a and b on either side (only a → b when ``directed``).
        directed: whether ``dyad`` is ordered.
        cameo: CAMEO code prefix (``11`` = root 11, ``112``).
        since: first event date, inclusive.
        until: last event date, inclusive.
        place: the event's place name contains this (case-insensitive).
        country: ISO3 code of the event's place, source or target.
        text: the evidence contains this (case-insensitive).
        geonameid: the event's place has this GeoNames id (a place of the map).
        modality: asserted, negated, hypothetical, future, or None for all.
        limit: page size (at least 1).
        offset: matches to skip.

    Returns:
        The total and one page of hits, each with the sentence around its evidence.

    Raises:
        ConfigError: a malformed date or cameo code, an unknown modality, a bad limit/offset.
    """
    _check_page(limit, offset)
    where = sql.search_where(actor, dyad, since=since, until=until, cameo=cameo, modality=modality,
                             directed=directed, place=place, country=country, text=text,
                             geonameid=geonameid)
    total, found = sql.event_page(store._con, where, limit, offset)
    texts = sql.article_texts(store._con, sorted({r["article_id"] for r in found}))
    return EventPage(total, limit, offset, [event_hit(row, texts.get(row["article_id"], "")) for row in found])


def event_hit(row: sql.Row, text: str) -> EventHit:
    """An event row (with its article's title, date and URL) as a hit, with the sentence around
    its evidence from the article's ``text``."""
    event = rows.event_from_row(row)
    before, after = sentence_context(text, event.evidence.start, event.evidence.end)
    return EventHit(row["article_id"], event, row["article_title"], row["article_published"],
                    row["article_url"], before, after)


def sentence_context(text: str, start: int, end: int) -> tuple[str, str]:
    """The text of the sentence around ``text[start:end]`` before and after that span.

    A sentence ends at ``.``, ``!`` or ``?`` followed by space, or at a line break; each side is
    cut to 300 characters (with an ellipsis) so a missing full stop cannot return a whole article.

    Returns:
        ``(before, after)``; empty strings when the offsets are outside ``text``.
    """
    if not 0 <= start <= end <= len(text):
        return "", ""
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = _SENTENCE_END.search(text, max(start, end - 1))  # the evidence may end the sentence
    finish = len(text[: stop.end()].rstrip()) if stop else len(text)
    before, after = text[begin:start], text[end:max(finish, end)]
    if len(before) > _CONTEXT_MAX:
        before = "…" + before[-_CONTEXT_MAX:]
    if len(after) > _CONTEXT_MAX:
        after = after[:_CONTEXT_MAX] + "…"
    return before, after


def search_quotes(
    store: Store, *, speaker: str | None = None, text: str | None = None, limit: int = 50, offset: int = 0
) -> QuotePage:
    """Quotes by speaker (code prefix, country or org) and/or containing ``text``, newest first.

    Raises:
        ConfigError: a bad limit or offset.
    """
    _check_page(limit, offset)
    total, found = sql.quote_page(store._con, speaker, text, limit, offset)
    hits = [QuoteHit(r["article_id"], rows.quote_from_row(r), r["article_title"], r["article_published"])
            for r in found]
    return QuotePage(total, limit, offset, hits)


def actor_profile(store: Store, actor: str, *, limit: int = 10, modality: str | None = "asserted") -> ActorProfile:
    """An actor's activity: events as source and target, top partners, event mix, quotes.

    Args:
        store: an open store.
        actor: code prefix, country or org (``UKR``, ``USAGOV``, ``NATO``).
        limit: how many names, partners and quotes to list.
        modality: which events count (None for all).

    Returns:
        The profile; counts are zero and lists empty when the store knows nothing of it.
    """
    _require(actor, "actor")
    con = store._con
    summary = sql.actor_summary(con, actor, modality)
    mix = [dict(r, quad=QUAD_CLASSES.get(r["quad_class"], "")) for r in sql.actor_event_mix(con, actor, modality)]
    return ActorProfile(
        actor=actor.strip().upper(),
        names=sql.actor_names(con, actor, limit),
        as_source=int(summary["as_source"]),
        as_target=int(summary["as_target"]),
        first=summary["first"],
        last=summary["last"],
        partners=sql.actor_partners(con, actor, modality, limit),
        event_mix=mix,
        quotes=search_quotes(store, speaker=actor, limit=limit).hits,
    )


def find_actors(store: Store, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Actor codes whose code starts with, or whose name contains, ``query``, most mentioned first."""
    _require(query, "query")
    return sql.actor_search(store._con, query, limit)


def article_view(store: Store, article_id: str) -> ArticleRecord | None:
    """One article with its entities, timexes, quotes, places and events, or None when unknown."""
    return store.get_article(article_id)


def _require(value: str | None, name: str) -> None:
    if not value or not value.strip():
        raise ConfigError(f"the {name} is empty; give an actor code prefix, country or org such as UKR or NATO")


def _check_page(limit: int, offset: int) -> None:
    if limit < 1 or offset < 0:
        raise ConfigError(f"limit must be >= 1 and offset >= 0, not limit={limit}, offset={offset}")


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
