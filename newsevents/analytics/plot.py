"""Charts: a series of periods (a dyad's, or the whole store's) as one Vega-Lite spec for the
dashboard and for PNG/SVG files, a plain-text chart for the terminal, and the map of events by
place.

The dashboard renders :func:`dyad_spec` with the vendored vega-embed; files are rendered from
the same spec by ``vl-convert-python`` (an optional dependency, offline, no browser); the
terminal chart is a rich table of stacked bars.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from ..errors import ConfigError
from .overview import PlaceMap
from .queries import QUAD_CLASSES, DyadPoint

#: The fewest periods a series' time axis spans (see :func:`series_spec`).
MIN_PERIODS = 12
QUAD_COLORS = {1: "#74a9cf", 2: "#0570b0", 3: "#fc8d59", 4: "#b30000"}
_VEGA_LITE = "https://vega.github.io/schema/vega-lite/v6.json"  # the schema's id; never fetched


def dyad_rows(points: Sequence[DyadPoint]) -> list[dict[str, Any]]:
    """The series in long form: one row per period and quad class that has events.

    ``key`` repeats ``period`` as a plain string, for click handlers (Vega-Lite parses ``period``).
    """
    return [
        {"period": p.period.isoformat(), "key": p.period.isoformat(), "quad_class": q, "quad": QUAD_CLASSES[q], "events": n,
         "goldstein_mean": p.goldstein_mean, "weight": p.weight}
        for p in points
        for q, n in p.counts.items()
        if n
    ]


def dyad_spec(points: Sequence[DyadPoint], a: str, b: str, *, by: str = "month") -> dict[str, Any]:
    """A Vega-Lite spec: events per period stacked by quad class, mean Goldstein as a line.

    The data has one row per period and quad class, so bars stack without aggregation and each
    bar's datum keeps its ``key`` (the period's first day as an ISO string; ``period`` itself is
    parsed to a date by Vega-Lite) and ``quad_class``, which the dashboard reads when a bar is
    clicked to list that period's events.
    """
    return series_spec(points, f"{a.upper()} – {b.upper()} events by {by}", by=by)


def series_spec(points: Sequence[DyadPoint], title: str, *, by: str = "month") -> dict[str, Any]:
    """A Vega-Lite spec of any series of periods: stacked bars by quad class, mean Goldstein as a
    line (see :func:`dyad_spec`).

    The time axis spans at least :data:`MIN_PERIODS` periods, the data's centred in it, so that
    one or a few periods read as bars of their period's width, not as a block across the chart.
    """
    unit = {"day": "yearmonthdate", "week": "yearmonthdate", "month": "yearmonth", "year": "year"}[by]
    x = {"field": "period", "type": "temporal", "timeUnit": unit, "title": by,
         "scale": {"domain": time_domain([p.period for p in points], by)} if points else {}}
    bars = {
        "mark": {"type": "bar", "cursor": "pointer"},
        "encoding": {
            "x": x,
            "y": {"field": "events", "type": "quantitative", "title": "events", "stack": "zero"},
            "color": {"field": "quad", "type": "nominal", "title": "quad class",
                      "scale": {"domain": list(QUAD_CLASSES.values()), "range": list(QUAD_COLORS.values())}},
            "tooltip": [{"field": "period", "type": "temporal", "timeUnit": unit}, {"field": "quad"},
                        {"field": "events", "type": "quantitative"},
                        {"field": "goldstein_mean", "type": "quantitative", "title": "mean Goldstein"}],
        },
    }
    line = {
        "mark": {"type": "line", "point": True, "color": "#333"},
        "encoding": {
            "x": x,
            "y": {"field": "goldstein_mean", "type": "quantitative", "aggregate": "mean",
                  "title": "mean Goldstein", "scale": {"domain": [-10, 10]}},
        },
    }
    return {
        "$schema": _VEGA_LITE,
        "title": title,
        "width": 640,
        "height": 280,
        "data": {"values": dyad_rows(points)},
        "layer": [bars, line],
        "resolve": {"scale": {"y": "independent"}},
    }


def time_domain(periods: Sequence[dt.date], by: str) -> list[dict[str, int]]:
    """The x domain of a series: from the first period's start to the last one's end, widened
    evenly to at least :data:`MIN_PERIODS` periods; as Vega-Lite DateTime objects."""
    first, last = min(periods), max(periods)
    spanned = _steps(first, last, by) + 1
    before = max(0, MIN_PERIODS - spanned) // 2
    after = max(0, MIN_PERIODS - spanned) - before
    start, end = _shift(first, by, -before), _shift(last, by, after + 1)
    return [{"year": d.year, "month": d.month, "date": d.day} for d in (start, end)]


def _steps(first: dt.date, last: dt.date, by: str) -> int:
    if by in ("day", "week"):
        return (last - first).days // (1 if by == "day" else 7)
    months = (last.year - first.year) * 12 + last.month - first.month
    return months if by == "month" else last.year - first.year


def _shift(day: dt.date, by: str, n: int) -> dt.date:
    """``day`` moved by ``n`` periods (a month or year period starts on its first day)."""
    if by in ("day", "week"):
        return day + dt.timedelta(days=n * (1 if by == "day" else 7))
    months = day.year * 12 + day.month - 1 + n * (1 if by == "month" else 12)
    return dt.date(months // 12, months % 12 + 1, day.day)


def places_spec(places: PlaceMap, outline_url: str, country_keys: Mapping[str, Sequence[str]],
                *, title: str = "events by place") -> dict[str, Any]:
    """A Vega-Lite map: the world outline (TopoJSON at ``outline_url``, object ``countries``)
    with the countries that hold placed events shaded, and one circle per place sized by its
    events and coloured by its most frequent quad class.

    Args:
        places: the places and country counts (:func:`newsevents.analytics.overview.places`).
        outline_url: where the browser loads the outline from (vendored with the dashboard).
        country_keys: ISO3 code -> the outline's feature keys for it (its numeric ``id``, or its
            name for the features that have none, such as Kosovo).
        title: the chart's title.

    Each circle's datum keeps ``geonameid`` and ``name``, which the dashboard reads when a place
    is clicked to list its events.
    """
    countries = [{"key": key, "country": row["country"], "events": row["events"]}
                 for row in places.countries for key in country_keys.get(row["country"], ())]
    circles = [dict(p.to_dict(), quad=QUAD_CLASSES[p.quad_class],
                    **{f"q{q}": n for q, n in p.counts.items()}) for p in places.places]
    outline = {
        "data": {"url": outline_url, "format": {"type": "topojson", "feature": "countries"}},
        "transform": [{"calculate": "isValid(datum.id) ? datum.id : datum.properties.name", "as": "key"},
                      {"lookup": "key", "from": {"data": {"values": countries}, "key": "key",
                                                 "fields": ["country", "events"]}}],
        "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.5},
        "encoding": {
            "color": {"condition": {"test": "isValid(datum.events)", "value": "#d8cfbf"}, "value": "#ececec"},
            "tooltip": [{"field": "properties.name", "title": "country"},
                        {"field": "events", "type": "quantitative", "title": "events at places here"}],
        },
    }
    dots = {
        "data": {"values": circles},
        "mark": {"type": "circle", "cursor": "pointer", "opacity": 0.8, "stroke": "#ffffff", "strokeWidth": 0.7},
        "encoding": {
            "longitude": {"field": "lon", "type": "quantitative"},
            "latitude": {"field": "lat", "type": "quantitative"},
            "size": {"field": "events", "type": "quantitative", "title": "events",
                     "scale": {"range": [40, 1600], "zero": False}},
            "color": {"field": "quad", "type": "nominal", "title": "most events",
                      "scale": {"domain": list(QUAD_CLASSES.values()), "range": list(QUAD_COLORS.values())}},
            "tooltip": [{"field": "name", "title": "place"}, {"field": "country"},
                        {"field": "events", "type": "quantitative"},
                        *({"field": f"q{q}", "type": "quantitative", "title": name} for q, name in QUAD_CLASSES.items())],
            "order": {"field": "events", "sort": "descending"},
        },
    }
    return {
        "$schema": _VEGA_LITE,
        "title": title,
        "width": 900,
        "height": 470,
        "projection": {"type": "equalEarth"},
        "layer": [outline, dots],
    }


def save_chart(spec: dict[str, Any], path: str | Path) -> Path:
    """Render a Vega-Lite spec to ``path``: ``.svg`` or ``.png`` (by the suffix).

    Raises:
        ConfigError: another suffix, or vl-convert-python is not installed.
    """
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise ConfigError(f"cannot write a chart to {out}: use a .png or .svg file name")
    try:
        import vl_convert as vlc
    except ImportError:
        raise ConfigError(
            "writing charts needs vl-convert-python: pip install 'newsevents[plot]'"
        ) from None
    if suffix == ".svg":
        out.write_text(vlc.vegalite_to_svg(spec), encoding="utf-8")
    else:
        out.write_bytes(vlc.vegalite_to_png(spec, scale=2))
    return out


def terminal_chart(points: Sequence[DyadPoint], a: str, b: str, *, width: int = 30) -> Table:
    """The series as a rich table with one stacked bar per period, for a terminal.

    Each bar has one block colour per quad class, scaled so the busiest period fills ``width``.
    """
    table = Table(title=f"{a.upper()} – {b.upper()} events", show_edge=False)
    for name, justify in (("period", "left"), ("events", "right"), ("goldstein", "right"), ("", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    busiest = max((p.events for p in points), default=1)
    for point in points:
        bar = Text()
        for quad, count in point.counts.items():
            bar.append("█" * round(count * width / busiest), style=QUAD_COLORS[quad])
        table.add_row(point.period.isoformat(), str(point.events), f"{point.goldstein_mean:+.1f}", bar)
    table.caption = "  ".join(f"[{QUAD_COLORS[q]}]█[/] {name}" for q, name in QUAD_CLASSES.items())
    return table
