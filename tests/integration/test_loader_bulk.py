"""The offline first load (``loader/bulk``, what ``make run`` does on a new machine): a new
project-managed Neo4j filled by ``neo4j-admin database import`` before its first start, then
finished on the server, holds the same graph as the Cypher import (same digest, same
constraints and indexes); a database that exists, or a server that runs, falls back to the
Cypher import and is left alone."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from pydantic import SecretStr
from rich.console import Console

from graph_api.runtime.neo4j_local import LocalNeo4jServer
from graph_api.runtime.providers import Neo4jEndpoint, free_port, provide_neo4j
from graph_api.settings import Neo4jSettings, Settings
from loader.bootstrap import ensure_loaded
from loader.bulk.first_load import FirstLoad
from loader.snapshot import EMBEDDED_SNAPSHOT
from tests.conftest import TEST_PASSWORD, base_settings
from tests.integration.loader_helpers import counts, dataset_version, digest, settings_on

Loaded = tuple[LocalNeo4jServer, Settings, str]

SCHEMA = "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, owningConstraint"


@pytest.fixture(scope="module")
def bulk_loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    """A new server of its own, filled from the embedded snapshot offline, finished by
    ``ensure_loaded`` as ``puckpath serve`` does (an NHL API that never answers)."""
    own = base_settings(neo4j=Neo4jSettings(password=SecretStr(TEST_PASSWORD)))
    console = Console(record=True, width=200)
    offline = FirstLoad(own, EMBEDDED_SNAPSHOT, console.print)
    # As on a new machine: the instance folder does not exist yet.
    home = tmp_path_factory.mktemp("neo4j-bulk") / "instance"
    with provide_neo4j(
        own,
        home=home,
        bolt_port=free_port(),
        http_port=free_port(),
        before_start=offline.before_start,
    ) as endpoint:
        assert endpoint.server is not None, "the offline load needs a project-managed server"
        assert offline.done is not None, offline.skipped
        settings = settings_on(
            endpoint,
            api_web_url="http://127.0.0.1:1/v1",
            stats_api_url="http://127.0.0.1:1/stats/rest",
            api_cache_dir=home / "api-cache",
            max_attempts=1,
        ).model_copy(update={"data_dir": None})
        assert ensure_loaded(settings, console, offline=offline) is None
        yield endpoint.server, settings, console.export_text()


def schema_of(endpoint: Neo4jEndpoint | LocalNeo4jServer) -> list[tuple[object, ...]]:
    auth = (endpoint.user, endpoint.password)
    with GraphDatabase.driver(endpoint.uri, auth=auth) as driver:
        records, _, _ = driver.execute_query(SCHEMA)
    return sorted(tuple(record.values()) for record in records)


def test_the_offline_first_load_equals_the_cypher_import(
    bulk_loaded: Loaded, clean_import_digest: str, loaded_neo4j: Neo4jEndpoint
) -> None:
    server, settings, said = bulk_loaded
    print(said)
    text = " ".join(said.split())
    assert "offline (neo4j-admin database import)" in text
    assert "data as of 2026-05-17)" in text
    assert "(offline with neo4j-admin import)" in text
    assert "Cypher" not in text
    assert asyncio.run(digest(settings)) == clean_import_digest
    assert schema_of(server) == schema_of(loaded_neo4j)


def test_a_database_that_exists_or_a_running_server_falls_back(
    bulk_loaded: Loaded, tmp_path: Path
) -> None:
    server, settings, _ = bulk_loaded
    before = (asyncio.run(dataset_version(settings)), asyncio.run(counts(settings)))
    running = FirstLoad(settings, EMBEDDED_SNAPSHOT)
    running.before_start(server)
    assert running.done is None
    assert running.skipped == "the Neo4j server runs already"
    stopped = LocalNeo4jServer(
        home=tmp_path, lib=server.lib, bolt_port=free_port(), http_port=free_port(), password=""
    )
    (tmp_path / "data" / "databases" / "neo4j").mkdir(parents=True)
    existing = FirstLoad(settings, EMBEDDED_SNAPSHOT)
    existing.before_start(stopped)
    assert existing.done is None
    assert "the database exists already" in str(existing.skipped)
    assert list((tmp_path / "data" / "databases" / "neo4j").iterdir()) == []
    assert (asyncio.run(dataset_version(settings)), asyncio.run(counts(settings))) == before
