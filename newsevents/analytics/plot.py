"""Charts of a dyad series: one Vega-Lite spec for the dashboard and for PNG/SVG files, and a
plain-text chart for the terminal.

The dashboard renders :func:`dyad_spec` with the vendored vega-embed; files are rendered from
the same spec by ``vl-convert-python`` (an optional dependency, offline, no browser); the
terminal chart is a rich table of stacked bars.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from ..errors import ConfigError
from .queries import QUAD_CLASSES, DyadPoint

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
    unit = {"day": "yearmonthdate", "week": "yearmonthdate", "month": "yearmonth", "year": "year"}[by]
    x = {"field": "period", "type": "temporal", "timeUnit": unit, "title": by}
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
        "title": f"{a.upper()} – {b.upper()} events by {by}",
        "width": 640,
        "height": 280,
        "data": {"values": dyad_rows(points)},
        "layer": [bars, line],
        "resolve": {"scale": {"y": "independent"}},
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
