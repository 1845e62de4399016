"""The package's architecture as its imports say it is: rooms, layers, cycles and a diagram.

Run ``python scripts/architecture.py`` to check the rules and rewrite the generated diagram in
``docs/architecture.md``; ``--check`` only compares (``tests/test_architecture.py`` does both).

Every ``import`` counts, including imports inside functions and under ``TYPE_CHECKING``. Rules:

1. no import cycle between the package's modules (a package's ``__init__`` re-exporting its own
   children is not a cycle: it is left out of the module graph);
2. every import goes to the importer's own layer or a lower one, in :data:`LAYERS` order.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "newsevents"
DOC = REPO / "docs" / "architecture.md"
BEGIN, END = "<!-- begin generated diagram -->", "<!-- end generated diagram -->"

#: Layers from the bottom up; a module belongs to the longest prefix that names it. A module may
#: import its own layer and the layers below it, never one above.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("contract", ("records", "errors", "resources", "")),
    ("input", ("sources", "nlp", "attribute_rules", "lemmas")),
    ("extract base", ("extract.dictionaries", "extract.petr1_verbs", "extract.predicates",
                      "extract.quotemarks", "extract.compiled", "extract.geonames")),
    ("actors", ("extract.actors",)),
    ("timex, tone", ("extract.timex", "extract.tone")),
    ("quotes", ("extract.quotes",)),
    ("places", ("extract.places",)),
    ("events", ("extract.events",)),
    ("components", ("extract.components", "extract")),
    ("corpus", ("corpus",)),
    ("store", ("store",)),
    ("pipeline", ("pipeline",)),
    ("analytics", ("analytics",)),
    ("faces", ("cli", "web", "__main__")),
)


def modules() -> dict[str, Path]:
    """Module name (relative to the package, ``""`` for its ``__init__``) -> file."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _targets(name: str, path: Path, node: ast.AST, known: dict[str, Path]) -> list[str]:
    """The package modules one import statement names (``""`` is the package itself)."""
    if isinstance(node, ast.Import):
        dotted = [a.name for a in node.names]
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            base = ["newsevents", *name.split(".")] if name else ["newsevents"]
            base = base if path.name == "__init__.py" else base[:-1]
            base = base[: len(base) - node.level + 1]
            module = ".".join(base + ([node.module] if node.module else []))
        else:
            module = node.module or ""
        dotted = [f"{module}.{a.name}" for a in node.names]
    else:
        return []
    out = []
    for item in dotted:
        if not (item == "newsevents" or item.startswith("newsevents.")):
            continue
        inner = item.removeprefix("newsevents").removeprefix(".")
        while inner not in known and "." in inner:
            inner = inner.rsplit(".", 1)[0]
        out.append(inner if inner in known else "")
    return out


def import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports (anywhere in its file)."""
    known = modules()
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = {t for node in ast.walk(tree) for t in _targets(name, path, node, known)}
        graph[name] = found - {name}
    return graph


def _packages(graph: dict[str, set[str]]) -> set[str]:
    return {name for name in graph if (PACKAGE / name.replace(".", "/") / "__init__.py").exists()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of modules (packages' ``__init__`` left out)."""
    skip = _packages(graph)
    edges = {m: {t for t in ts if t not in skip} for m, ts in graph.items() if m not in skip}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(10_000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def layer_of(module: str) -> int:
    """The index in :data:`LAYERS` of the longest prefix naming the module."""
    best, best_len = 0, -1
    for i, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".") or prefix == "") \
                    and len(prefix) > best_len:
                best, best_len = i, len(prefix)
    return best


def violations(graph: dict[str, set[str]]) -> list[str]:
    """Every import that goes up the layers."""
    out = []
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            if layer_of(target) > layer_of(module):
                out.append(f"newsevents.{module} ({LAYERS[layer_of(module)][0]}) imports "
                           f"newsevents.{target} ({LAYERS[layer_of(target)][0]})")
    return out


def room(module: str) -> str:
    """The room of a module: its top-level subpackage (``store``), inside ``extract`` its own
    subpackage or module (``extract.actors``, ``extract.places``), else the module itself."""
    parts = module.split(".")
    if parts[0] == "extract" and len(parts) > 1:
        return ".".join(parts[:2])
    return parts[0] or "newsevents"


def diagram(graph: dict[str, set[str]]) -> str:
    """A Mermaid flowchart of the rooms and which rooms import which, by layer."""
    edges = sorted({(room(m), room(t)) for m, ts in graph.items() for t in ts
                    if room(m) != room(t) and room(t) != "newsevents"})
    rooms = sorted({r for edge in edges for r in edge}, key=lambda r: (layer_of(r), r))
    node = {r: r.replace(".", "_") for r in rooms}
    lines = ["```mermaid", "flowchart BT"]
    for i, (label, _) in enumerate(LAYERS):
        members = [r for r in rooms if layer_of(r) == i]
        if members:
            lines.append(f'  subgraph L{i}["{label}"]')
            lines += [f'    {node[r]}["{r}"]' for r in members]
            lines.append("  end")
    lines += [f"  {node[a]} --> {node[b]}" for a, b in edges]
    lines.append("```")
    return "\n".join(lines)


def documented() -> str:
    text = DOC.read_text(encoding="utf-8")
    return text[text.index(BEGIN) + len(BEGIN): text.index(END)].strip()


def main(argv: list[str]) -> int:
    graph = import_graph()
    problems = [f"import cycle: {' <-> '.join(group)}" for group in cycles(graph)]
    problems += violations(graph)
    for problem in problems:
        print(problem)
    generated = diagram(graph)
    if "--check" in argv:
        if generated != documented():
            print(f"{DOC} is stale: run python scripts/architecture.py")
            problems.append("stale diagram")
    else:
        text = DOC.read_text(encoding="utf-8")
        head, tail = text.split(BEGIN)[0], text.split(END)[1]
        DOC.write_text(f"{head}{BEGIN}\n{generated}\n{END}{tail}", encoding="utf-8")
    print(f"{len(graph)} modules, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
