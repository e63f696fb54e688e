"""``loader import --if-changed``: the one-shot loader of docker compose skips an import the
graph already holds. Checked against the fully loaded graph (``loaded_neo4j``, an import of
../shared/data), read only: the check reads the Dataset node and nothing else, and the
command is run only after the check has said "already held"."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

from graph_api.runtime.providers import Neo4jEndpoint
from loader.dataset import read_dataset
from loader.import_check import imported_already
from loader.importer import open_repo
from tests.integration.loader_helpers import settings_on


async def loaded_at(endpoint: Neo4jEndpoint) -> object:
    repo = open_repo(settings_on(endpoint))
    try:
        return (await read_dataset(repo)).loaded_at
    finally:
        await repo.close()


def test_the_loaded_graph_holds_the_shared_data(
    loaded_neo4j: Neo4jEndpoint, shared_data: Path
) -> None:
    held = asyncio.run(imported_already(settings_on(loaded_neo4j), shared_data))
    assert held is not None
    assert held.version is not None


def test_import_if_changed_skips_what_the_graph_holds(
    loaded_neo4j: Neo4jEndpoint, shared_data: Path
) -> None:
    settings = settings_on(loaded_neo4j)
    assert asyncio.run(imported_already(settings, shared_data)) is not None  # else: no run
    before = asyncio.run(loaded_at(loaded_neo4j))
    env = {
        **os.environ,
        "NEO4J_URI": loaded_neo4j.uri,
        "NEO4J_USER": loaded_neo4j.user,
        "NEO4J_PASSWORD": loaded_neo4j.password,
        "COLUMNS": "200",
    }
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "loader", "import", "--if-changed", str(shared_data)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    took = time.monotonic() - started
    assert result.returncode == 0, result.stdout + result.stderr
    out = " ".join((result.stdout + result.stderr).split())
    assert "unchanged: the graph already holds" in out
    assert "nothing imported" in out
    assert "phase" not in out  # no load table: no phase ran
    assert asyncio.run(loaded_at(loaded_neo4j)) == before
    assert took < 60, f"the check took {took:.0f}s"
