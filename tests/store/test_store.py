"""The DuckDB store: round-trip, idempotency, listings, export, errors, migrations, atomicity."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from newsevents.errors import ConfigError, StoreError
from newsevents.records import (
    Actor,
    Article,
    ArticleRecord,
    Entity,
    Event,
    Mention,
    Place,
    Plover,
    Quote,
    Reject,
    Span,
    Timex,
    Tone,
)
from newsevents.store import database as store_module
from newsevents.store import migrations as store_migrations
from newsevents.store.database import Store

UKRGOV = Actor("UKRGOV", "UKR", "GOV", None, "Georgy Tikhy")
USAGOV = Actor("USAGOV", "USA", "GOV", None, "Donald Trump")
NATO = Actor("IGOWSTNAT", None, None, "NATO", "NATO")
RUS = Actor("RUS", "RUS", None, None, "Russia")
KYIV = Place(40, 44, "Kyiv", "Kyiv", "UKR", 50.45, 30.52, 703448, "city")


def _event(eid: str, cameo: str, source: Actor, target: Actor | None, date: str, **kw: object) -> Event:
    fields = dict(
        id=eid,
        cameo=cameo,
        root=cameo[:2],
        quad_class=1,
        goldstein=3.5,
        source=Mention(0, 5, "Tikhy", source),
        target=Mention(10, 14, "NATO", target) if target else None,
        evidence=Span(0, 30, "Tikhy said Ukraine would meet"),
        sentence=0,
        date=date,
        date_precision="day",
        date_basis="timex",
    )
    return Event(**(fields | kw))  # type: ignore[arg-type]


def full_record() -> ArticleRecord:
    """A record with every field of every nested type filled."""
    article = Article("a1", "2025-07-22T09:30:00Z", "Kyiv talks", "Tikhy said ... «ok»", "MENAFN", "http://x/1", "en")
    speaker = Mention(0, 5, "Tikhy", UKRGOV)
    event = _event(
        "a1-e0", "0311", UKRGOV, NATO, "2025-07-18",
        modality="asserted", confidence=0.8, pattern="meet", plover=Plover("CONSULT", "visit"),
        place=KYIV, quote=0, polarity=-0.25, date_precision="day", date_basis="timex",
    )  # fmt: skip
    return ArticleRecord(
        article=article,
        entities=[Entity(0, 5, "Tikhy", "PERSON", UKRGOV, "title:spokesman"), Entity(6, 10, "Kyiv", "GPE")],
        timexes=[Timex(20, 26, "Friday", "DATE", "2025-07-18", "APPROX")],
        quotes=[Quote(11, 30, "we will meet", True, "said", speaker, 0.4), Quote(31, 40, "x", False)],
        places=[KYIV, Place(0, 4, "Nowhere", "Nowhere")],
        events=[event, _event("a1-e1", "190", RUS, None, "2025-07", date_precision="month")],
        tone=Tone(-2.5, 3.0, 5.5, -0.3, 120),
    )


def corpus() -> list[ArticleRecord]:
    """Four articles for the listing tests."""
    a2 = ArticleRecord(
        Article("a2", "2025-06-03", "Washington", "..."),
        entities=[Entity(0, 5, "Trump", "PERSON", USAGOV), Entity(6, 10, "NATO", "ORG", NATO)],
        quotes=[Quote(0, 9, "no deal", True, "said", Mention(0, 5, "Trump", USAGOV))],
        events=[
            _event("a2-e0", "112", USAGOV, NATO, "2025-06-02"),
            _event("a2-e1", "042", NATO, USAGOV, "2025-06-01", modality="negated"),
        ],
    )
    a3 = ArticleRecord(
        Article("a3", "2024-12-31", "Moscow", "..."),
        entities=[Entity(0, 6, "Russia", "GPE", RUS)],
        events=[_event("a3-e0", "1123", RUS, UKRGOV, "not a date")],  # event_date -> publication
    )
    a4 = ArticleRecord(Article("a4", "2025-07-22", "Empty", "..."))
    return [full_record(), a2, a3, a4]


@pytest.fixture
def store() -> Store:
    with Store(":memory:") as opened:
        opened.add(corpus())
        yield opened


# ---- round trip, idempotency, atomicity ----------------------------------------------------------


@pytest.mark.parametrize("record", corpus(), ids=lambda r: r.article.id)
def test_store_get_article_round_trips(store: Store, record: ArticleRecord) -> None:
    assert store.get_article(record.article.id) == record


def test_store_get_article_unknown_is_none(store: Store) -> None:
    assert store.get_article("nope") is None


def test_store_add_is_idempotent_and_resumable() -> None:
    with Store(":memory:") as s:
        first, *rest = corpus()
        assert s.add([first, first]) == 1  # a duplicate within one batch counts once
        before = s.counts()
        assert s.add([first]) == 0
        assert s.counts() == before
        assert s.add(corpus(), batch_size=2) == len(rest)  # a rerun adds only what is missing
        assert s.add(corpus()) == 0
        assert s.counts() == {
            "articles": 4, "entities": 5, "timexes": 1, "quotes": 3, "places": 2, "events": 5, "rejects": 0,
        }  # fmt: skip


def test_store_known_ids(store: Store) -> None:
    assert store.known_ids(["a1", "zz", "a3", "a1"]) == {"a1", "a3"}
    assert store.known_ids([]) == set()


def _clash() -> ArticleRecord:
    """A new article whose second event reuses a stored event id: its events insert fails."""
    events = [_event("b-e0", "010", RUS, None, "2025-01-01"), _event("a1-e0", "010", RUS, None, "2025-01-01")]
    return ArticleRecord(Article("b", "2025-01-01", "", "..."), entities=[Entity(0, 1, "R", "GPE", RUS)], events=events)


def _bad_type() -> ArticleRecord:
    return ArticleRecord(Article("c", "2025-01-01", "", "..."), places=[Place(0, 1, "X", "X", lat="north")])  # type: ignore[arg-type]


def _twin_events() -> ArticleRecord:
    twin = _event("d-e0", "010", RUS, None, "2025-01-01")
    return ArticleRecord(Article("d", "2025-01-01", "", "..."), events=[twin, twin])


@pytest.mark.parametrize(
    "bad, message",
    [(_clash, "Duplicate key"), (_bad_type, "article c"), (_twin_events, "article d: event id d-e0 is also")],
)
def test_store_failed_batch_leaves_nothing(bad, message: str) -> None:
    good = ArticleRecord(Article("g", "2025-01-01", "", "..."), entities=[Entity(0, 1, "G", "GPE")])
    with Store(":memory:") as s:
        s.add([full_record()])
        before = s.counts()
        with pytest.raises(StoreError, match=message):
            s.add([good, bad()])  # one batch: the good article's rows roll back too
        assert s.counts() == before
    with Store(":memory:") as s:
        s.add([full_record()])
        with pytest.raises(StoreError):
            s.add([good, bad()], batch_size=1)  # the good article's batch committed first
        assert s.known_ids(["g", "b", "c"]) == {"g"}
        assert s.counts()["entities"] == 3  # a1's two + g's one; none of the failed article's


def test_store_rejects_are_deduplicated(store: Store) -> None:
    rejects = [
        Reject("f.jsonl", "line 3", "missing_field", "no 'published'"),
        Reject("f.jsonl", "line 3", "missing_field", "same key, other wording"),
        Reject("f.jsonl", "line 4", "bad_date", "'32 Jan' is not a date"),
        Reject("empty.txt", "", "empty_file", "the file is empty"),
    ]
    assert store.add_rejects(rejects) == 3
    assert store.add_rejects(rejects) == 0
    assert store.rejects() == [rejects[3], rejects[0], rejects[2]]  # first wording kept
    assert store.counts()["rejects"] == 3


# ---- listings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, ["a3-e0", "a2-e0", "a1-e1", "a1-e0"]),
        ({"modality": None}, ["a3-e0", "a2-e1", "a2-e0", "a1-e1", "a1-e0"]),
        ({"modality": "negated"}, ["a2-e1"]),
        ({"actor": "UKR"}, ["a3-e0", "a1-e0"]),
        ({"actor": "ukr"}, ["a3-e0", "a1-e0"]),
        ({"actor": "NATO"}, ["a2-e0", "a1-e0"]),
        ({"actor": "IGO"}, ["a2-e0", "a1-e0"]),
        ({"actor": "USA", "modality": None}, ["a2-e1", "a2-e0"]),
        ({"actor": "CHN"}, []),
        ({"dyad": ("USA", "NATO")}, ["a2-e0"]),
        ({"dyad": ("NATO", "USA"), "modality": None}, ["a2-e1"]),
        ({"dyad": ("NATO", "USA"), "directed": False}, ["a2-e0"]),
        ({"dyad": ("UKR", "NATO")}, ["a1-e0"]),
        ({"dyad": ("NATO", "UKR")}, []),
        ({"since": "2025-06-02"}, ["a2-e0", "a1-e1", "a1-e0"]),
        ({"since": "2025-07"}, ["a1-e1", "a1-e0"]),
        ({"until": "2025-06"}, ["a3-e0", "a2-e0"]),
        ({"until": "2024"}, ["a3-e0"]),
        ({"since": "2025-06-01", "until": "2025-07-01"}, ["a2-e0", "a1-e1"]),
        ({"cameo": "11"}, ["a3-e0", "a2-e0"]),
        ({"cameo": "112"}, ["a3-e0", "a2-e0"]),
        ({"cameo": "1123"}, ["a3-e0"]),
        ({"cameo": "03"}, ["a1-e0"]),
        ({"limit": 2}, ["a3-e0", "a2-e0"]),
        ({"limit": 0}, []),
    ],
)
def test_store_events_filters(store: Store, filters: dict, expected: list[str]) -> None:
    assert [event.id for _, event in store.events(**filters)] == expected


def test_store_events_pairs_carry_article_id(store: Store) -> None:
    assert [(aid, e.id) for aid, e in store.events(cameo="0311")] == [("a1", "a1-e0")]


@pytest.mark.parametrize(
    "filters, error",
    [
        ({"since": "yesterday"}, "since='yesterday' is not a date"),
        ({"until": "2025-13"}, "until='2025-13' is not a date"),
        ({"cameo": "1a"}, "not a CAMEO code"),
        ({"modality": "maybe"}, "unknown modality 'maybe'"),
        ({"limit": -1}, "limit must be"),
    ],
)
def test_store_events_bad_filters(store: Store, filters: dict, error: str) -> None:
    with pytest.raises(ConfigError, match=error):
        store.events(**filters)


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, ["Tikhy", "Kyiv", "Trump", "NATO", "Russia"]),
        ({"label": "person"}, ["Tikhy", "Trump"]),
        ({"label": "GPE"}, ["Kyiv", "Russia"]),
        ({"actor": "UKR"}, ["Tikhy"]),
        ({"actor": "nato"}, ["NATO"]),
        ({"actor": "US"}, ["Trump"]),
        ({"label": "ORG", "actor": "RUS"}, []),
        ({"limit": 1}, ["Tikhy"]),
    ],
)
def test_store_entities_filters(store: Store, filters: dict, expected: list[str]) -> None:
    assert [entity.text for _, entity in store.entities(**filters)] == expected


@pytest.mark.parametrize(
    "speaker, expected",
    [(None, ["we will meet", "x", "no deal"]), ("UKR", ["we will meet"]), ("USAGOV", ["no deal"]), ("NATO", [])],
)
def test_store_quotes_filters(store: Store, speaker: str | None, expected: list[str]) -> None:
    assert [quote.text for _, quote in store.quotes(speaker=speaker)] == expected


# ---- export ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "table, rows",
    [("events", 5), ("articles", 4), ("entities", 5), ("timexes", 1), ("quotes", 3), ("places", 2), ("rejects", 1)],
)
@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_store_export_reads_back(store: Store, tmp_path: Path, fmt: str, table: str, rows: int) -> None:
    store.add_rejects([Reject("f.csv", "line 2", "missing_field", "no text column")])
    out = tmp_path / f"out.{fmt}"
    assert store.export(fmt, out, table=table) == rows
    if fmt == "jsonl":
        lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert len(lines) == rows
        return
    pattern = f"{out}/**/*.parquet" if fmt == "parquet" and table != "rejects" else str(out)
    reader = "read_parquet" if fmt == "parquet" else "read_csv"
    assert duckdb.sql(f"SELECT count(*) FROM {reader}(?)", params=[pattern]).fetchall() == [(rows,)]


def test_store_export_parquet_partitions_by_publication_month(store: Store, tmp_path: Path) -> None:
    store.export("parquet", tmp_path / "ev")
    parts = sorted(str(p.parent.relative_to(tmp_path / "ev")) for p in (tmp_path / "ev").rglob("*.parquet"))
    assert parts == ["year=2024/month=12", "year=2025/month=6", "year=2025/month=7"]
    sql = "SELECT id, year, month FROM read_parquet(?, hive_partitioning=true) ORDER BY id"
    got = duckdb.sql(sql, params=[f"{tmp_path}/ev/**/*.parquet"]).fetchall()
    assert got[0] == ("a1-e0", 2025, 7) and got[-1] == ("a3-e0", 2024, 12)


def test_store_export_jsonl_is_records(store: Store, tmp_path: Path) -> None:
    store.export("jsonl", tmp_path / "ev.jsonl")
    store.export("jsonl", tmp_path / "ar.jsonl", table="articles")
    events = [json.loads(line) for line in (tmp_path / "ev.jsonl").read_text(encoding="utf-8").splitlines()]
    articles = [json.loads(line) for line in (tmp_path / "ar.jsonl").read_text(encoding="utf-8").splitlines()]
    assert events[0]["article_id"] == "a1"
    assert Event.from_dict(events[0]) == full_record().events[0]
    assert [ArticleRecord.from_dict(a) for a in articles] == corpus()


@pytest.mark.parametrize(
    "fmt, table, error",
    [
        ("gdelt", "events", "unknown export format 'gdelt'; use one of parquet, csv, jsonl"),
        ("csv", "bogus", "unknown table 'bogus'; use one of articles, entities"),
    ],
)
def test_store_export_bad_options(store: Store, tmp_path: Path, fmt: str, table: str, error: str) -> None:
    with pytest.raises(ConfigError, match=error):
        store.export(fmt, tmp_path / "x", table=table)


def test_store_export_parquet_refuses_non_empty_folder(store: Store, tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(ConfigError, match="not an empty folder"):
        store.export("parquet", tmp_path)
    assert (tmp_path / "keep.txt").read_text() == "mine"


# ---- files, errors, migrations -----------------------------------------------------------------


def test_store_file_persists_and_opens_read_only(tmp_path: Path) -> None:
    db = tmp_path / "n.duckdb"
    with Store(db) as s:
        s.add(corpus())
    with Store(db, read_only=True) as s:
        assert s.get_article("a1") == full_record()
        with pytest.raises(StoreError, match="opened read-only"):
            s.add([full_record()])
    with Store(db) as s:
        assert s.add(corpus()) == 0


def _garbage(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 64)


def _foreign(path: Path) -> None:
    duckdb.connect(str(path)).execute("CREATE TABLE sales (x INT)").close()


def _corrupt(path: Path) -> None:
    with Store(path) as s:
        s.add(corpus())
    data = bytearray(path.read_bytes())
    data[12288:] = b"\xab" * (len(data) - 12288)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "make, read_only, error",
    [
        (_garbage, False, "is not a DuckDB database"),
        (lambda p: p.write_text(""), False, "is not a DuckDB database"),
        (_foreign, False, "not a newsevents store .* sales"),
        (_foreign, True, "not a newsevents store"),
        (lambda p: duckdb.connect(str(p)).close(), True, "lacks migrations 0001_initial"),
        (lambda p: None, True, "does not exist"),
        (_corrupt, False, "corrupt"),
    ],
)
def test_store_open_errors(tmp_path: Path, make, read_only: bool, error: str) -> None:
    db = tmp_path / "bad.duckdb"
    make(db)
    with pytest.raises(StoreError, match=error):
        Store(db, read_only=read_only)


def test_store_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder .*nowhere does not exist"):
        Store(tmp_path / "nowhere" / "n.duckdb")


def test_store_locked_by_another_process(tmp_path: Path) -> None:
    db = tmp_path / "locked.duckdb"
    holder = textwrap.dedent(f"""
        import sys
        from newsevents.store import Store
        s = Store({str(db)!r})
        print("ready", flush=True)
        sys.stdin.read()
    """)
    proc = subprocess.Popen([sys.executable, "-c", holder], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        for read_only in (False, True):
            with pytest.raises(StoreError, match=rf"another newsevents ingest \(process {proc.pid}\) is writing to"):
                Store(db, read_only=read_only)
    finally:
        proc.communicate("", timeout=30)


def test_store_migrations_recorded_once(tmp_path: Path) -> None:
    db = tmp_path / "m.duckdb"
    with Store(db) as s:
        first = s.migrations()
    assert [name for name, _ in first] == [m.name for m in store_migrations.MIGRATIONS]
    assert first[0][0] == "0001_initial"
    with Store(db) as s:
        assert s.migrations() == first


def test_store_new_migration_is_one_decorated_function(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "m.duckdb"
    Store(db).close()
    registry = list(store_migrations.MIGRATIONS)
    monkeypatch.setattr(store_migrations, "MIGRATIONS", registry)
    monkeypatch.setattr(store_module, "MIGRATIONS", registry)
    with pytest.raises(StoreError, match="lacks migrations 9999_test"):

        @store_migrations.migration("9999_test")
        def _add_clusters(con: duckdb.DuckDBPyConnection) -> None:
            con.execute("CREATE TABLE clusters (id VARCHAR)")

        Store(db, read_only=True)
    with Store(db) as s:
        assert [name for name, _ in s.migrations()][-1] == "9999_test"
    with pytest.raises(ValueError, match="registered twice"):
        store_migrations.migration("9999_test")(lambda con: None)


def test_store_schema_matches_row_columns() -> None:
    """Every column the rows carry exists in the migrated schema (a drift would break add)."""
    from newsevents.store.rows import SCHEMAS

    with Store(":memory:") as s:
        for table, schema in SCHEMAS.items():
            cols = {r[0] for r in s._con.execute(f"DESCRIBE {table}").fetchall()}
            assert set(schema.names) <= cols, table


def test_store_record_field_counts_are_covered() -> None:
    """A field added to records.py must be added to the store too (this fails until it is)."""
    covered = {
        Article: 7, Actor: 5, Mention: 4, Entity: 6, Timex: 6, Quote: 7, Place: 9, Plover: 2, Span: 3,
        Event: 19, Tone: 5, Reject: 4, ArticleRecord: 7,
    }  # fmt: skip
    now = {cls: len(dataclasses.fields(cls)) for cls in covered}
    assert now == covered, "records.py changed: add the field to store_rows.py and a new migration"


@pytest.mark.parametrize(("limit", "expected"), [("64MB", "61.0 MiB"), ("1GB", "953.6 MiB")])
def test_store_memory_limit_caps_duckdb(tmp_path: Path, limit: str, expected: str) -> None:
    """A long-running writer caps DuckDB's page cache (pipeline.ingest passes INGEST_MEMORY)."""
    with Store(tmp_path / "m.duckdb", memory_limit=limit) as store:
        assert store._con.execute("SELECT current_setting('memory_limit')").fetchall() == [(expected,)]


def test_store_ingest_writer_uses_the_ingest_memory_limit(monkeypatch, tmp_path: Path) -> None:
    from newsevents.pipeline import run as pipeline
    from newsevents.store import database as store_lock

    seen = []
    real = store_lock.open_store

    def spy(path, **kwargs):
        seen.append(kwargs.get("memory_limit"))
        return real(path, **kwargs)

    monkeypatch.setattr(store_lock, "open_store", spy)
    monkeypatch.setenv("NEWSEVENTS_INGEST_MEMORY", "96MB")
    corpus = tmp_path / "bad.jsonl"
    corpus.write_text('{"id": "x"}\n', encoding="utf-8")  # a reject only: no model needed
    pipeline.ingest([corpus], tmp_path / "i.duckdb", on_reject=lambda r: None)
    assert seen and set(seen) == {"96MB"}
