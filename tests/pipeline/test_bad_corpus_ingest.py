"""The bad-input corpus through ``newsevents ingest`` into a store, as a new user would feed it.

Every file of tests/data/bad/ named on the command line: each reject is stored in the ``rejects``
table with the reason expected.tsv names for its file, every good record beside them is stored
once, stderr has one ``rejected PATH:LOCATION: reason: detail`` line per problem and a summary
table counting them by reason. A directory of mixed good and bad files: the same, and a rerun
stores nothing twice.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli.commands import cli
from newsevents.records import Article
from newsevents.sources import read_paths
from newsevents.store.database import Store

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
LINE = re.compile(r"^rejected (?P<path>[^:]+)(?::(?P<location>[^:]+))?: (?P<reason>[a-z_]+): (?P<detail>.{20,})$")
MIXED = ["mixed_good.jsonl", "bad_dates.jsonl", "csv_quoting.csv", "html_no_body.html", "html_good.html",
         "rss_mixed.xml", "seed_good_crlf.txt", "seed_future.txt", "binary.jsonl", "duplicate_id.jsonl"]


def expected() -> dict[str, tuple[list[str], int]]:
    rows = {}
    for line in (BAD / "expected.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            name, reasons, articles, _ = line.split("\t")
            rows[name] = ([] if reasons == "-" else sorted(reasons.split(",")), int(articles))
    return rows


def run_ingest(paths: list[Path], db: Path):
    result = CliRunner().invoke(cli, ["ingest", *map(str, paths), "--db", str(db)])
    assert result.exit_code == 0 and result.exception is None, result.output
    return result


def reject_lines(stderr: str) -> list[re.Match[str]]:
    lines = [line for line in stderr.splitlines() if line.startswith("rejected ")]
    matches = [LINE.match(line) for line in lines]
    assert all(matches), [line for line, m in zip(lines, matches) if not m]
    return matches  # type: ignore[return-value]


def distinct_articles(paths: list[Path]) -> set[str]:
    return {item.id for item in read_paths(paths) if isinstance(item, Article)}


def summary_rows(stderr: str) -> dict[str, int]:
    rows = {}
    for line in stderr.splitlines():
        cells = [c.strip() for c in re.split(r"[│|]", line) if c.strip()]
        if len(cells) == 2 and cells[1].isdigit():
            rows[cells[0]] = int(cells[1])
    return rows


@pytest.mark.model
def test_bad_corpus_every_file_through_ingest(tmp_path):
    cases = expected()
    paths = [BAD / name for name in sorted(cases)]
    db = tmp_path / "bad.duckdb"
    stderr = run_ingest(paths, db).stderr
    with Store(db, read_only=True) as store:
        stored = store.rejects()
        ids = set(store.known_ids(distinct_articles(paths)))
        counts = store.counts()
    by_file: dict[str, list[str]] = {name: [] for name in cases}
    for reject in stored:
        by_file[Path(reject.path).name].append(reject.reason)
    assert {name: sorted(r) for name, r in by_file.items()} == {name: c[0] for name, c in cases.items()}
    assert counts["articles"] == len(ids) == len(distinct_articles(paths)) > 300  # every good record, once
    lines = reject_lines(stderr)
    assert len(lines) == counts["rejects"] == sum(len(c[0]) for c in cases.values())
    assert Counter((Path(m["path"]).name, m["reason"]) for m in lines) == Counter(
        (name, reason) for name, c in cases.items() for reason in c[0])
    summary = summary_rows(stderr)
    assert summary["rejected"] == counts["rejects"] and summary["newly stored"] == counts["articles"]
    reasons = Counter(r for c in cases.values() for r in c[0])
    assert {k.removeprefix("rejected: "): v for k, v in summary.items() if k.startswith("rejected: ")} == reasons
    assert f"see them with: newsevents rejects --db {db}" in " ".join(stderr.split())


@pytest.mark.model
def test_bad_corpus_mixed_directory_and_rerun(tmp_path):
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    for i, name in enumerate(MIXED):
        shutil.copy(BAD / name, folder / ("sub" if i % 2 else "") / name)
    (folder / "notes.dat").write_text("not an article file: a reject, not skipped silently")
    cases = expected()
    db = tmp_path / "mixed.duckdb"
    first = run_ingest([folder], db)
    good = distinct_articles([folder])
    with Store(db, read_only=True) as store:
        found = Counter((Path(r.path).name, r.reason) for r in store.rejects())
        assert store.counts()["articles"] == len(good) and store.known_ids(good) == good
    assert found == Counter([(name, reason) for name in MIXED for reason in cases[name][0]]
                            + [("notes.dat", "unknown_format")])
    assert len(reject_lines(first.stderr)) == sum(found.values())
    again = run_ingest([folder], db)
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == len(good) and len(store.rejects()) == sum(found.values())
    summary = summary_rows(again.stderr)
    assert summary["newly stored"] == 0 and summary["already stored (skipped)"] >= len(good)


@pytest.mark.model
def test_bad_corpus_folder_with_a_good_and_a_binary_file(tmp_path):
    """Issue 16: binary bytes in a .txt beside a good file used to vanish from a folder walk."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(BAD / "seed_good_crlf.txt", folder / "good.txt")
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02\xff binary bytes, not text \x00")
    result = run_ingest([folder], tmp_path / "two.duckdb")
    with Store(tmp_path / "two.duckdb", read_only=True) as store:
        assert store.counts()["articles"] == 1
        assert [(Path(r.path).name, r.reason) for r in store.rejects()] == [("bad.txt", "binary_file")]
    summary = summary_rows(result.stderr)
    assert summary["newly stored"] == 1 and summary["rejected"] == 1 and summary["rejected: binary_file"] == 1
