"""Event consolidation: compatibility rules, grouping, counts, the store and the CLI."""

from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner
from conftest import SEED

from newsevents.cli.commands import cli
from newsevents.corpus.consolidate import (
    EventMention,
    cameo_compatible,
    compatible,
    dates_overlap,
    group_mentions,
    summarise,
)
from newsevents.records import Actor, Article, ArticleRecord, Event, Mention, Place, Span
from newsevents.store.consolidate import consolidate, consolidated_events
from newsevents.store.dedup import update_clusters


def mention(event_id="e1", article_id="a1", cameo="012", date="2025-07-18", precision="day",
            basis="timex", source="UKRGOV", target="WST", country=None, published="2025-07-22",
            article_source="MENAFN", cluster=None, modality="asserted") -> EventMention:
    return EventMention(
        event_id, article_id, cameo, date, precision, basis, 0.8, Span(0, 5, "text."),
        _actor(source), _actor(target), modality, country,
        published, article_source, cluster,
    )


def _actor(code: str | None) -> Actor | None:
    """UKRGOV -> country UKR; a bare sector code such as GOV has no country."""
    if code is None:
        return None
    return Actor(code, None if code in ("GOV", "BUS") else code[:3])


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("012", "012", True),
        ("0121", "012", True),
        ("012", "010", True),
        ("012", "013", False),
        ("0121", "0122", False),
        ("112", "012", False),
        ("190", "193", True),
    ],
)
def test_consolidate_cameo_compatible(a, b, expected):
    assert cameo_compatible(a, b) is expected
    assert cameo_compatible(b, a) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (dict(date="2025-07", precision="month"), dict(date="2025-07-18"), True),
        (dict(date="2025-06", precision="month"), dict(date="2025-07-18"), False),
        (dict(date="2025", precision="year"), dict(date="2025-07-18"), True),
        (dict(date="2025-07-18"), dict(date="2025-07-18"), True),
        (dict(date="2025-07-18"), dict(date="2025-07-19"), False),
        (dict(date="2025-07-18"), dict(date="2025-07-19", basis="publication"), True),
        (dict(date="2025-07-18"), dict(date="2025-07-20", basis="publication"), False),
        (dict(date="2025-06", precision="month"), dict(date="2025-07-01", basis="publication"), False),
        (dict(date="PAST_REF", published="2025-07-18"), dict(date="2025-07-18"), True),
    ],
)
def test_consolidate_dates_overlap_at_their_precision(a, b, expected):
    assert dates_overlap(mention(**a), mention(**b)) is expected
    assert dates_overlap(mention(**b), mention(**a)) is expected


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        (dict(), True),
        (dict(target="USA"), False),  # another dyad
        (dict(source="RUSGOV"), False),
        (dict(target=None), False),
        (dict(cameo="0121"), True),
        (dict(cameo="020"), False),
        (dict(country="UKR"), True),  # one place missing
        (dict(modality="negated"), False),
    ],
)
def test_consolidate_compatible(other, expected):
    assert compatible(mention(), mention(event_id="e2", article_id="a2", **other)) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (dict(), dict(), True),
        (dict(cluster="c1"), dict(cluster="c2"), True),  # independent reports, same wording
        (dict(cluster="c1", text="Kyiv said the talks had become toxic."),
         dict(cluster="c2", text="The ministry said grain exports would resume next week."), False),
        (dict(cluster="c1", text="Kyiv said the talks had become toxic."),
         dict(cluster="c1", text="The ministry said grain exports would resume next week."), False),  # two statements
        (dict(cluster="c1", source="GOV"), dict(cluster="c2", source="GOV"), False),  # any government
        (dict(cluster="c1", source="GOV"), dict(cluster="c1", source="GOV"), True),
        # shared words are only the actor's: two releases of one agency, not one happening
        (dict(cluster="c1", text="Industrial production rose 0.5 pct, the Federal Reserve Board said.",
              actor_text="the Federal Reserve Board"),
         dict(cluster="c2", text="Money supply rose 2.1 billion dlrs, the Federal Reserve Board said.",
              actor_text="the Federal Reserve Board"), False),
        (dict(cluster="c1", text="Tikhy said the talks on NATO membership had become toxic."),
         dict(cluster="c2", text="Talks on membership of NATO have turned toxic, Tikhy said."), True),
    ],
)
def test_consolidate_independent_reports_need_specific_actors_and_shared_wording(a, b, expected):
    def build(event_id, article_id, cluster=None, text="Kyiv said talks with NATO had become toxic.",
              actor_text="", **kw):
        m = mention(event_id, article_id, cluster=cluster, **kw)
        return EventMention(**{**m.__dict__, "evidence": Span(0, len(text), text), "actor_text": actor_text})

    assert compatible(build("e1", "a1", **a), build("e2", "a2", **b)) is expected


def test_consolidate_mentions_without_source_code_never_merge():
    assert not compatible(mention(source=None), mention(event_id="e2", source=None))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("James Baker", "David Mulford", False), ("Dan Amstutz", "Daniel Amstutz", True), ("James Baker", None, True)],
)
def test_consolidate_named_actors_must_be_the_same_person(a, b, expected):
    first = EventMention(**{**mention().__dict__, "source": Actor("USAGOV", "USA", "GOV", name=a)})
    second = EventMention(**{**mention("e2", "a2").__dict__, "source": Actor("USAGOV", "USA", "GOV", name=b)})
    assert compatible(first, second) is expected


def test_consolidate_places_in_different_countries_do_not_merge():
    assert not compatible(mention(country="UKR"), mention(event_id="e2", country="RUS"))


def test_consolidate_group_is_complete_linkage():
    """A month-precision mention must not chain two different days into one happening."""
    groups = group_mentions([
        mention("m", date="2025-07", precision="month"),
        mention("d1", date="2025-07-03"),
        mention("d2", date="2025-07-20"),
        mention("d3", date="2025-07-20", article_id="a3"),
    ])
    assert sorted(sorted(m.event_id for m in g) for g in groups) == [["d1", "m"], ["d2", "d3"]]


def test_consolidate_summary_counts_and_reason():
    group = group_mentions([
        mention("e1", "a1", "012", "2025-07-18", article_source="MENAFN", cluster="a1"),
        mention("e2", "a2", "010", "2025-07", "month", article_source="MENAFN", cluster="a1"),
        mention("e3", "a3", "012", "2025-07-18", article_source="Reuters", cluster="a3", country="UKR"),
        mention("e4", "a3", "012", "2025-07-18", article_source="Reuters", cluster="a3"),
    ])
    (event,) = [summarise(g) for g in group]
    assert (event.num_mentions, event.num_articles, event.num_sources, event.num_independent_sources) == (4, 3, 2, 2)
    assert (event.cameo, event.date, event.date_precision, event.place_country) == ("012", "2025-07-18", "day", "UKR")
    assert event.merge_reason == (
        "same dyad UKRGOV->WST, CAMEO 010 and 012 within root 01, dates 2025-07 and 2025-07-18 overlap, "
        "place UKR, 4 mentions in 3 articles from 2 independent sources"
    )


# ---- through a store -----------------------------------------------------------------------


def _body(seed: int) -> str:
    rng = random.Random(seed)
    words = "talks army border envoy summit vote aid oil grain port strike court rebels budget".split()
    return "\n".join(" ".join(rng.choice(words) for _ in range(40)) + "." for _ in range(4))


def _event(eid: str, cameo: str, source: str, target: str, date: str, country: str | None = None) -> Event:
    place = Place(0, 4, "Kyiv", "Kyiv", country) if country else None
    evidence = Span(0, 40, "Talks on NATO membership had become toxic")
    return Event(eid, cameo, cameo[:2], 1, 0.0, Mention(0, 4, source, _actor(source)), evidence,
                 0, date, "day" if len(date) == 10 else "month", "timex", target=Mention(5, 9, target, _actor(target)),
                 place=place)


def _record(aid: str, text: str, source: str | None, *events: Event) -> ArticleRecord:
    return ArticleRecord(Article(aid, "2025-07-22", f"title {aid}", text, source=source), events=list(events))


def test_consolidate_store_counts_syndicated_copies_once_and_updates_incrementally():
    from newsevents.store.database import Store

    story = _body(1)
    with Store(":memory:") as store:
        store.add([
            _record("a1", "(MENAFN) " + story, "MENAFN", _event("e1", "012", "UKRGOV", "WST", "2025-07-18")),
            _record("a2", "(AFP) " + story, "AFP", _event("e2", "012", "UKRGOV", "WST", "2025-07-18"),
                    _event("e3", "112", "USAGOV", "UKR", "2025-07-22")),
        ])
        update_clusters(store, ["a1", "a2"])
        consolidate(store, ["a1", "a2"])
        found = {e.cameo: e for e in consolidated_events(store)}
        assert (found["012"].num_articles, found["012"].num_sources, found["012"].num_independent_sources) == (2, 2, 1)
        assert [m.event_id for m in found["012"].mentions] == ["e1", "e2"]
        assert found["112"].merge_reason == "single mention"
        # an independent report of the same happening arrives later (another story, same dyad)
        store.add([_record("a3", _body(2), "Reuters", _event("e4", "0121", "UKRGOV", "WST", "2025-07", "UKR"))])
        update_clusters(store, ["a3"])
        consolidate(store, ["a3"])
        events = consolidated_events(store, actor="UKRGOV")
        assert [(e.num_mentions, e.num_articles, e.num_independent_sources) for e in events] == [(3, 3, 2)]
        assert store._con.execute("SELECT count(*) FROM consolidated_events").fetchone() == (2,)
        assert store._con.execute("SELECT count(*) FROM event_mentions").fetchone() == (4,)
        # a full rebuild gives the same result
        consolidate(store)
        assert [(e.num_mentions, e.num_independent_sources) for e in consolidated_events(store, actor="UKRGOV")] == [(3, 2)]


def test_consolidate_store_never_merges_across_dyads_or_countries():
    from newsevents.store.database import Store

    with Store(":memory:") as store:
        store.add([
            _record("a1", _body(3), "X", _event("e1", "190", "RUSMIL", "UKRMIL", "2025-07-18", "UKR")),
            _record("a2", _body(4), "Y", _event("e2", "190", "UKRMIL", "RUSMIL", "2025-07-18", "UKR")),
            _record("a3", _body(5), "Z", _event("e3", "190", "RUSMIL", "UKRMIL", "2025-07-18", "SYR")),
        ])
        consolidate(store)
        assert [e.num_mentions for e in consolidated_events(store)] == [1, 1, 1]


@pytest.mark.model
def test_consolidate_example_and_its_copy_are_one_independent_source(tmp_path):
    """Done-when of issue 6: the example article and a retitled copy with another marker."""
    head, _, body = SEED.read_text(encoding="utf-8").split("\n", 2)
    copy = tmp_path / "copy.txt"
    copy.write_text(f"{head}\nUkraine says NATO membership talks have turned toxic\n"
                    + body.replace("(MENAFN)", "(AFP)", 1), encoding="utf-8")
    db, runner = tmp_path / "c.duckdb", CliRunner()
    assert runner.invoke(cli, ["ingest", str(SEED), str(copy), "--db", str(db), "--quiet"]).exit_code == 0
    clusters = runner.invoke(cli, ["clusters", "--db", str(db), "--format", "jsonl"]).stdout.splitlines()
    assert len(clusters) == 1 and len(json.loads(clusters[0])["articles"]) == 2
    out = runner.invoke(cli, ["events", "--db", str(db), "--format", "jsonl"]).stdout.splitlines()
    events = [json.loads(line) for line in out]
    assert any(e["num_articles"] == 2 for e in events)
    assert all(e["num_independent_sources"] == 1 for e in events)
    mentions = runner.invoke(cli, ["events", "--db", str(db), "--mentions", "--format", "jsonl"]).stdout.splitlines()
    assert len(mentions) == sum(e["num_mentions"] for e in events)


def test_consolidate_picks_up_events_an_interrupted_run_left_behind():
    from newsevents.store.database import Store

    with Store(":memory:") as store:
        store.add([_record("a1", _body(6), "X", _event("e1", "042", "USAGOV", "CHNGOV", "2025-07-18"))])
        update_clusters(store)  # ingest stopped here, before consolidating a1
        store.add([_record("a2", _body(7), "Y", _event("e2", "042", "RUSGOV", "CHNGOV", "2025-07-18"))])
        consolidate(store, ["a2"])
        assert sorted(e.id for e in consolidated_events(store)) == ["e1", "e2"]


# ---- periods: the unit of incremental rebuilds ---------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "together"),
    [
        (dict(date="2025-07-18"), dict(date="2025-07", precision="month"), True),
        (dict(date="2025-07-31", basis="publication"), dict(date="2025-08-01", basis="publication"), False),
        (dict(date="2025-07-30", basis="publication"), dict(date="2025-07-31", basis="publication"), True),
        (dict(date="2025", precision="year"), dict(date="2025-07-18"), False),
        (dict(date="2025", precision="year"), dict(date="2025", precision="year"), True),
    ],
)
def test_consolidate_groups_within_a_calendar_month(a, b, together):
    groups = group_mentions([mention("x", "a1", **a), mention("y", "a2", **b)])
    assert (len(groups) == 1) is together


def _random_events(rng: random.Random, n: int) -> list[ArticleRecord]:
    dyads = [("UKRGOV", "WST"), ("USAGOV", "UKR"), ("RUSGOV", "UKRGOV")]
    days = ["2025-06-30", "2025-07-01", "2025-07-18", "2025-07-19", "2025-07", "2025-08-01", "2025-12-31", "2026-01-01"]
    records = []
    for i in range(n):
        source, target = rng.choice(dyads)
        events = [_event(f"e{i}-{k}", rng.choice(["012", "0121", "010", "112"]), source, target, rng.choice(days))
                  for k in range(rng.randint(1, 2))]
        records.append(_record(f"a{i:03d}", _body(100 + i % 7), rng.choice(["X", "Y", "Z"]), *events))
    return records


def _consolidated_rows(store) -> list[tuple]:
    return sorted(store._con.execute(
        "SELECT c.id, c.cameo, c.date, c.num_mentions, c.num_independent_sources, list(m.event_id ORDER BY m.event_id) "
        "FROM consolidated_events c JOIN event_mentions m ON m.consolidated_id = c.id "
        "GROUP BY ALL").fetchall())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_consolidate_chunk_by_chunk_equals_a_full_rebuild(seed):
    """Rebuilding only the touched (dyad, period) groups after each chunk gives what one full
    rebuild gives, whatever the order the articles come in."""
    from newsevents.store.database import Store

    records = _random_events(random.Random(seed), 40)
    with Store(":memory:") as store:
        for start in range(0, len(records), 7):
            chunk = records[start:start + 7]
            store.add(chunk)
            update_clusters(store)
            consolidate(store, [r.article.id for r in chunk])
        incremental = _consolidated_rows(store)
        consolidate(store)
        assert _consolidated_rows(store) == incremental
        assert sum(row[3] for row in incremental) == sum(len(r.events) for r in records)


def test_consolidate_migration_regroups_a_store_consolidated_across_months(tmp_path):
    """0004_consolidation_periods: a store whose groups span a month's end is rebuilt on open."""
    from newsevents.store import migrations as store_migrations
    from newsevents.store.database import Store

    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        store.add([_record("a1", _body(8), "X", _event("e1", "012", "UKRGOV", "WST", "2025-07")),
                   _record("a2", _body(9), "Y", _event("e2", "012", "UKRGOV", "WST", "2025-07-18"))])
        consolidate(store)
        # what an older version wrote: one group spanning July and August, migration not applied
        store._con.execute("UPDATE events SET date = '2025-08-01', event_date = DATE '2025-08-01' WHERE id = 'e2'")
        store._con.execute("DELETE FROM migrations WHERE name = '0004_consolidation_periods'")
        store._con.execute("DELETE FROM event_mentions")
        store._con.execute("INSERT INTO event_mentions VALUES ('e1', 'e1', 'a1'), ('e1', 'e2', 'a2')")
    assert "0004_consolidation_periods" in [m.name for m in store_migrations.MIGRATIONS]
    with Store(db) as store:
        rows = store._con.execute("SELECT consolidated_id, event_id FROM event_mentions ORDER BY 2").fetchall()
        assert rows == [("e1", "e1"), ("e2", "e2")]
