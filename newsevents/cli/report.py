"""What the CLI shows: progress bars, summaries and tables (rich), or JSON Lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..errors import ConfigError
from ..pipeline.run import IngestSummary, ingest, print_reject
from ..records import Actor, Entity, Event, Quote, Reject

Column = tuple[str, Callable[[str, Any], Any]]
_out = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 140)
_err = Console(stderr=True)


def ingest_with_progress(paths: Iterable[str | Path], db: str | Path, *, format: str | None = None,
                         quiet: bool = False, **options: Any) -> IngestSummary:
    """Run :func:`newsevents.pipeline.ingest` with a rich progress bar on stderr.

    ``options`` (executor, workers, scheduler) go to ``ingest`` unchanged.
    """
    return with_progress(ingest, paths, db, format=format, quiet=quiet, **options)


def with_progress(run: Callable[..., IngestSummary], *args: Any, quiet: bool = False,
                  total: int | None = None, **options: Any) -> IngestSummary:
    """Call ``run(*args, on_reject=..., on_progress=..., **options)`` (``ingest`` or ``demo``)
    with a rich progress bar (out of ``total`` articles when known) and each reject on stderr,
    or silently when ``quiet``."""
    if quiet:
        return run(*args, on_reject=lambda r: None, **options)
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
               TextColumn("articles read"), TimeElapsedColumn())
    with Progress(*columns, console=_err, transient=False) as progress:
        task = progress.add_task("ingest", total=total)
        return run(*args, on_reject=print_reject,
                   on_progress=lambda n: progress.update(task, completed=n), **options)


def print_summary(summary: IngestSummary, db: str | Path) -> None:
    """One table of counts for the run, with rejects by reason."""
    table = Table(title=f"ingest into {db}", show_header=False)
    table.add_row("articles read", str(summary.read))
    table.add_row("newly stored", str(summary.stored))
    table.add_row("already stored (skipped)", str(summary.already_stored))
    table.add_row("rejected", str(summary.rejected))
    for reason, count in sorted(summary.reasons.items()):
        table.add_row(f"  rejected: {reason}", str(count))
    _err.print(table)
    if summary.rejected:
        _err.print(f"see them with: newsevents rejects --db {db}")


def show_example(db: str | Path, path: Path) -> None:
    """Print the example article's actors, time expressions, quotes and events."""
    from ..sources import read_paths
    from ..store.database import Store

    (article,) = [a for a in read_paths([path]) if not isinstance(a, Reject)]
    with Store(db, read_only=True) as store:
        record = store.get_article(article.id)
    assert record is not None
    _out.print(f"[bold]{record.article.title}[/bold] — {record.article.source}, {record.article.published}")
    actors = Table(title="actors (distinct mentions)")
    for name in ("mention", "label", "actor", "country", "sector", "org", "n", "rule"):
        actors.add_column(name, overflow="fold")
    for (text, label, actor, rule), n in _distinct_actors(record.entities).items():
        actors.add_row(text, label, actor.code, actor.country or "", actor.sector or "", actor.org or "",
                       str(n), rule or "")
    unresolved = sorted({e.text for e in record.entities if e.actor is None and e.label == "PERSON"})
    _out.print(actors)
    if unresolved:
        _out.print(f"people left unresolved (never guessed): {', '.join(unresolved)}")
    timexes = Table(title="time expressions")
    for name in ("text", "type", "value"):
        timexes.add_column(name)
    for timex in record.timexes:
        timexes.add_row(timex.text, timex.type, timex.value)
    _out.print(timexes)
    emit([("", q) for q in record.quotes], "table", quote_columns, title="quotes")
    emit([("", e) for e in record.events], "table", event_columns, title="events")


def _distinct_actors(entities: Sequence[Entity]) -> dict[tuple[str, str, Actor, str | None], int]:
    counts: dict[tuple[str, str, Actor, str | None], int] = {}
    for entity in entities:
        if entity.actor is not None:
            key = (entity.text, entity.label, entity.actor, entity.rule)
            counts[key] = counts.get(key, 0) + 1
    return counts


def _code(actor: Actor | None) -> str:
    return actor.code if actor else ""


entity_columns: Sequence[Column] = (
    ("article", lambda a, e: a),
    ("text", lambda a, e: e.text),
    ("label", lambda a, e: e.label),
    ("actor", lambda a, e: _code(e.actor)),
    ("country", lambda a, e: e.actor.country if e.actor else None),
    ("sector", lambda a, e: e.actor.sector if e.actor else None),
    ("org", lambda a, e: e.actor.org if e.actor else None),
    ("rule", lambda a, e: e.rule),
)

event_columns: Sequence[Column] = (
    ("article", lambda a, e: a),
    ("date", lambda a, e: e.date),
    ("basis", lambda a, e: e.date_basis),
    ("source", lambda a, e: _code(e.source.actor) or e.source.text),
    ("cameo", lambda a, e: e.cameo),
    ("target", lambda a, e: (_code(e.target.actor) or e.target.text) if e.target else None),
    ("plover", lambda a, e: e.plover.event if e.plover else None),
    ("modality", lambda a, e: e.modality),
    ("evidence", lambda a, e: e.evidence.text),
)

quote_columns: Sequence[Column] = (
    ("article", lambda a, q: a),
    ("speaker", lambda a, q: q.speaker.text if q.speaker else None),
    ("actor", lambda a, q: _code(q.speaker.actor) if q.speaker else None),
    ("direct", lambda a, q: "direct" if q.direct else "reported"),
    ("cue", lambda a, q: q.cue),
    ("quote", lambda a, q: q.text),
)

reject_columns: Sequence[Column] = (
    ("path", lambda a, r: r.path),
    ("location", lambda a, r: r.location),
    ("reason", lambda a, r: r.reason),
    ("detail", lambda a, r: r.detail),
)


def emit(rows: Sequence[tuple[str, Entity | Event | Quote | Reject]], format_: str,
         columns: Sequence[Column], title: str | None = None) -> None:
    """Print ``(article_id, record)`` rows as a table or as JSON Lines (record + article_id)."""
    if format_ == "jsonl":
        for article_id, record in rows:
            data = record.to_dict()
            if article_id:
                data["article_id"] = article_id
            click.echo(json.dumps(data, ensure_ascii=False))
        return
    shown = [c for c in columns if c[0] != "article" or any(a for a, _ in rows)]
    table = Table(title=title)
    for name, _ in shown:
        table.add_column(name, overflow="fold")
    for article_id, record in rows:
        table.add_row(*("" if (v := get(article_id, record)) is None else str(v) for _, get in shown))
    _out.print(table)


def parse_dyad(dyad: str | None) -> tuple[str, str] | None:
    """``"UKR,NATO"`` -> ``("UKR", "NATO")``."""
    if dyad is None:
        return None
    parts = [p.strip() for p in dyad.split(",")]
    if len(parts) != 2 or not all(parts):
        raise ConfigError(f"--dyad takes SOURCE,TARGET such as UKR,NATO, not {dyad!r}")
    return parts[0], parts[1]
