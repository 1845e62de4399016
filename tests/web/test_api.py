"""The REST API through an in-process ASGI client: results, validation (422, never 500), schema."""

from __future__ import annotations

import io
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from analytics_data import build
from fastapi.testclient import TestClient

from newsevents.errors import StoreError
from newsevents.web.api import MAX_PAGE, create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = build(tmp_path_factory.mktemp("api") / "news.duckdb")
    return TestClient(create_app(db), raise_server_exceptions=False)


@pytest.mark.parametrize(
    ("url", "ids"),
    [
        ("/api/events?actor=UKR", ["e1", "e2", "e3"]),
        ("/api/events?actor=ukr&modality=all", ["e1", "e2", "e3", "e4"]),
        ("/api/events?a=USA&b=IRN", ["e5"]),
        ("/api/events?a=UKR&b=NATO&directed=true", ["e1"]),
        ("/api/events?cameo=11&since=2025", ["e3"]),
        ("/api/events?since=1987-03&until=1987-03", ["e5"]),
        ("/api/events?country=UKR&place=kyiv", ["e2"]),
        ("/api/events?text=criticised", ["e3"]),
        ("/api/events?actor=UKR&limit=2&offset=2", ["e3"]),
        ("/api/events?actor=UKR&offset=50", []),
    ],
)
def test_api_events_filters(client, url, ids):
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert [h["event"]["id"] for h in response.json()["hits"]] == ids


def test_api_events_carry_evidence_and_article(client):
    body = client.get("/api/events?actor=UKR&limit=1").json()
    assert (body["total"], body["limit"], body["offset"]) == (3, 1, 0)
    (hit,) = body["hits"]
    assert hit["event"]["evidence"]["text"] == "Ukraine asked NATO for air defence"
    assert (hit["before"], hit["after"], hit["article_id"]) == ("", " on Monday.", "a1june")


@pytest.mark.parametrize(
    ("url", "status", "says"),
    [
        ("/api/events?limit=0", 422, "limit"),
        (f"/api/events?limit={MAX_PAGE + 1}", 422, "limit"),
        ("/api/events?offset=-1", 422, "offset"),
        ("/api/events?since=2025-13", 422, "is not a date"),
        ("/api/events?since=July", 422, "since"),
        ("/api/events?until=2025-02-30", 422, "is not a date"),
        ("/api/events?cameo=1a", 422, "cameo"),
        ("/api/events?modality=maybe", 422, "modality"),
        ("/api/events?a=UKR", 422, "needs both a and b"),
        ("/api/events?country=Ukraine", 422, "country"),
        ("/api/events?actor=%27%3B--", 422, "actor"),
        ("/api/events?text=" + "x" * 201, 422, "text"),
        ("/api/dyad?a=UKR", 422, "b"),
        ("/api/dyad?a=UKR&b=NATO&by=hour", 422, "by"),
        ("/api/dyad?a=UKR&b=NATO&weighted=perhaps", 422, "weighted"),
        ("/api/actors?q=", 422, "q"),
        ("/api/actors/%20UKR", 422, "code"),
        ("/api/articles/nope", 404, "no article"),
        ("/api/articles/a%20b", 422, "article_id"),
        ("/api/quotes?limit=100000", 422, "limit"),
        ("/api/export/events.xlsx", 422, "fmt"),
    ],
)
def test_api_rejects_bad_input(client, url, status, says):
    response = client.get(url)
    assert response.status_code == status, response.text
    assert says in response.text


def test_api_dyad_series_and_spec(client):
    body = client.get("/api/dyad?a=usa&b=irn&by=month").json()
    assert (body["a"], body["b"], body["by"]) == ("USA", "IRN", "month")
    assert body["points"] == [{"period": "1987-03-01", "events": 1, "counts": {"1": 0, "2": 0, "3": 1, "4": 0},
                               "goldstein_mean": -2.0, "goldstein_sum": -2.0, "weight": 1}]
    assert body["spec"]["data"]["values"][0]["period"] == "1987-03-01"


def test_api_actor_profile_and_search(client):
    profile = client.get("/api/actors/NATO").json()
    assert (profile["as_source"], profile["as_target"]) == (2, 1)
    assert profile["partners"][0]["partner"] == "UKRGOV"
    found = client.get("/api/actors?q=zel").json()
    assert [a["code"] for a in found] == ["UKRGOV"]


def test_api_article_view(client):
    body = client.get("/api/articles/a1june").json()
    assert body["title"] == "Ukraine asks NATO for air defence"
    assert [q["speaker"]["text"] for q in body["quotes"]] == ["Zelensky"]
    assert [e["date"] for e in body["events"]] == ["2025-06-02", "2025-06-03"]
    assert [t["value"] for t in body["timexes"]] == ["2025-06-02"]


@pytest.mark.parametrize(("url", "total"), [("/api/quotes", 1), ("/api/quotes?speaker=UKR", 1),
                                            ("/api/quotes?speaker=USA", 0), ("/api/quotes?text=systems", 1)])
def test_api_quotes(client, url, total):
    assert client.get(url).json()["total"] == total


def test_api_exports(client):
    tsv = client.get("/api/export/events.tsv?a=USA&b=IRN")
    assert tsv.status_code == 200 and tsv.text.count("\n") == 1 and "\t19870309\t" in tsv.text
    parquet = client.get("/api/export/events.parquet?actor=UKR")
    assert parquet.status_code == 200
    assert sorted(pq.read_table(io.BytesIO(parquet.content)).column("id").to_pylist()) == ["e1", "e2", "e3"]


def test_api_openapi_schema_validates(client):
    from openapi_spec_validator import validate

    schema = client.get("/openapi.json").json()
    validate(schema)
    assert {"/api/events", "/api/dyad", "/api/actors/{code}", "/api/articles/{article_id}", "/api/quotes",
            "/api/overview", "/api/places"} <= set(schema["paths"])


def test_api_overview(client):
    body = client.get("/api/overview?limit=2&latest=2").json()
    assert (body["articles"], body["events"], body["events_all"], body["placed"], body["by"]) == (3, 4, 5, 1, "year")
    assert (body["published_first"], body["published_last"], body["outside"]) == ("1987-03-10", "2025-07-04", 1)
    assert [a["code"] for a in body["actors"]] == ["IGOWSTNAT", "UKRGOV"]
    assert [(d["a"], d["b"], d["events"]) for d in body["dyads"]] == [("IGOWSTNAT", "UKRGOV", 3), ("IRN", "USAGOV", 1)]
    assert [h["event"]["id"] for h in body["latest"]] == ["e3", "e1"]
    assert body["spec"]["title"] == "events by year" and body["spec"]["data"]["values"][0]["period"] == "2025-01-01"
    by_month = client.get("/api/overview?by=month").json()
    assert [p["period"] for p in by_month["series"]] == ["2025-06-01", "2025-07-01"]


def test_api_places_and_the_outline_they_are_drawn_on(client):
    body = client.get("/api/places").json()
    assert (body["events"], body["placed"], [p["name"] for p in body["places"]]) == (4, 1, ["Kyiv"])
    outline = body["spec"]["layer"][0]
    assert outline["transform"][1]["from"]["data"]["values"] == [{"key": "804", "country": "UKR", "events": 1}]
    topo = client.get(outline["data"]["url"])  # vendored: the map needs no network
    assert topo.status_code == 200 and len(topo.json()["objects"]["countries"]["geometries"]) == 177
    assert client.get("/api/places?actor=USA").json()["placed"] == 0
    assert [h["event"]["id"] for h in client.get("/api/events?geonameid=703448").json()["hits"]] == ["e2"]


@pytest.fixture(scope="module")
def named(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = build(tmp_path_factory.mktemp("names") / "news.duckdb", names=True)
    return TestClient(create_app(db), raise_server_exceptions=False)


@pytest.mark.parametrize(("url", "found"), [
    ("/api/events?actor=Erdoğan", ["e6", "e7"]),
    ("/api/events?actor=Lula%20da%20Silva", ["e6"]),
    ("/api/events?a=Risch&b=erdogan", ["e7"]),
    ("/api/places?actor=Erdoğan", 2),
    ("/api/dyad?a=Erdoğan&b=Lula", 1),
    ("/api/actors?q=Erdoğan", ["TURGOV"]),
    ("/api/actors/Erdo%C4%9Fan", 1),
    ("/api/quotes?speaker=Erdoğan", 0),
    ("/api/events?text=criticised%20Erdoğan", ["e7"]),
])
def test_api_unicode_names_in_actor_speaker_and_text_filters(named, url, found):
    response = named.get(url)
    assert response.status_code == 200, response.text
    body = response.json()
    if "/api/events" in url:
        assert [h["event"]["id"] for h in body["hits"]] == found
    elif "/api/places" in url:
        assert body["events"] == found
    elif "/api/dyad" in url:
        assert sum(p["events"] for p in body["points"]) == found
    elif "/api/actors/" in url:
        assert body["as_source"] == found
    elif "/api/actors" in url:
        assert [a["code"] for a in body] == found
    else:
        assert body["total"] == found


@pytest.mark.parametrize("value", ["%3Cb%3E", "%00UKR", "%20UKR", "UKR%0A", "x" * 61, "%F0%9F%99%82", "UKR%3BDROP",
                                   "..", "%C2%A0"])
def test_api_actor_filters_still_refuse_what_is_not_a_name(named, value):
    response = named.get(f"/api/events?actor={value}")
    assert response.status_code == 422, response.text
    (error,) = response.json()["detail"]
    assert error["loc"] == ["query", "actor"] and ("Erdoğan" in error["msg"] or "letter or digit" in error["msg"])


def test_api_serves_the_dashboard_offline(client):
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    assert "http" not in page.text.replace("https://vega.github.io", "")  # no CDN: every asset is local
    for asset in ("/static/app.js", "/static/style.css", "/static/vendor/vega.min.js",
                  "/static/vendor/vega-lite.min.js", "/static/vendor/vega-embed.min.js",
                  "/static/vendor/countries-110m.json"):
        assert client.get(asset).status_code == 200, asset


def test_api_missing_store_fails_clearly(tmp_path: Path):
    with pytest.raises(StoreError, match="does not exist"):
        create_app(tmp_path / "none.duckdb")
