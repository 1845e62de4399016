"""The overview and the map's places over the small hand-made store; charts that read right for
one or few periods; actor filters that match names in any script."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from analytics_data import build

from newsevents.analytics import plot
from newsevents.analytics import queries as analytics
from newsevents.analytics.overview import overview, pick_period, places
from newsevents.errors import ConfigError
from newsevents.store.database import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("overview") / "news.duckdb")


@pytest.fixture()
def store(db: Path):
    with Store(db, read_only=True) as s:
        yield s


@pytest.fixture(scope="module")
def named(tmp_path_factory: pytest.TempPathFactory):
    with Store(build(tmp_path_factory.mktemp("names") / "news.duckdb", names=True), read_only=True) as s:
        yield s


def test_overview_counts_and_ranges(store):
    view = overview(store)
    assert (view.articles, view.events, view.events_all, view.placed, view.rejects) == (3, 4, 5, 1, 0)
    assert (view.published_first, view.published_last) == (dt.date(1987, 3, 10), dt.date(2025, 7, 4))
    assert (view.event_first, view.event_last) == (dt.date(1987, 3, 9), dt.date(2025, 7, 3))
    assert view.by == "year"  # 38 years of publication
    # the USA-Iran event (1987-03-09) precedes the first article (1987-03-10): counted, not charted
    assert [(p.period, p.events) for p in view.series] == [(dt.date(2025, 1, 1), 3)] and view.outside == 1


def test_overview_top_actors_dyads_and_latest_events(store):
    view = overview(store, limit=3, latest=3)
    assert [(a["code"], a["events"]) for a in view.actors] == [("IGOWSTNAT", 3), ("UKRGOV", 3), ("IRN", 1)]
    assert [(d["a"], d["b"], d["events"]) for d in view.dyads] == [("IGOWSTNAT", "UKRGOV", 3), ("IRN", "USAGOV", 1)]
    # newest article first (b2july: its negated event left out), then within an article in order
    assert [h.event.id for h in view.latest] == ["e3", "e1", "e2"]
    assert (view.latest[0].before, view.latest[0].after) == ("", " over the slow reforms.")


def test_overview_by_and_modality(store):
    view = overview(store, by="month", modality=None)
    assert view.events == 5 and [(p.period.isoformat(), p.events) for p in view.series] == [
        ("2025-06-01", 2), ("2025-07-01", 2)]
    with pytest.raises(ConfigError, match="latest"):
        overview(store, latest=0)


def test_overview_of_an_empty_store(tmp_path):
    with Store(tmp_path / "empty.duckdb") as store:
        view = overview(store)
    assert (view.articles, view.events, view.series, view.latest, view.actors) == (0, 0, [], [], [])


@pytest.mark.parametrize(("first", "last", "by"), [
    ("2025-07-01", "2025-07-01", "day"),
    ("2025-07-01", "2025-08-31", "day"),
    ("2025-01-01", "2025-12-31", "week"),
    ("2004-11-13", "2009-03-06", "month"),  # the demo
    ("1987-03-10", "2025-07-04", "year"),
])
def test_overview_picks_a_period_for_the_span(first, last, by):
    assert pick_period(dt.date.fromisoformat(first), dt.date.fromisoformat(last)) == by


def test_places_group_events_by_place(store):
    found = places(store)
    assert (found.events, found.placed) == (4, 1)
    (kyiv,) = found.places
    assert (kyiv.name, kyiv.country, kyiv.geonameid, kyiv.events, kyiv.quad_class) == ("Kyiv", "UKR", 703448, 1, 2)
    assert kyiv.counts == {1: 0, 2: 1, 3: 0, 4: 0} and found.countries == [{"country": "UKR", "events": 1}]
    assert [h.event.id for h in analytics.search_events(store, geonameid=703448).hits] == ["e2"]


@pytest.mark.parametrize(("kwargs", "events", "placed"), [
    ({"actor": "USA"}, 1, 0),
    ({"actor": "NATO", "since": "2025-06", "until": "2025-06"}, 2, 1),
    ({"actor": "UKR", "since": "2025-07"}, 1, 0),
    ({"cameo": "05"}, 1, 1),
])
def test_places_filters(store, kwargs, events, placed):
    found = places(store, **kwargs)
    assert (found.events, found.placed, len(found.places)) == (events, placed, placed)


@pytest.mark.parametrize(("actor", "ids"), [
    ("Erdoğan", ["e6", "e7"]),
    ("erdogan", ["e6", "e7"]),           # accents and case do not matter
    ("Recep Tayyip Erdoğan", ["e6", "e7"]),
    ("Lula da Silva", ["e6"]),
    ("lula", ["e6"]),
    ("Risch", ["e7"]),
    ("NATO", []),                       # whole words: not the NATO inside SENATOR
    ("Silv", []),                       # nor part of a word
    ("TUR", ["e6", "e7"]),              # codes, countries and orgs as before
])
def test_actor_filters_match_names_in_any_script(named, actor, ids):
    hits = analytics.search_events(named, actor=actor, since="2024", until="2024").hits
    assert [h.event.id for h in hits] == ids


def test_actor_names_reach_profiles_dyads_and_search(named):
    assert (analytics.actor_profile(named, "Erdoğan").as_source, analytics.actor_profile(named, "Erdoğan").as_target) == (1, 1)
    assert [p.events for p in analytics.dyad_series(named, "Erdoğan", "Lula")] == [1]
    assert [a["code"] for a in analytics.find_actors(named, "erdogan")] == ["TURGOV"]


@pytest.mark.parametrize(("periods", "by", "domain"), [
    (["2025-06-01"], "month", ["2025-01-01", "2026-01-01"]),            # one month amid a year
    (["1987-03-01", "1987-04-01"], "month", ["1986-10-01", "1987-10-01"]),
    (["2005-01-01", "2008-12-01"], "month", ["2005-01-01", "2009-01-01"]),  # enough periods: as they are
    (["2025-06-02"], "day", ["2025-05-28", "2025-06-09"]),
    (["2025-06-02"], "week", ["2025-04-28", "2025-07-21"]),
    (["2025-01-01"], "year", ["2020-01-01", "2032-01-01"]),
])
def test_plot_time_axis_spans_at_least_a_dozen_periods(periods, by, domain):
    got = plot.time_domain([dt.date.fromisoformat(p) for p in periods], by)
    assert [f"{d['year']:04}-{d['month']:02}-{d['date']:02}" for d in got] == domain


def test_plot_series_spec_sets_the_time_domain(store):
    points = analytics.dyad_series(store, "USA", "IRN")
    spec = plot.series_spec(points, "t", by="month")
    x = spec["layer"][0]["encoding"]["x"]
    assert x["scale"]["domain"] == [{"year": 1986, "month": 10, "date": 1}, {"year": 1987, "month": 10, "date": 1}]
    assert spec["layer"][1]["encoding"]["x"] == x  # the Goldstein line on the same axis


def test_plot_places_spec_links_countries_to_the_outline(store):
    spec = plot.places_spec(places(store), "/outline.json", {"UKR": ("804",), "XKX": ("Kosovo",)})
    outline, dots = spec["layer"]
    assert outline["data"]["url"] == "/outline.json"
    assert outline["transform"][1]["from"]["data"]["values"] == [{"key": "804", "country": "UKR", "events": 1}]
    (kyiv,) = dots["data"]["values"]
    assert (kyiv["name"], kyiv["geonameid"], kyiv["quad"], kyiv["q2"]) == ("Kyiv", 703448, "material cooperation", 1)


def test_actor_names_match_consolidated_events(tmp_path):
    from newsevents.store.consolidate import consolidate, consolidated_events
    from newsevents.store.dedup import update_clusters

    with Store(build(tmp_path / "c.duckdb", names=True)) as store:
        update_clusters(store)
        consolidate(store)
        found = consolidated_events(store, actor="erdogan", directed=False)
        assert sorted(m.event_id for e in found for m in e.mentions) == ["e6", "e7"]
        assert consolidated_events(store, actor="NATO", since="2024", until="2024") == []
        (point,) = analytics.dyad_series(store, "Risch", "Erdoğan", consolidated=True)
    assert point.events == 1
