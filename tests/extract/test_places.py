"""Places: gazetteer lookup, actor-use of capitals, datelines, and the place of a clause."""

from __future__ import annotations

import pytest

from newsevents.extract.places import dateline_span, lookup

COMPONENTS = ("newsevents_actors_v1",)


@pytest.mark.parametrize(
    ("name", "context", "country", "feature", "geonameid"),
    [
        ("Kiev", (), "UKR", "city", 703448),
        ("Kyiv", (), "UKR", "city", 703448),
        ("U.S.", (), "USA", "country", 6252001),
        ("the United States", (), "USA", "country", 6252001),
        ("America", (), "USA", "country", 6252001),
        ("Britain", (), "GBR", "country", 2635167),
        ("UK", (), "GBR", "country", 2635167),
        ("The Hague", (), "NLD", "city", 2747373),
        ("Russia's", (), "RUS", "country", 2017370),
        ("Washington", (), "USA", "city", 4140963),
        ("Geneva", ("US",), "CHE", "city", 2660646),
        ("Georgia", (), "GEO", "country", 614540),
        ("California", (), "USA", "admin", 5332921),
        ("Vilnius", (), "LTU", "city", 593116),
        ("Paris", ("US",), "FRA", "city", 2988507),
        ("London", ("CA",), "GBR", "city", 2643743),
    ],
)
def test_places_lookup(name, context, country, feature, geonameid) -> None:
    record = lookup(name, frozenset(context))
    assert record is not None
    assert (record["country"], record["feature"], record["geonameid"]) == (country, feature, geonameid)
    assert record["lat"] is not None and record["lon"] is not None


@pytest.mark.parametrize("name", ["Narnia", "Western", "NATO"])
def test_places_lookup_unknown(name) -> None:
    assert lookup(name) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("MOSCOW, March 3 (Reuters) - Talks resumed.", "MOSCOW"),
        ("WASHINGTON (AP) — The Senate voted.", "WASHINGTON"),
        ("KYIV, Ukraine, July 3 (AP) — Drones struck.", "KYIV"),
        ("Talks resumed in Moscow on Monday.", None),
    ],
)
def test_places_dateline(text, place) -> None:
    span = dateline_span(text)
    assert (text[span[0] : span[1]] if span else None) == place


@pytest.fixture(scope="module")
def places_of():
    """places_of(text) -> (doc, places) through the actors pipeline."""
    from newsevents.extract.components import load_pipeline
    from newsevents.extract.places import extract_places
    from newsevents.nlp import make_docs
    from newsevents.records import Article

    nlp = load_pipeline(COMPONENTS)

    def run(text: str):
        (doc,) = make_docs(nlp, [Article("t", "2025-07-22", "", text)])
        doc = nlp(doc)
        return doc, extract_places(doc, doc._.entities)

    return run


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kiev states that talks are toxic.", []),
        ("Moscow said the talks in Geneva had failed.", ["Geneva/CHE"]),
        ("Washington warned Tehran. Officials met in Washington.", ["Washington/USA"]),
        ("Kiev says talks failed. Kiev's army retreated.", []),
        ("Ukrainian officials met French diplomats.", []),
        ("Officials from Kiev and Washington will meet in Geneva.", ["Kiev/UKR", "Washington/USA", "Geneva/CHE"]),
        ("MOSCOW, March 3 (Reuters) - Officials met in Vilnius.", ["MOSCOW/RUS", "Vilnius/LTU"]),
    ],
)
def test_places_extract(places_of, text, expected) -> None:
    doc, places = places_of(text)
    assert [f"{p.text}/{p.country}" for p in places] == expected
    for p in places:
        assert doc.text[p.start : p.end] == p.text


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sentence", "expected"),
    [
        ("Russia and Ukraine held talks in Istanbul on Monday.", 0, "Istanbul"),
        ("Leaders met at the summit in Vilnius.", 0, "Vilnius"),
        ("MOSCOW, March 3 (Reuters) - Russia criticised Poland. Talks are planned.", 1, "MOSCOW"),
        ("Russia criticised Poland on Monday.", 0, None),
    ],
)
def test_places_place_for_clause(places_of, text, sentence, expected) -> None:
    from newsevents.extract.places import place_for

    doc, places = places_of(text)
    place = place_for(list(doc.sents)[sentence], places)
    assert (place.text if place else None) == expected
