"""The project-managed Neo4j: real server, query round trip, schema twice, clean stop, reuse."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import GraphDatabase

from graph_api.graph.catalog import QueryCatalog
from graph_api.graph.repo import GraphRepo, make_driver
from graph_api.runtime import neo4j_jars
from graph_api.runtime.errors import RuntimeUnavailable
from graph_api.runtime.neo4j_jars import resolve_server_jars
from graph_api.runtime.providers import Neo4jEndpoint, free_port, local_neo4j_server
from graph_api.settings import Neo4jSettings
from tests.conftest import base_settings


def repo_for(endpoint: Neo4jEndpoint) -> GraphRepo:
    settings = Neo4jSettings(uri=endpoint.uri, user=endpoint.user, password=endpoint.password)
    return GraphRepo(make_driver(settings), QueryCatalog.load(), settings)


async def test_query_round_trips(neo4j_endpoint: Neo4jEndpoint) -> None:
    repo = repo_for(neo4j_endpoint)
    try:
        await repo.ping()
        rows = await repo.read("read/ping")
        assert rows == [{"ok": 1}]
    finally:
        await repo.close()


async def test_schema_applies_twice(neo4j_endpoint: Neo4jEndpoint) -> None:
    repo = repo_for(neo4j_endpoint)
    try:
        first = await repo.apply_schema()
        second = await repo.apply_schema()
    finally:
        await repo.close()
    assert first == second
    assert len(first) == len(QueryCatalog.load().under("schema"))
    with GraphDatabase.driver(
        neo4j_endpoint.uri, auth=(neo4j_endpoint.user, neo4j_endpoint.password)
    ) as driver:
        constraints = {r["name"] for r in driver.execute_query("SHOW CONSTRAINTS").records}
        indexes = {r["name"]: r["state"] for r in driver.execute_query("SHOW INDEXES").records}
    assert {"player_id", "team_id", "team_season_id", "game_id", "dataset_key"} <= constraints
    assert indexes["player_names"] == "ONLINE"
    assert indexes["player_search_name"] == "ONLINE"


def test_jars_are_reused_without_maven(monkeypatch: pytest.MonkeyPatch) -> None:
    """A second start must not download anything: with the jars cached, Maven is never asked."""
    settings = base_settings()
    local = settings.localneo4j
    lib = resolve_server_jars(settings.cache_dir, local.version, local.browser_version)

    def no_maven() -> Path:
        raise AssertionError("Maven was called although the jars are cached")

    monkeypatch.setattr(neo4j_jars, "find_maven", no_maven)
    assert resolve_server_jars(settings.cache_dir, local.version, local.browser_version) == lib
    jars = {p.name for p in lib.glob("*.jar")}
    assert f"neo4j-{local.version}.jar" in jars
    assert f"neo4j-record-storage-engine-{local.version}.jar" in jars
    assert f"neo4j-browser-{local.browser_version}.jar" in jars


def jvm_running_in(home: Path) -> bool:
    """Whether a live Neo4j JVM runs with this home folder (pids are reused, so match it)."""
    marker = f"--home-dir={home}".encode()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if marker in (proc / "cmdline").read_bytes():
                return True
        except OSError:
            continue
    return False


def test_local_server_lifecycle(tmp_path: Path) -> None:
    """Start, serve Bolt and Browser, restart on the same data, stop with no JVM left."""
    import httpx

    server = local_neo4j_server(
        base_settings(), home=tmp_path / "neo4j", bolt_port=free_port(), http_port=free_port()
    )
    server.start()
    try:
        pid = server.running_pid()
        assert pid is not None
        with GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
            driver.execute_query("CREATE (:Marker {name: 'survives a restart'})")
        page = httpx.get(server.browser_url, timeout=10)
        assert page.status_code == 200
        assert "Neo4j Browser" in page.text or "<html" in page.text.lower()
        server.stop()
        assert server.running_pid() is None
        assert not jvm_running_in(server.home), "the JVM outlived stop()"
        server.start()
        with GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
            records = driver.execute_query("MATCH (m:Marker) RETURN m.name AS name").records
        assert [r["name"] for r in records] == ["survives a restart"]
    finally:
        server.stop()
    assert server.running_pid() is None
    assert not jvm_running_in(server.home)


def test_missing_java_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from graph_api.runtime import java

    monkeypatch.setattr(java, "_candidates", lambda _home: [])
    with pytest.raises(RuntimeUnavailable, match="OpenJDK 17 or 21"):
        java.find_java(None)
