"""The shape of the imports: no circle anywhere in graph_api/, and the service never
imports the loader (only the ``puckpath`` command line, its edge, does)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

REPO = Path(__file__).resolve().parents[2]
PACKAGE = "graph_api"
# The command line starts the loader before it serves (loader/bootstrap.py).
MAY_IMPORT_LOADER = {"graph_api.cli"}


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> Iterator[str]:
    """Every module ``path`` imports, at the top, in functions or under TYPE_CHECKING."""
    package = module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], base]
                )
            yield base.strip(".")
            yield from (f"{base}.{alias.name}".strip(".") for alias in node.names)


def import_graph() -> nx.DiGraph:
    modules = {module_name(path): path for path in (REPO / PACKAGE).rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        for target in imported(path):
            if (target in modules and target != name) or target.split(".")[0] == "loader":
                graph.add_edge(name, target)
    return graph


def test_no_import_circle_in_graph_api() -> None:
    graph = import_graph()
    circles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert not circles, f"modules that import each other in a circle: {circles}"


def test_the_service_does_not_import_the_loader() -> None:
    graph = import_graph()
    wrong = sorted(
        (source, target)
        for source, target in graph.edges
        if target.split(".")[0] == "loader" and source not in MAY_IMPORT_LOADER
    )
    assert not wrong, f"graph_api modules importing the loader: {wrong}"


def test_deps_is_a_leaf_that_never_imports_the_app() -> None:
    reachable = nx.descendants(import_graph(), "graph_api.deps")
    assert "graph_api.app" not in reachable
    assert not any(module.startswith("graph_api.routes") for module in reachable)
