"""The command line, end to end through click's runner, on real files and a temp DuckDB."""

from __future__ import annotations

import gzip
import json

import pytest
from click.testing import CliRunner
from conftest import SEED

from newsevents.cli.commands import cli
from newsevents.store.database import Store

pytestmark = pytest.mark.model

GOOD = (
    '{"id": "a1", "published": "2025-03-04", "title": "Talks", '
    '"text": "Russian Foreign Minister Sergey Lavrov met Turkish President Recep Tayyip Erdogan in Ankara on Monday."}\n'
)


@pytest.fixture
def runner():
    return CliRunner()


def _run(runner, *args):
    result = runner.invoke(cli, list(map(str, args)), catch_exceptions=False)
    return result


def test_cli_extract_seed_prints_article_and_actors(runner):
    result = _run(runner, "extract", SEED)
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.stdout.splitlines() if line.strip()]
    record = json.loads(line)
    assert record["published"] == "2025-07-22"
    assert record["title"] == "Kiev states NATO discussions becoming toxic"
    assert record["source"] == "MENAFN"
    actors = {e["text"]: e["actor"] for e in record["entities"]}
    assert actors["Georgy Tikhy"]["code"] == "UKRGOV"
    assert actors["Donald Trump"]["code"] == "USAGOV"
    assert actors["Vladimir Zelensky"]["code"] == "UKRGOV"
    assert actors["NATO"]["org"] == "NATO"
    assert actors["Kiev"]["code"] == "UKR"
    assert actors["Russia"]["code"] == "RUS"
    assert actors["Aleksandr Notevsky"] is None or actors["Aleksandr Notevsky"]["sector"] == "MED"
    for key in ("timexes", "quotes", "places", "events", "tone"):
        assert key in record


def test_cli_extract_jsonl_offsets_index_text(runner, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(GOOD.replace('"title": "Talks"', '"title": ""'), encoding="utf-8")
    result = _run(runner, "extract", path)
    record = json.loads(result.stdout)
    assert record["title"] == ""
    for key in ("entities", "timexes", "quotes", "places"):
        for item in record[key]:
            assert record["text"][item["start"] : item["end"]] == item["text"]
    assert {t["value"] for t in record["timexes"]} == {"2025-03-03"}


def _bad_dir(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.jsonl").write_text(GOOD + '{"id": "b", "title": "x", "text": "no date"}\n', encoding="utf-8")
    (folder / "empty.jsonl").write_bytes(b"")
    (folder / "binary.jsonl").write_bytes(b"\x00\x01\x02\xff" * 64)
    (folder / "notext.csv").write_text("published,title\n2025-01-01,hello\n", encoding="utf-8")
    (folder / "nodate.html").write_text("<html><body><p>" + "Words of a page. " * 40 + "</p></body></html>",
                                        encoding="utf-8")
    data = gzip.compress(GOOD.encode() * 50)
    (folder / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    return folder


def test_cli_ingest_stores_good_records_and_rejects_bad_ones(runner, tmp_path):
    folder, db = _bad_dir(tmp_path), tmp_path / "t.duckdb"
    result = _run(runner, "ingest", folder, "--db", db, "--quiet")
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as store:
        counts = store.counts()
        reasons = {(r.path.rsplit("/", 1)[-1], r.reason) for r in store.rejects()}
    assert counts["articles"] == 1  # a1 (the truncated gzip's readable copies share its id)
    names = {name for name, _ in reasons}
    assert {"good.jsonl", "empty.jsonl", "binary.jsonl", "notext.csv", "nodate.html", "cut.jsonl.gz"} <= names
    assert ("good.jsonl", "missing_field") in reasons
    assert ("nodate.html", "no_date") in reasons
    assert ("cut.jsonl.gz", "truncated_gzip") in reasons

    again = _run(runner, "ingest", folder, "--db", db, "--quiet")
    assert again.exit_code == 0
    with Store(db, read_only=True) as store:
        assert store.counts() == counts


def test_cli_listings_and_export(runner, tmp_path):
    db = tmp_path / "t.duckdb"
    assert _run(runner, "ingest", SEED, "--db", db, "--quiet").exit_code == 0
    ents = _run(runner, "entities", "--db", db, "--actor", "UKRGOV", "--format", "jsonl")
    names = {json.loads(line)["text"] for line in ents.stdout.splitlines()}
    assert {"Georgy Tikhy", "Vladimir Zelensky"} <= names
    quotes = _run(runner, "quotes", "--db", db, "--speaker", "USA", "--format", "jsonl")
    assert all(json.loads(line)["speaker"]["actor"]["country"] == "USA" for line in quotes.stdout.splitlines())
    assert quotes.stdout.strip()
    events = _run(runner, "events", "--db", db, "--format", "jsonl", "--modality", "all")
    assert events.exit_code == 0
    out = tmp_path / "events.csv"
    exported = _run(runner, "export", "--db", db, "--format", "csv", "--out", out, "--table", "entities")
    assert exported.exit_code == 0 and out.read_text().count("\n") > 10


def test_cli_example_leaves_database(runner, tmp_path):
    db = tmp_path / "ex.duckdb"
    result = _run(runner, "example", "--db", db)
    assert result.exit_code == 0, result.output
    assert "Georgy Tikhy" in result.stdout and "UKRGOV" in result.stdout
    assert db.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--db", "{tmp}/missing.duckdb"], "missing.duckdb"),
        (["events", "--db", "{tmp}/x.duckdb", "--dyad", "UKR"], "SOURCE,TARGET"),
        (["export", "--db", "{tmp}/x.duckdb", "--format", "csv", "--out", "{tmp}/o.csv", "--table", "nope"], "nope"),
    ],
)
def test_cli_user_errors_are_messages_not_tracebacks(runner, tmp_path, args, message):
    with Store(tmp_path / "x.duckdb"):
        pass
    result = runner.invoke(cli, [a.format(tmp=tmp_path) for a in args])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert message in result.output


def test_cli_demo_ingests_summarises_and_says_what_to_run_next(runner, tmp_path, monkeypatch):
    """``newsevents demo`` on the demo's first 8 articles (all 500 take ~30 s here; the browser
    tests ingest 100 of them once per session)."""
    from newsevents.pipeline import run

    with gzip.open(run.demo_corpus(), "rb") as handle:
        first = handle.readlines()[:8]
    small = tmp_path / "demo.jsonl.gz"
    small.write_bytes(gzip.compress(b"".join(first)))
    monkeypatch.setattr(run, "demo_corpus", lambda: small)
    db = tmp_path / "demo.duckdb"
    result = _run(runner, "demo", "--db", db)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "│ articles │ 8, published 2004-11-13 to 2005-01-20 │" in out and "asserted (" in out
    assert "most active dyads" in out and f"next:  newsevents serve --db {db}\n" in result.stdout
    assert "8/8 articles read" in result.stderr and "│ newly stored │ 8 │" in " ".join(result.stderr.split())
    again = _run(runner, "demo", "--db", db, "--quiet")
    assert again.exit_code == 0 and "│ newly stored │ 0 │" in " ".join(again.stderr.split())
