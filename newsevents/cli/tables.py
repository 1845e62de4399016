"""What ``newsevents dyad``, ``actor`` and ``demo`` print: rich tables, JSON Lines or CSV."""

from __future__ import annotations

import csv
import ipaddress
import json
import sys
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from ..analytics.overview import Overview
from ..analytics.plot import terminal_chart
from ..analytics.queries import QUAD_CLASSES, ActorProfile, DyadPoint

_out = Console(soft_wrap=False)
_err = Console(stderr=True)
SERIES_FIELDS = ("period", "events", *(f"q{q}" for q in QUAD_CLASSES), "goldstein_mean", "goldstein_sum", "weight")


def emit_series(points: Sequence[DyadPoint], format_: str, a: str, b: str) -> None:
    """Print a dyad series as a chart table, JSON Lines (``DyadPoint.to_dict``) or CSV."""
    if format_ == "jsonl":
        for point in points:
            print(json.dumps(point.to_dict()))
    elif format_ == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(SERIES_FIELDS)
        for p in points:
            writer.writerow([p.period.isoformat(), p.events, *p.counts.values(), p.goldstein_mean,
                             p.goldstein_sum, p.weight])
    elif points:
        _out.print(terminal_chart(points, a, b))
    else:
        _err.print(f"no events between {a} and {b} with these filters")


def emit_profile(profile: ActorProfile, format_: str) -> None:
    """Print an actor profile as tables, or as one JSON object (jsonl)."""
    if format_ == "jsonl":
        print(json.dumps(profile.to_dict(), ensure_ascii=False))
        return
    names = ", ".join(f"{n['code']} ({n['name']})" if n["name"] else n["code"] for n in profile.names)
    span = f", {profile.first} to {profile.last}" if profile.first else ""
    _out.print(f"[bold]{profile.actor}[/bold] {names}\n{profile.as_source} events as source, "
               f"{profile.as_target} as target{span}")
    _out.print(_table("top partners", ("partner", "events", "goldstein_mean"), profile.partners))
    _out.print(_table("event mix", ("root", "quad", "events", "goldstein_mean"), profile.event_mix))
    quotes: list[dict[str, object]] = [{"speaker": h.quote.speaker.text if h.quote.speaker else "", "quote": h.quote.text,
               "article": h.article_id} for h in profile.quotes]
    _out.print(_table("quotes", ("speaker", "quote", "article"), quotes))


def emit_overview(view: Overview, db: str, *, dyads: int = 5) -> None:
    """Print what a store holds (articles, events, date ranges, top dyads) and the command that
    opens it in the dashboard."""
    held = Table(title=f"{db} holds", show_header=False)
    published = f", published {view.published_first} to {view.published_last}" if view.articles else ""
    held.add_row("articles", f"{view.articles:,}{published}")
    dated = f", dated {view.event_first} to {view.event_last}" if view.events else ""
    held.add_row("events", f"{view.events:,} asserted ({view.events_all:,} in all){dated}")
    held.add_row("on the map", f"{view.placed:,} events with a place")
    _out.print(held)
    rows = [{"dyad": f"{d['a']} – {d['b']}", "events": d["events"], "mean Goldstein": d["goldstein_mean"]}
            for d in view.dyads[:dyads]]
    if rows:
        _out.print(_table("most active dyads", ("dyad", "events", "mean Goldstein"), rows))
    _out.print(f"next:  newsevents serve --db {db}", highlight=False, soft_wrap=True)
    _out.print("then open http://127.0.0.1:8000/ (the overview; the map at /#/map)", highlight=False, soft_wrap=True)


def _table(title: str, columns: Sequence[str], rows: Sequence[dict[str, object]]) -> Table:
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(f"{v:.2f}" if isinstance(v, float) else str(v) for v in (row[c] for c in columns)))
    return table


def warn_if_exposed(host: str) -> None:
    """Warn on stderr when the API would listen beyond this machine."""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        _err.print(
            f"[bold red]WARNING:[/bold red] serving on {host}: anyone who can reach this machine can read "
            "the whole store (no authentication). Use --host 127.0.0.1 unless you mean it."
        )
