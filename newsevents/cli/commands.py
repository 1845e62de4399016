"""The command line: thin wrappers over library functions of the same names."""

from __future__ import annotations

import functools
import gzip
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import NewsEventsError

F = TypeVar("F", bound=Callable[..., Any])

DB_OPTION = click.option("--db", default="newsevents.duckdb", show_default=True,
                         type=click.Path(dir_okay=False), help="DuckDB database file.")
FORMAT_OPTION = click.option("--format", "format_", type=click.Choice(["table", "jsonl"]),
                             default="table", show_default=True, help="Output format.")


def friendly(fn: F) -> F:
    """Show newsevents errors as a message and exit status 1, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except NewsEventsError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:  # `newsevents extract ... | head`
            sys.stderr.close()
            return None

    return wrapper  # type: ignore[return-value]


@click.group()
@click.version_option(package_name="newsevents")
def cli() -> None:
    """newsevents: dated news articles to political event data, with evidence."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--input-format", "input_format", default=None,
              type=click.Choice(["seed", "jsonl", "csv", "html", "rss", "reuters"]),
              help="Force the input format instead of detecting it.")
@click.option("--workers", default=None, type=click.IntRange(min=1),
              help="Worker processes (default: the cores available, when the input is large "
                   "enough to gain; 1 codes in this process). Output is the same, in input order.")
@friendly
def extract(paths: tuple[str, ...], input_format: str | None, workers: int | None) -> None:
    """Extract records from article files and print them as JSON Lines (no database)."""
    from ..pipeline.run import extract as run

    for record in run(paths, format=input_format, workers=workers):
        click.echo(json.dumps(record.to_dict(), ensure_ascii=False))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--input-format", "input_format", default=None,
              type=click.Choice(["seed", "jsonl", "csv", "html", "rss", "reuters"]),
              help="Force the input format instead of detecting it.")
@click.option("--article", default=None, help="Only the article with this id.")
@click.option("--sentence", default=None, type=click.IntRange(min=0),
              help="Only this sentence (0-based, as an event's `sentence`).")
@friendly
def explain(paths: tuple[str, ...], input_format: str | None, article: str | None,
            sentence: int | None) -> None:
    """Why is this (not) an event? Each candidate predicate, its code, actors and outcome."""
    from ..pipeline.run import explain as run

    for item, lines in run(paths, format=input_format, article=article, sentence=sentence):
        click.echo(f"== {item.id} ({item.published[:10]}) {item.title}")
        for line in lines:
            click.echo(line)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@DB_OPTION
@click.option("--input-format", "input_format", default=None,
              type=click.Choice(["seed", "jsonl", "csv", "html", "rss", "reuters"]),
              help="Force the input format instead of detecting it.")
@click.option("--quiet", is_flag=True, help="No progress bar and no per-reject messages.")
@click.option("--executor", default=None, type=click.Choice(["local", "processes", "dask"]),
              help="Where articles are coded: this process, a process pool, or Dask workers "
                   "(default: a pool of one worker per core when the input is large enough to "
                   "gain, else this process).")
@click.option("--workers", default=None, type=click.IntRange(min=1),
              help="Worker processes (default: the cores available; with the default "
                   "executor, 1 codes in this process).")
@click.option("--scheduler", default=None,
              help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster).")
@click.option("--parts-dir", "parts_dir", default=None, type=click.Path(file_okay=False),
              help="Folder for the Dask workers' Parquet parts, shared with them (default: DB.parts).")
@friendly
def ingest(paths: tuple[str, ...], db: str, input_format: str | None, quiet: bool, executor: str | None,
           workers: int | None, scheduler: str | None, parts_dir: str | None) -> None:
    """Read, extract and store articles in DB. Idempotent: a rerun adds nothing new."""
    from . import report

    summary = report.ingest_with_progress(paths, db, format=input_format, quiet=quiet,
                                          executor=executor, workers=workers, scheduler=scheduler,
                                          parts_dir=parts_dir)
    report.print_summary(summary, db)


@cli.command()
@DB_OPTION
@friendly
def example(db: str) -> None:
    """Ingest the bundled example article into DB and show what was extracted."""
    from ..resources import data_path
    from . import report

    path = data_path("examples", "seed-2025-07-22-ukraine-nato.txt")
    summary = report.ingest_with_progress([path], db, quiet=True)
    report.print_summary(summary, db)
    report.show_example(db, path)


@cli.command()
@click.option("--db", default="demo.duckdb", show_default=True, type=click.Path(dir_okay=False),
              help="DuckDB database file.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--executor", default="local", show_default=True,
              type=click.Choice(["local", "processes", "dask"]),
              help="Where articles are coded: this process, a process pool, or Dask workers.")
@click.option("--workers", default=None, type=click.IntRange(min=1),
              help="Worker processes for processes/dask (default: CPU count).")
@friendly
def demo(db: str, quiet: bool, executor: str, workers: int | None) -> None:
    """Ingest the bundled demo (500 Wikinews articles on politics and conflict, 2004-2009) into DB,
    summarise it and say how to open it in the dashboard. Idempotent: a rerun adds nothing."""
    from ..analytics.overview import overview
    from ..pipeline.run import demo as run
    from ..pipeline.run import demo_corpus
    from ..store.database import Store
    from . import report, tables

    total = sum(1 for line in gzip.open(demo_corpus(), "rt", encoding="utf-8") if line.strip())
    summary = report.with_progress(run, db, quiet=quiet, total=total, executor=executor, workers=workers)
    report.print_summary(summary, db)
    with Store(db, read_only=True) as store:
        view = overview(store, limit=5, latest=1)
    tables.emit_overview(view, db)


@cli.command()
@DB_OPTION
@click.option("--label", default=None, help="NER label: PERSON, ORG, GPE, NORP ...")
@click.option("--actor", default=None, help="Actor code prefix, country or org (UKR, USAGOV, NATO).")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(min=0))
@FORMAT_OPTION
@friendly
def entities(db: str, label: str | None, actor: str | None, limit: int, format_: str) -> None:
    """List entity mentions and the actors they resolve to."""
    from ..store.database import Store
    from . import report

    with Store(db, read_only=True) as store:
        rows = store.entities(label=label, actor=actor, limit=limit)
    report.emit(rows, format_, report.entity_columns)


@cli.command()
@DB_OPTION
@click.option("--actor", default=None, help="Source or target matches (UKR, USAGOV, NATO).")
@click.option("--dyad", default=None, help="SOURCE,TARGET, e.g. UKR,NATO.")
@click.option("--since", default=None, help="First event date (2025, 2025-07, 2025-07-01).")
@click.option("--until", default=None, help="Last event date.")
@click.option("--cameo", default=None, help="CAMEO code prefix (11 = root 11, 112).")
@click.option("--modality", default="asserted", show_default=True,
              type=click.Choice(["asserted", "negated", "hypothetical", "future", "all"]))
@click.option("--limit", default=100, show_default=True, type=click.IntRange(min=0))
@click.option("--mentions", is_flag=True,
              help="List every event mention (one per article clause) with its evidence, "
                   "instead of consolidated events.")
@FORMAT_OPTION
@friendly
def events(db: str, actor: str | None, dyad: str | None, since: str | None, until: str | None,
           cameo: str | None, modality: str, limit: int, mentions: bool, format_: str) -> None:
    """List consolidated events (one per happening, with source counts); --mentions shows the evidence."""
    from ..store.consolidate import consolidated_events
    from ..store.database import Store
    from . import report

    filters = dict(actor=actor, dyad=report.parse_dyad(dyad), since=since, until=until, cameo=cameo,
                   modality=None if modality == "all" else modality, limit=limit)
    with Store(db, read_only=True) as store:
        if mentions:
            report.emit(store.events(**filters), format_, report.event_columns)  # type: ignore[arg-type]
            return
        rows = [("", e) for e in consolidated_events(store, **filters)]  # type: ignore[arg-type]
    report.emit(rows, format_, CONSOLIDATED_COLUMNS)  # type: ignore[arg-type]


CONSOLIDATED_COLUMNS = (
    ("id", lambda a, e: e.id),
    ("date", lambda a, e: e.date),
    ("source", lambda a, e: e.source.code if e.source else None),
    ("cameo", lambda a, e: e.cameo),
    ("target", lambda a, e: e.target.code if e.target else None),
    ("mentions", lambda a, e: e.num_mentions),
    ("articles", lambda a, e: e.num_articles),
    ("sources", lambda a, e: e.num_sources),
    ("independent", lambda a, e: e.num_independent_sources),
    ("merge reason", lambda a, e: e.merge_reason),
)


@cli.command()
@DB_OPTION
@click.option("--min-size", "min_size", default=2, show_default=True, type=click.IntRange(min=1),
              help="Smallest cluster to list (1 lists every article).")
@click.option("--limit", default=None, type=click.IntRange(min=0), help="At most this many clusters.")
@FORMAT_OPTION
@friendly
def clusters(db: str, min_size: int, limit: int | None, format_: str) -> None:
    """List clusters of near-duplicate articles (syndicated copies of one story), largest first."""
    from ..store.database import Store
    from ..store.dedup import clusters as find_clusters
    from . import report

    with Store(db, read_only=True) as store:
        rows = [("", c) for c in find_clusters(store, min_size=min_size, limit=limit)]
    report.emit(rows, format_, CLUSTER_COLUMNS)  # type: ignore[arg-type]


CLUSTER_COLUMNS = (
    ("cluster", lambda a, c: c.cluster),
    ("size", lambda a, c: len(c.articles)),
    ("articles", lambda a, c: " ".join(c.articles)),
)


@cli.command()
@DB_OPTION
@click.option("--speaker", default=None, help="Speaker's actor code prefix, country or org.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(min=0))
@FORMAT_OPTION
@friendly
def quotes(db: str, speaker: str | None, limit: int, format_: str) -> None:
    """List direct and reported quotes with their speakers."""
    from ..store.database import Store
    from . import report

    with Store(db, read_only=True) as store:
        rows = store.quotes(speaker=speaker, limit=limit)
    report.emit(rows, format_, report.quote_columns)


@cli.command()
@DB_OPTION
@FORMAT_OPTION
@friendly
def rejects(db: str, format_: str) -> None:
    """List the records that could not be read, with the reason."""
    from ..store.database import Store
    from . import report

    with Store(db, read_only=True) as store:
        rows = [("", r) for r in store.rejects()]
    report.emit(rows, format_, report.reject_columns)


@cli.command()
@DB_OPTION
@click.option("--format", "format_", required=True,
              type=click.Choice(["parquet", "csv", "jsonl", "gdelt"]),
              help="gdelt: asserted events as GDELT 2.0 event TSV (see docs/api.md).")
@click.option("--out", required=True, type=click.Path(), help="Output file (a folder for parquet).")
@click.option("--table", default="events", show_default=True,
              help="events, articles, entities, timexes, quotes, places or rejects.")
@friendly
def export(db: str, format_: str, out: str, table: str) -> None:
    """Export a table as Parquet (partitioned by publication date), CSV or JSON Lines."""
    from ..store.database import Store

    with Store(db, read_only=True) as store:
        if format_ == "gdelt":
            from ..store.analytics import search_where
            from ..store.gdelt import export_gdelt

            count = export_gdelt(store._con, out, search_where())
        else:
            count = store.export(format_, Path(out), table=table)
    click.echo(f"wrote {count} {table} rows to {out}", err=True)


@cli.command()
@click.argument("a")
@click.argument("b")
@DB_OPTION
@click.option("--by", default="month", show_default=True, type=click.Choice(["day", "week", "month", "year"]))
@click.option("--weighted", is_flag=True, help="Also count independent sources per period.")
@click.option("--directed", is_flag=True, help="Only A -> B events (default: both directions).")
@click.option("--since", default=None, help="First event date (1987, 2025-07, 2025-07-01).")
@click.option("--until", default=None, help="Last event date.")
@click.option("--consolidated", is_flag=True, help="Count consolidated events (one per happening).")
@click.option("--format", "format_", type=click.Choice(["table", "jsonl", "csv"]), default="table",
              show_default=True, help="Output format.")
@click.option("--plot", default=None, type=click.Path(dir_okay=False), help="Also write the chart (.png or .svg).")
@friendly
def dyad(a: str, b: str, db: str, by: str, weighted: bool, directed: bool, since: str | None,
         until: str | None, consolidated: bool, format_: str, plot: str | None) -> None:
    """Events between actors A and B per period: counts by quad class and mean Goldstein."""
    from ..analytics import plot as charts
    from ..analytics.queries import dyad_series
    from ..store.database import Store
    from . import tables as analytics_report

    with Store(db, read_only=True) as store:
        points = dyad_series(store, a, b, by=by, weighted=weighted, directed=directed, since=since,
                             until=until, consolidated=consolidated)
    analytics_report.emit_series(points, format_, a, b)
    if plot:
        charts.save_chart(charts.dyad_spec(points, a, b, by=by), plot)
        click.echo(f"wrote the chart to {plot}", err=True)


@cli.command()
@click.argument("code")
@DB_OPTION
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1))
@click.option("--format", "format_", type=click.Choice(["table", "jsonl"]), default="table",
              show_default=True, help="Output format.")
@friendly
def actor(code: str, db: str, limit: int, format_: str) -> None:
    """An actor's profile: events as source and target, top partners, event mix, quotes."""
    from ..analytics.queries import actor_profile
    from ..store.database import Store
    from . import tables as analytics_report

    with Store(db, read_only=True) as store:
        profile = actor_profile(store, code, limit=limit)
    analytics_report.emit_profile(profile, format_)


@cli.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@friendly
def serve(db: str, host: str, port: int) -> None:
    """Serve the read-only REST API and the dashboard for DB (open http://HOST:PORT/)."""
    import uvicorn

    from ..web.api import create_app
    from .tables import warn_if_exposed

    warn_if_exposed(host)
    uvicorn.run(create_app(db), host=host, port=port, log_level="info")


def main(argv: Iterable[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="newsevents")
