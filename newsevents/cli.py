"""The command line: thin wrappers over library functions of the same names."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from .errors import NewsEventsError

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
@friendly
def extract(paths: tuple[str, ...], input_format: str | None) -> None:
    """Extract records from article files and print them as JSON Lines (no database)."""
    from .pipeline import extract as run

    for record in run(paths, format=input_format):
        click.echo(json.dumps(record.to_dict(), ensure_ascii=False))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@DB_OPTION
@click.option("--input-format", "input_format", default=None,
              type=click.Choice(["seed", "jsonl", "csv", "html", "rss", "reuters"]),
              help="Force the input format instead of detecting it.")
@click.option("--quiet", is_flag=True, help="No progress bar and no per-reject messages.")
@friendly
def ingest(paths: tuple[str, ...], db: str, input_format: str | None, quiet: bool) -> None:
    """Read, extract and store articles in DB. Idempotent: a rerun adds nothing new."""
    from . import report

    summary = report.ingest_with_progress(paths, db, format=input_format, quiet=quiet)
    report.print_summary(summary, db)


@cli.command()
@DB_OPTION
@friendly
def example(db: str) -> None:
    """Ingest the bundled example article into DB and show what was extracted."""
    from . import report
    from .extract.dictionaries import data_path

    path = data_path("examples", "seed-2025-07-22-ukraine-nato.txt")
    summary = report.ingest_with_progress([path], db, quiet=True)
    report.print_summary(summary, db)
    report.show_example(db, path)


@cli.command()
@DB_OPTION
@click.option("--label", default=None, help="NER label: PERSON, ORG, GPE, NORP ...")
@click.option("--actor", default=None, help="Actor code prefix, country or org (UKR, USAGOV, NATO).")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(min=0))
@FORMAT_OPTION
@friendly
def entities(db: str, label: str | None, actor: str | None, limit: int, format_: str) -> None:
    """List entity mentions and the actors they resolve to."""
    from . import report
    from .store import Store

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
@FORMAT_OPTION
@friendly
def events(db: str, actor: str | None, dyad: str | None, since: str | None, until: str | None,
           cameo: str | None, modality: str, limit: int, format_: str) -> None:
    """List coded events with their evidence."""
    from . import report
    from .store import Store

    pair = report.parse_dyad(dyad)
    with Store(db, read_only=True) as store:
        rows = store.events(actor=actor, dyad=pair, since=since, until=until, cameo=cameo,
                            modality=None if modality == "all" else modality, limit=limit)
    report.emit(rows, format_, report.event_columns)


@cli.command()
@DB_OPTION
@click.option("--speaker", default=None, help="Speaker's actor code prefix, country or org.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(min=0))
@FORMAT_OPTION
@friendly
def quotes(db: str, speaker: str | None, limit: int, format_: str) -> None:
    """List direct and reported quotes with their speakers."""
    from . import report
    from .store import Store

    with Store(db, read_only=True) as store:
        rows = store.quotes(speaker=speaker, limit=limit)
    report.emit(rows, format_, report.quote_columns)


@cli.command()
@DB_OPTION
@FORMAT_OPTION
@friendly
def rejects(db: str, format_: str) -> None:
    """List the records that could not be read, with the reason."""
    from . import report
    from .store import Store

    with Store(db, read_only=True) as store:
        rows = [("", r) for r in store.rejects()]
    report.emit(rows, format_, report.reject_columns)


@cli.command()
@DB_OPTION
@click.option("--format", "format_", required=True, type=click.Choice(["parquet", "csv", "jsonl"]))
@click.option("--out", required=True, type=click.Path(), help="Output file (a folder for parquet).")
@click.option("--table", default="events", show_default=True,
              help="events, articles, entities, timexes, quotes, places or rejects.")
@friendly
def export(db: str, format_: str, out: str, table: str) -> None:
    """Export a table as Parquet (partitioned by publication date), CSV or JSON Lines."""
    from .store import Store

    with Store(db, read_only=True) as store:
        count = store.export(format_, Path(out), table=table)
    click.echo(f"wrote {count} {table} rows to {out}", err=True)


def main(argv: Iterable[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="newsevents")
