"""With no data folder and no network, ``puckpath serve`` (what ``make run`` starts) loads the
embedded snapshot and finds Gretzky -> McDavid; that graph equals a clean import of
../shared/data; importing ../shared/data, then the snapshot again into it changes nothing.

The tests share one graph, in order: each import is run once and checked for everything
it shows (the import is what costs, not the assertions)."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from known_people import GRETZKY, MCDAVID, NHL_IDS
from neo4j import GraphDatabase

from graph_api.runtime.providers import Neo4jEndpoint, RedisEndpoint, free_port
from graph_api.settings import Settings
from loader.importer import import_files
from loader.snapshot import EMBEDDED_SNAPSHOT
from loader.status import wipe_graph
from tests.integration.loader_helpers import dataset_version, digest, settings_on

REPO = Path(__file__).resolve().parents[2]
# What the run command needs from a checkout: the code, the Cypher and the snapshot.
CHECKOUT = ("graph_api", "loader", "cypher", "pyproject.toml", "data/snapshot")


@pytest.fixture(scope="module")
def scratch(scratch_loader_neo4j: Neo4jEndpoint) -> Settings:
    settings = settings_on(scratch_loader_neo4j)
    asyncio.run(wipe_graph(settings))
    return settings


def checkout_without_data(root: Path) -> Path:
    """A copy of what ``make run`` needs, in a folder with no ``../shared/data`` beside it."""
    checkout = root / "clone" / "puckpath"
    for name in CHECKOUT:
        source, target = REPO / name, checkout / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    assert not (checkout.parent / "shared" / "data").exists()
    return checkout


@pytest.fixture(scope="module")
def served(
    scratch: Settings,
    scratch_loader_neo4j: Neo4jEndpoint,
    redis_endpoint: RedisEndpoint,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, Path]]:
    """``puckpath serve`` from a checkout with no data and an NHL API that never answers."""
    root = tmp_path_factory.mktemp("no-data")
    checkout = checkout_without_data(root)
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(checkout),
        "NEO4J_URI": scratch_loader_neo4j.uri,
        "NEO4J_USER": scratch_loader_neo4j.user,
        "NEO4J_PASSWORD": scratch_loader_neo4j.password,
        "REDIS_URL": redis_endpoint.url,
        "API_PORT": str(port),
        "DATA_DIR": "",
        "LOADER_API_WEB_URL": "http://127.0.0.1:1/v1",
        "LOADER_STATS_API_URL": "http://127.0.0.1:1/stats/rest",
        "LOADER_API_CACHE_DIR": str(root / "api-cache"),
        "LOADER_MAX_ATTEMPTS": "1",
        "COLUMNS": "200",
        "PYTHONUNBUFFERED": "1",
    }
    log = root / "serve.log"
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "graph_api", "serve"],
            cwd=checkout,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 900
            while time.monotonic() < deadline and process.poll() is None:
                try:
                    if httpx.get(f"{url}/ready", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(1)
            else:
                pytest.fail(f"serve did not become ready:\n{log.read_text(errors='replace')}")
            yield url, log
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


# The served fixture waits up to 900 s for the import into an empty graph (on a loaded
# 2-core machine it took over 600 s, the suite's default timeout).
@pytest.mark.timeout(1200)
def test_run_without_data_loads_the_snapshot_and_finds_gretzky_to_mcdavid(
    served: tuple[str, Path],
) -> None:
    url, log = served
    text = " ".join(log.read_text(errors="replace").split())
    assert "loaded the embedded snapshot" in text, text
    assert "data as of 2026-05-17" in text
    assert "The NHL web API did not answer" in text
    assert "Traceback" not in text
    seconds = re.search(r"data as of 2026-05-17\) in (\d+)s", text)
    assert seconds is not None
    print(f"snapshot loaded into an empty graph in {seconds.group(1)} s")
    answer = httpx.get(
        f"{url}/paths/shortest", params={"from": "gretzwa01", "to": MCDAVID}, timeout=30
    ).json()
    assert (answer["from"]["id"], answer["to"]["id"], answer["length"]) == (GRETZKY, MCDAVID, 3)
    # Birth places travel source -> snapshot -> graph -> API (tests/unit/test_birth_places.py
    # checks every player's against the source files).
    places = {
        player_id: httpx.get(f"{url}/players/{player_id}", timeout=30).json()
        for player_id in ("gretzwa01", "8482116", "gillifa01")
    }
    where = {
        p["id"]: (p["birth_city"], p["birth_state"], p["birth_country"]) for p in places.values()
    }
    assert where == {
        GRETZKY: ("Brantford", "ON", "CAN"),
        "8482116": ("Viersen", None, "DEU"),  # Tim Stützle: the modern file has no province
        "gillifa01": ("Cornwall", "ON", "Canada"),  # unlinked: the Databank's spelling
    }


def test_the_served_snapshot_equals_a_clean_import(
    served: tuple[str, Path], scratch: Settings, clean_import_digest: str
) -> None:
    assert asyncio.run(digest(scratch)) == clean_import_digest


def test_snapshot_then_data_changes_nothing(
    served: tuple[str, Path], scratch: Settings, shared_data: Path
) -> None:
    """Also the check that a second import of the same data changes nothing: the graph
    equals a clean import of ../shared/data (the test above)."""
    from_snapshot = asyncio.run(digest(scratch, exact_time=True))
    version = asyncio.run(dataset_version(scratch))
    assert version is not None
    files = asyncio.run(import_files(scratch, shared_data))
    assert files.dataset["changed"] is False
    assert files.dataset["version"] == version
    assert asyncio.run(digest(scratch, exact_time=True)) == from_snapshot


def test_snapshot_again_changes_nothing_but_the_databank_keyed_twin_goes(
    served: tuple[str, Path], scratch: Settings, scratch_loader_neo4j: Neo4jEndpoint
) -> None:
    """Importing the snapshot into the graph it made changes nothing. Before linking,
    Gretzky was the node ``gretzwa01``: the graph is given that twin first (as a graph
    loaded before identity linking had him), and the import leaves only ``8447400`` (his
    ``databank_id`` is ``gretzwa01``), every other node and link as they were."""
    before = asyncio.run(digest(scratch, exact_time=True))
    version = asyncio.run(dataset_version(scratch))
    auth = (scratch_loader_neo4j.user, scratch_loader_neo4j.password)
    with GraphDatabase.driver(scratch_loader_neo4j.uri, auth=auth) as driver:
        driver.execute_query(
            "MATCH (mate:Player {id: $mate}) "
            "CREATE (old:Player {id: 'gretzwa01', name: 'Wayne Gretzky'})"
            "-[:TEAMMATE_OF {seasons: [19961997]}]->(mate)",
            mate=NHL_IDS["messima01"],
        )
        again = asyncio.run(import_files(scratch, EMBEDDED_SNAPSHOT))
        records, _, _ = driver.execute_query(
            "MATCH (p:Player) WHERE p.id = 'gretzwa01' OR p.databank_id = 'gretzwa01' "
            "RETURN p.id AS id"
        )
    assert again.dataset["changed"] is False
    assert again.dataset["version"] == version
    assert [record["id"] for record in records] == [GRETZKY]
    assert asyncio.run(digest(scratch, exact_time=True)) == before
