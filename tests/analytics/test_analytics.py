"""Analytics over a small hand-made store: dyad series, search, actor profile, exports, CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from analytics_data import build
from click.testing import CliRunner

from newsevents.analytics import plot
from newsevents.analytics import queries as analytics
from newsevents.cli.commands import cli
from newsevents.errors import ConfigError
from newsevents.store.analytics import search_where
from newsevents.store.database import Store
from newsevents.store.gdelt import COLUMNS, GDELT_COLUMNS, export_gdelt


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("analytics") / "news.duckdb")


@pytest.fixture()
def store(db: Path):
    with Store(db, read_only=True) as s:
        yield s


@pytest.mark.parametrize(
    ("a", "b", "kwargs", "expected"),
    [
        ("UKR", "NATO", {}, [("2025-06-01", 2, {1: 1, 2: 1, 3: 0, 4: 0}, 5.5), ("2025-07-01", 1, {1: 0, 2: 0, 3: 1, 4: 0}, -2.0)]),
        ("nato", "ukr", {}, [("2025-06-01", 2, {1: 1, 2: 1, 3: 0, 4: 0}, 5.5), ("2025-07-01", 1, {1: 0, 2: 0, 3: 1, 4: 0}, -2.0)]),
        ("UKR", "NATO", {"directed": True}, [("2025-06-01", 1, {1: 1, 2: 0, 3: 0, 4: 0}, 3.0)]),
        ("UKR", "NATO", {"modality": None}, [("2025-06-01", 2, {1: 1, 2: 1, 3: 0, 4: 0}, 5.5), ("2025-07-01", 2, {1: 0, 2: 0, 3: 2, 4: 0}, -2.0)]),
        ("UKR", "NATO", {"by": "day"}, [("2025-06-02", 1, {1: 1, 2: 0, 3: 0, 4: 0}, 3.0), ("2025-06-03", 1, {1: 0, 2: 1, 3: 0, 4: 0}, 8.0), ("2025-07-03", 1, {1: 0, 2: 0, 3: 1, 4: 0}, -2.0)]),
        ("UKR", "NATO", {"by": "week"}, [("2025-06-02", 2, {1: 1, 2: 1, 3: 0, 4: 0}, 5.5), ("2025-06-30", 1, {1: 0, 2: 0, 3: 1, 4: 0}, -2.0)]),
        ("UKR", "NATO", {"since": "2025-07"}, [("2025-07-01", 1, {1: 0, 2: 0, 3: 1, 4: 0}, -2.0)]),
        ("USA", "IRN", {"by": "year"}, [("1987-01-01", 1, {1: 0, 2: 0, 3: 1, 4: 0}, -2.0)]),
        ("USA", "NATO", {}, []),
    ],
)
def test_analytics_dyad_series(store, a, b, kwargs, expected):
    points = analytics.dyad_series(store, a, b, **kwargs)
    assert [(p.period.isoformat(), p.events, p.counts, p.goldstein_mean) for p in points] == expected


def test_analytics_dyad_weighted_counts_sources(store):
    (june, july) = analytics.dyad_series(store, "UKR", "NATO", weighted=True)
    assert (june.weight, july.weight) == (2, 1)
    assert june.goldstein_sum == 11.0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"by": "hour"}, "unknown period"),
        ({"since": "2025-13"}, "is not a date"),
        ({"consolidated": True, "by": "fortnight"}, "unknown period"),
    ],
)
def test_analytics_dyad_bad_input(store, kwargs, message):
    with pytest.raises(ConfigError, match=message):
        analytics.dyad_series(store, "UKR", "NATO", **kwargs)


def test_analytics_dyad_consolidated_reads_consolidated_events(db, tmp_path):
    copy = tmp_path / "c.duckdb"
    copy.write_bytes(db.read_bytes())
    with Store(copy) as store:
        store._con.execute(
            "INSERT INTO consolidated_events (id, source_code, source_country, target_code, target_org, "
            "cameo, root, modality, event_date, num_independent_sources) VALUES "
            "('c1', 'UKRGOV', 'UKR', 'IGOWSTNAT', 'NATO', '020', '02', 'asserted', '2025-06-02', 3)"
        )
        store._con.execute("INSERT INTO event_mentions VALUES ('c1', 'e1', 'a1june')")
        (point,) = analytics.dyad_series(store, "UKR", "NATO", consolidated=True, weighted=True)
    assert (point.events, point.weight, point.counts[1], point.goldstein_mean) == (1, 3, 1, 3.0)


@pytest.mark.parametrize(
    ("kwargs", "ids"),
    [
        ({"actor": "UKR"}, ["e1", "e2", "e3"]),
        ({"actor": "UKR", "modality": None}, ["e1", "e2", "e3", "e4"]),
        ({"dyad": ("USA", "IRN")}, ["e5"]),
        ({"dyad": ("UKR", "NATO"), "directed": True}, ["e1"]),
        ({"cameo": "11"}, ["e5", "e3"]),
        ({"cameo": "057"}, ["e2"]),
        ({"since": "2025-06-03", "until": "2025-06"}, ["e2"]),
        ({"place": "kyiv"}, ["e2"]),
        ({"country": "irn"}, ["e5"]),
        ({"text": "PROMISED"}, ["e2"]),
        ({"text": "'; DROP TABLE events; --"}, []),
        ({"actor": "UKR", "limit": 1, "offset": 1}, ["e2"]),
    ],
)
def test_analytics_search_events(store, kwargs, ids):
    page = analytics.search_events(store, **kwargs)
    assert [h.event.id for h in page.hits] == ids


def test_analytics_search_events_gives_the_evidence_sentence(store):
    page = analytics.search_events(store, text="batteries")
    (hit,) = page.hits
    assert (hit.before, hit.event.evidence.text, hit.after) == ("", "NATO promised to send two batteries", " to Kyiv.")
    assert (hit.title, hit.published, page.total) == ("Ukraine asks NATO for air defence", "2025-06-02", 1)


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("One. Two words here. Three.", 9, 14, ("Two ", " here.")),
        ("Lead line\nNext part is here", 15, 19, ("Next ", " is here")),
        ("He said “go.” Then left.", 3, 7, ("He ", " “go.”")),
        ("They met. Then more.", 0, 9, ("", "")),
        ("They met! Then more.", 5, 8, ("They ", "!")),
        ("short", 10, 12, ("", "")),
        ("x" * 1000, 500, 501, ("…" + "x" * 300, "x" * 300 + "…")),
    ],
)
def test_analytics_sentence_context(text, start, end, expected):
    assert analytics.sentence_context(text, start, end) == expected


def test_analytics_actor_profile(store):
    profile = analytics.actor_profile(store, "ukr")
    assert (profile.actor, profile.as_source, profile.as_target) == ("UKR", 1, 2)
    assert profile.partners == [{"partner": "IGOWSTNAT", "events": 3, "goldstein_mean": 3.0}]
    assert [m["root"] for m in profile.event_mix] == ["02", "05", "11"]
    assert [h.quote.speaker.text for h in profile.quotes] == ["Zelensky"]
    assert profile.names[0]["code"] == "UKRGOV"
    empty = analytics.actor_profile(store, "CHN")
    assert (empty.as_source, empty.partners, empty.first) == (0, [], None)


@pytest.mark.parametrize(("query", "codes"), [("nat", ["IGOWSTNAT"]), ("iran", ["IRN"]), ("US", ["USAGOV"]), ("zz", [])])
def test_analytics_find_actors(store, query, codes):
    assert [a["code"] for a in analytics.find_actors(store, query)] == codes


def test_analytics_article_view(store):
    record = analytics.article_view(store, "a1june")
    assert record is not None and [q.speaker.text for q in record.quotes] == ["Zelensky"]
    assert analytics.article_view(store, "missing") is None


def test_export_gdelt_columns_and_values(store, tmp_path):
    out = tmp_path / "events.tsv"
    assert export_gdelt(store._con, out, search_where("UKR")) == 3
    names = [n for n, _ in COLUMNS]
    assert names[GDELT_COLUMNS - 1] == "SOURCEURL" and names[0] == "GLOBALEVENTID"
    rows = [dict(zip(names, line.split("\t"))) for line in out.read_text().splitlines()]
    assert all(len(line.split("\t")) == len(names) for line in out.read_text().splitlines())
    second = rows[1]
    assert (second["SQLDATE"], second["Actor1Code"], second["Actor2CountryCode"], second["EventCode"]) == (
        "20250603", "IGOWSTNAT", "UKR", "057")
    assert (second["ActionGeo_Type"], second["ActionGeo_FeatureID"], second["NE_EventId"]) == ("4", "703448", "e2")
    assert (second["SOURCEURL"], second["AvgTone"], second["QuadClass"]) == ("https://example.org/1", "-1.5", "2")


def test_plot_writes_svg_and_png(store, tmp_path):
    points = analytics.dyad_series(store, "UKR", "NATO")
    spec = plot.dyad_spec(points, "UKR", "NATO")
    assert [r["period"] for r in spec["data"]["values"]] == ["2025-06-01", "2025-06-01", "2025-07-01"]
    svg = plot.save_chart(spec, tmp_path / "d.svg").read_text()
    assert svg.startswith("<svg") and "UKR – NATO" in svg
    assert plot.save_chart(spec, tmp_path / "d.png").read_bytes()[:4] == b"\x89PNG"
    with pytest.raises(ConfigError, match=".png or .svg"):
        plot.save_chart(spec, tmp_path / "d.gif")


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (["dyad", "UKR", "NATO", "--format", "csv"], lambda out: list(csv.reader(out.splitlines()))[1][:3] == ["2025-06-01", "2", "1"]),
        (["dyad", "USA", "IRN", "--by", "year", "--format", "jsonl"], lambda out: json.loads(out)["period"] == "1987-01-01"),
        (["dyad", "UKR", "NATO"], lambda out: "2025-07-01" in out and "█" in out),
        (["actor", "NATO", "--format", "jsonl"], lambda out: json.loads(out)["partners"][0]["partner"] == "UKRGOV"),
        (["actor", "UKR"], lambda out: "IGOWSTNAT" in out and "Zelensky" in out),
    ],
)
def test_cli_dyad_and_actor(db, args, check):
    result = CliRunner().invoke(cli, [*args, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert check(result.output)


def test_cli_export_gdelt_and_plot(db, tmp_path):
    runner = CliRunner()
    out = tmp_path / "g.tsv"
    result = runner.invoke(cli, ["export", "--db", str(db), "--format", "gdelt", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()) == 4  # asserted events only
    chart = tmp_path / "d.svg"
    result = runner.invoke(cli, ["dyad", "UKR", "NATO", "--db", str(db), "--plot", str(chart)])
    assert result.exit_code == 0 and chart.read_text().startswith("<svg")
    bad = runner.invoke(cli, ["dyad", "UKR", "NATO", "--db", str(db), "--since", "July"])
    assert bad.exit_code == 1 and "is not a date" in bad.output
