"""Every read of the API is sent as a read (routing to a reader under ``neo4j://``).

The API reaches Neo4j only through ``GraphRepo`` (graph_api/graph/repo.py); there, every
method that runs a catalog query other than ``write`` asks for read routing, and outside the
repo nothing in the service opens a session, runs a query on the driver or calls ``write``
(the schema at start-up is the repo's own ``apply_schema``). The scheme itself against a
real server: tests/integration/test_neo4j_routing.py.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

from graph_api.graph.repo import GraphRepo

PACKAGE = Path(__file__).resolve().parents[2] / "graph_api"
REPO_FILE = PACKAGE / "graph" / "repo.py"
# The project-managed server's start-up probe connects with its own short-lived driver.
OWN_DRIVER = {PACKAGE / "runtime" / "neo4j_local.py"}
DIRECT_ACCESS = re.compile(r"\.(session|execute_query|write|run_write)\(|\.driver\.")


def test_repo_reads_ask_for_read_routing() -> None:
    for name, method in inspect.getmembers(GraphRepo, inspect.iscoroutinefunction):
        source = inspect.getsource(method)
        runs_query = "execute_query(" in source or ".session(" in source
        if not runs_query:
            continue
        if name == "write":
            assert "RoutingControl.WRITE" in source
        else:
            assert "RoutingControl.READ" in source or "READ_ACCESS" in source, name


def test_nothing_else_talks_to_the_driver_or_writes() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path == REPO_FILE or path in OWN_DRIVER:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if DIRECT_ACCESS.search(line):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_repo_writes_only_the_schema() -> None:
    tree = ast.parse(REPO_FILE.read_text())
    callers = {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.AsyncFunctionDef)
        for call in ast.walk(node)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "write"
    }
    assert callers == {"apply_schema"}
