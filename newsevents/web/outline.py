"""The world outline the dashboard's map is drawn on: vendored TopoJSON (world-atlas 2.0.2,
Natural Earth 1:110m; ``static/vendor/NOTICE.md``) and the keys linking its countries to the
ISO3 codes that places carry.

The outline's features are keyed by ISO 3166-1 numeric ``id``; ``iso_numeric_to_alpha3.json``
maps those to ISO3. Three features have no id and are keyed by name: Kosovo (ISO3 ``XKX`` in
GeoNames; ``KSV`` in newsevents' actor codes), N. Cyprus (shaded with Cyprus) and Somaliland
(shaded with Somalia).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path

#: Where the browser loads the outline (served from ``static/``).
OUTLINE_URL = "/static/vendor/countries-110m.json"
#: Outline features without a numeric id: their name, and the ISO3 codes shaded on them.
UNNUMBERED = {"Kosovo": ("XKX", "KSV"), "N. Cyprus": ("CYP",), "Somaliland": ("SOM",)}


def vendor_path(name: str) -> Path:
    """A vendored file of the dashboard (``newsevents/web/static/vendor/NAME``)."""
    return Path(str(resources.files("newsevents.web"))) / "static" / "vendor" / name


@cache
def country_keys() -> dict[str, tuple[str, ...]]:
    """ISO3 code -> the outline's keys for that country (numeric ids, or names; see the module)."""
    numeric = json.loads(vendor_path("iso_numeric_to_alpha3.json").read_text(encoding="utf-8"))
    keys: dict[str, list[str]] = {}
    for number, iso3 in sorted(numeric.items()):
        keys.setdefault(iso3, []).append(number)
    for name, codes in UNNUMBERED.items():
        for iso3 in codes:
            keys.setdefault(iso3, []).append(name)
    return {iso3: tuple(found) for iso3, found in keys.items()}
