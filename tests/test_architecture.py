"""The package keeps its architecture: no import cycles, imports only down the layers of
``docs/architecture.md``, a diagram that matches the code, modules of at most 500 lines."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MAX_LINES = 500


@pytest.fixture(scope="module")
def arch():
    """scripts/architecture.py (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("architecture", REPO / "scripts" / "architecture.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def graph(arch):
    return arch.import_graph()


def test_architecture_has_no_import_cycle(arch, graph):
    assert arch.cycles(graph) == []


def test_architecture_imports_go_down_the_layers(arch, graph):
    assert arch.violations(graph) == []


def test_architecture_diagram_is_generated_from_the_code(arch, graph):
    assert arch.diagram(graph) == arch.documented(), "run python scripts/architecture.py"


def test_architecture_sees_imports_inside_functions(arch, graph):
    # pipeline.run imports the store only inside ingest (start-up stays light)
    assert "store.database" in graph["pipeline.run"]


@pytest.mark.parametrize("edges, expected", [
    ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, [["a", "b", "c"]]),
    ({"a": {"b"}, "b": set()}, []),
])
def test_architecture_finds_cycles(arch, edges, expected):
    assert arch.cycles(edges) == expected


@pytest.mark.parametrize("importer, imported, bad", [
    ("store.database", "records", False),
    ("extract.actors.entities", "extract.events.cameo", True),   # actors below events
    ("records", "store.rows", True),
    ("web.api", "analytics.queries", False),
    ("corpus.dedup", "store.dedup", True),
    ("extract.events.extract", "extract.timex.extract", False),
])
def test_architecture_flags_imports_up_the_layers(arch, importer, imported, bad):
    assert bool(arch.violations({importer: {imported}})) is bad


def test_architecture_modules_stay_small():
    big = {str(p.relative_to(REPO)): n for p in (REPO / "newsevents").rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert big == {}
