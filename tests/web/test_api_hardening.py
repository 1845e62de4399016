"""API hardening: schemathesis against the app's own /openapi.json (in-process ASGI; no 5xx and no
response outside the schema), the query-time bound, 503 + Retry-After while a writer holds the
file, and the loopback default with a warning when exposed."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import schemathesis
from analytics_data import build
from click.testing import CliRunner
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode, checks

from newsevents.analytics import queries as analytics
from newsevents.cli.commands import cli
from newsevents.web.api import create_app

EXAMPLES = 40  # per operation; the whole run stays well under a minute
#: No 5xx, and every status code, content type, header and body as the schema documents it.
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_headers_conformance, checks.response_schema_conformance]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("hardening") / "news.duckdb")


def operations(db: Path) -> list:
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(db))
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_hardening_schemathesis(db, mode):
    """Every operation, EXAMPLES generated requests each: no 5xx, every response as documented;
    requests that break the schema (negative mode) are refused with a 4xx."""
    extra = [checks.negative_data_rejection] if mode == GenerationMode.NEGATIVE else []
    checked = []
    for operation in operations(db):

        @given(case=operation.as_strategy(mode))
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
        def check(case) -> None:
            case.call_and_validate(checks=CHECKS + extra)

        check()
        checked.append(operation.label)
    assert len(checked) >= 7, checked


def test_api_hardening_documents_errors(db):
    spec = TestClient(create_app(db)).get("/openapi.json").json()
    for path, item in spec["paths"].items():
        codes = set(item["get"]["responses"])
        assert {"200", "422", "503"} <= codes, (path, codes)
    assert "404" in spec["paths"]["/api/articles/{article_id}"]["get"]["responses"]


def test_api_hardening_slow_query_is_stopped(db, monkeypatch):
    app = create_app(db)
    app.state.reader.timeout = 0.2

    def slow(store, **kwargs):
        store._con.execute("SELECT count(*) FROM range(100000000000) a, range(10) b").fetchall()

    monkeypatch.setattr(analytics, "search_events", slow)
    client = TestClient(app, raise_server_exceptions=False)
    started = time.monotonic()
    response = client.get("/api/events")
    assert response.status_code == 422 and "longer than 0.2 s" in response.json()["detail"]
    assert time.monotonic() - started < 5
    monkeypatch.undo()
    assert client.get("/api/events").status_code == 200  # the connection still works


HOLD = ("import duckdb, sys, time\n"
        "while True:\n"
        "    try:\n        con = duckdb.connect(sys.argv[1]); break\n"
        "    except duckdb.IOException:\n        time.sleep(0.02)\n"
        "print('held', flush=True)\ntime.sleep(60)\n")


def test_api_hardening_busy_store_answers_503_then_recovers(db):
    app = create_app(db)
    client = TestClient(app, raise_server_exceptions=False)
    assert client.get("/api/quotes").status_code == 200
    app.state.reader.wait = 0.3
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"held\n"  # got the file once the API's lease went idle
        response = client.get("/api/quotes")
        assert response.status_code == 503 and response.headers["Retry-After"] == "2"
        assert f"is writing to {db}" in response.json()["detail"]
    finally:
        holder.kill()
        holder.wait()
    assert client.get("/api/quotes").status_code == 200


@pytest.mark.parametrize(("host", "warned"), [("127.0.0.1", False), ("localhost", False), ("::1", False),
                                              ("0.0.0.0", True), ("192.168.1.20", True), ("::", True)])
def test_api_hardening_serve_binds_loopback_and_warns_when_exposed(db, monkeypatch, host, warned):
    import uvicorn

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--host", host])
    assert result.exit_code == 0, result.output
    assert seen["host"] == host and ("WARNING" in result.stderr) == warned, result.stderr
    default = CliRunner().invoke(cli, ["serve", "--db", str(db)])
    assert default.exit_code == 0 and seen["host"] == "127.0.0.1" and "WARNING" not in default.stderr
