"""Crash safety, locked and corrupt databases, and reading while an ingest writes.

The SIGKILL trials run ``newsevents ingest`` (the CLI, in a subprocess, with chunks of 3
articles so a dozen articles make several transactions) and kill it at random moments; each
killed database is resumed, killed again, and finally completed. The result must equal, table by
table and row by row, the database of an uninterrupted run: nothing lost, nothing doubled.
Deselect locally with ``-m "not slow"``; CI runs them.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from newsevents.store.database import Store

# `newsevents ingest`, with chunks of 3 articles, printing a line per article coded (kill points)
DRIVER = (
    "import sys, newsevents.pipeline.run as p\n"
    "p.CHUNK_SIZE, p.BATCH_SIZE = 3, 2\n"
    "coded = p.process\n"
    "def process(articles, **kw):\n"
    "    for record in coded(articles, **kw):\n"
    "        print('coded', flush=True)\n"
    "        yield record\n"
    "p.process = process\n"
    "from newsevents.cli import main\n"
    "main(['ingest', *sys.argv[1:], '--quiet'])\n"
)
PLACES = ["France", "Germany", "Japan", "Brazil", "Kenya", "Canada"]
TRIALS = int(os.environ.get("NEWSEVENTS_KILL_TRIALS", "20"))
CHAINS = 4


def write_corpus(folder: Path) -> Path:
    """Twelve short synthetic articles (two near-duplicates), and bad records in two formats."""
    folder.mkdir()
    lines = []
    for i in range(12):
        a, b = PLACES[i % 6], PLACES[(i + 1) % 6]
        text = (f"The president of {a} met the foreign minister of {b} in Geneva on Monday. {a} accused "
                f"{b} of violating the ceasefire. \"We will respond,\" the spokesman said. The United Nations "
                f"urged both sides to resume negotiations next week.")
        text += " Talks continue." if i == 7 else f" Report {i}."
        lines.append({"id": f"syn{i:02d}", "published": f"2025-07-{i + 1:02d}", "title": f"{a} {b}", "text": text})
    lines.insert(5, {"published": "2025-02-30", "text": "An impossible date."})
    lines.insert(9, {"published": "2025-07-03"})
    (folder / "news.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines) + "{not json\n")
    (folder / "more.csv").write_text("published,text\n2999-01-01,Far future.\n2025-07-09,\"unterminated\n")
    return folder


def ingest(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", DRIVER, str(corpus), "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without TIMESTAMP columns (when a row was written, not what it says)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [t for (t,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1").fetchall()]
        out = {}
        for table in tables:
            cols = [c for (c, kind) in con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position", [table]).fetchall() if not kind.startswith("TIMESTAMP")]
            rows = con.execute(f"SELECT {', '.join(repr_col(c) for c in cols)} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def differences(got: dict[str, list[tuple]], want: dict[str, list[tuple]]) -> dict[str, object]:
    """Per differing table: rows only in ``got`` and only in ``want`` (the first three of each)."""
    out: dict[str, object] = {}
    for table in sorted(set(got) | set(want)):
        a, b = got.get(table, []), want.get(table, [])
        if a != b:
            out[table] = {"extra": [r for r in a if r not in b][:3], "missing": [r for r in b if r not in a][:3]}
    return out


def repr_col(name: str) -> str:
    return f'"{name}"'


def stored_articles(db: Path) -> int:
    if not db.exists():
        return -1
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        return con.execute("SELECT count(*) FROM articles").fetchone()[0] if "articles" in names else -1
    finally:
        con.close()


def run_to_end(corpus: Path, db: Path) -> float:
    started = time.monotonic()
    proc = ingest(corpus, db)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0 and b"Traceback" not in err, err.decode()
    return time.monotonic() - started


@pytest.mark.slow
def test_reliability_sigkill_at_random_points_loses_and_doubles_nothing(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    whole = tmp_path / "whole.duckdb"
    full = run_to_end(corpus, whole)
    expected = snapshot(whole)
    assert len(expected["articles"]) == 12 and len(expected["rejects"]) == 5 and expected["events"]
    rng = random.Random(int(os.environ.get("NEWSEVENTS_KILL_SEED", "9")))
    landed: list[int] = []

    def chain(index: int, kills: int) -> None:
        db = tmp_path / f"killed{index}.duckdb"
        for _ in range(kills):
            # after a random number of the articles left are coded, plus up to 0.4 s (storing,
            # clustering, consolidating, checkpointing); k = 0: anywhere in start-up
            k = rng.randint(0, 12 - max(stored_articles(db), 0))
            delay = rng.uniform(0, 0.4) if k else rng.uniform(0, 0.8) * full
            proc = ingest(corpus, db)
            for _ in range(k):
                if not proc.stdout.readline():
                    break
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.communicate()
            landed.append(stored_articles(db))
        run_to_end(corpus, db)
        run_to_end(corpus, db)  # a rerun of a complete database adds nothing
        got = snapshot(db)
        assert got == expected, f"chain {index} differs from the uninterrupted run: {differences(got, expected)}"

    per_chain = [TRIALS // CHAINS + (i < TRIALS % CHAINS) for i in range(CHAINS)]
    errors: list[BaseException] = []

    def guarded(i: int) -> None:
        try:
            chain(i, per_chain[i])
        except BaseException as exc:  # re-raised below, in the test's thread
            errors.append(exc)

    for pair in range(0, CHAINS, 2):  # two chains at a time: one per core
        threads = [threading.Thread(target=guarded, args=(i,)) for i in (pair, pair + 1) if i < CHAINS]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    if errors:
        raise errors[0]
    print(f"\n{len(landed)} kills; articles stored when killed: {sorted(landed)} (-1: before any table)")
    assert len(landed) == TRIALS
    assert any(0 < n < 12 for n in landed), f"no kill landed mid-ingest: {landed}"


# --- locked and corrupt databases, through the CLI ------------------------------------------

HOLD = "import duckdb, sys, time\ncon = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == 'ro')\nprint('held', flush=True)\ntime.sleep(60)\n"


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsevents", *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def small_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("rel") / "small.duckdb"
    with Store(db):
        pass
    return db


def test_reliability_locked_database_is_a_clear_cli_error(small_db, tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(small_db), "rw"], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"held\n"
        corpus = write_corpus(tmp_path / "c")
        for args in (["ingest", str(corpus), "--db", str(small_db), "--quiet"], ["events", "--db", str(small_db)]):
            done = cli(*args, env={"NEWSEVENTS_LOCK_WAIT": "0.5"})
            assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
            assert f"(process {holder.pid}) is writing to {small_db}" in done.stderr
            assert "wait for it to finish or use --db" in done.stderr
    finally:
        holder.kill()
        holder.wait()


def test_reliability_reader_keeps_writer_out_with_a_clear_error(small_db, tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(small_db), "ro"], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"held\n"
        done = cli("ingest", str(write_corpus(tmp_path / "c")), "--db", str(small_db), "--quiet",
                   env={"NEWSEVENTS_LOCK_WAIT": "0.3"})
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert f"is reading {small_db}" in done.stderr and "waited 0.3 s" in done.stderr
    finally:
        holder.kill()
        holder.wait()


def corrupt(kind: str, good: Path, path: Path) -> Path:
    data = good.read_bytes()
    if kind == "garbage":
        data = bytes(random.Random(1).randrange(256) for _ in range(64 * 1024))
    elif kind == "truncated":
        data = data[: len(data) // 3]
    elif kind == "zeroed_header":
        data = b"\0" * 8192 + data[8192:]
    elif kind == "scribbled":
        data = data[:12288] + b"\xde\xad\xbe\xef" * 4096 + data[12288 + 16384:]
    elif kind == "text":
        data = b"published,text\n2025-07-22,not a database\n"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("kind", ["garbage", "truncated", "zeroed_header", "scribbled", "text"])
@pytest.mark.parametrize("command", ["ingest", "events", "rejects", "export"])
def test_reliability_corrupt_database_is_a_clear_cli_error(small_db, tmp_path, kind, command):
    db = corrupt(kind, small_db, tmp_path / f"{kind}.duckdb")
    args = {"ingest": ["ingest", str(write_corpus(tmp_path / "c")), "--quiet"],
            "events": ["events"], "rejects": ["rejects"],
            "export": ["export", "--format", "csv", "--out", str(tmp_path / "x.csv")]}[command]
    done = cli(*args, "--db", str(db))
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert str(db) in done.stderr
    assert any(fix in done.stderr for fix in ("new path", "--db", "backup", "re-ingest")), done.stderr


# --- the API reads while an ingest writes ---------------------------------------------------


@pytest.mark.slow
def test_reliability_api_reads_while_a_subprocess_ingest_writes(tmp_path):
    from fastapi.testclient import TestClient

    from newsevents.web.api import create_app

    corpus = write_corpus(tmp_path / "corpus")
    db = tmp_path / "live.duckdb"
    with Store(db):
        pass
    client = TestClient(create_app(db), raise_server_exceptions=False)
    proc = ingest(corpus, db)
    statuses: list[int] = []
    totals: list[int] = []
    while proc.poll() is None:
        response = client.get("/api/events?modality=all&limit=1")
        statuses.append(response.status_code)
        if response.status_code == 200:
            totals.append(response.json()["total"])
        else:
            assert response.status_code == 503 and response.headers["Retry-After"], response.text
        time.sleep(0.02)
    assert proc.returncode == 0, proc.stderr.read().decode()
    final = client.get("/api/events?modality=all&limit=1").json()["total"]
    assert final > 0 and totals == sorted(totals)  # reads saw the store grow, never shrink
    assert statuses.count(200) >= 0.9 * len(statuses), statuses
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 12
    print(f"\n{len(statuses)} reads during the ingest: {statuses.count(200)} answered, "
          f"{statuses.count(503)} busy (503); totals seen {sorted(set(totals))}")
