"""Bad configuration gives a clear message, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from pydantic import SecretStr

from graph_api.errors import Unavailable
from graph_api.graph.catalog import QueryCatalog
from graph_api.graph.repo import GraphRepo, make_driver
from graph_api.runtime.providers import Neo4jEndpoint, free_port
from graph_api.settings import Neo4jSettings


async def ping(settings: Neo4jSettings) -> None:
    repo = GraphRepo(make_driver(settings), QueryCatalog.load(), settings)
    try:
        await repo.ping()
    finally:
        await repo.close()


async def test_wrong_password(neo4j_endpoint: Neo4jEndpoint) -> None:
    settings = Neo4jSettings(uri=neo4j_endpoint.uri, password=SecretStr("not-the-password"))
    with pytest.raises(Unavailable, match="rejected the credentials"):
        await ping(settings)


async def test_unreachable_uri() -> None:
    settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{free_port()}", connect_timeout_s=2)
    with pytest.raises(Unavailable, match="not reachable"):
        await ping(settings)


def test_malformed_uri() -> None:
    with pytest.raises(Unavailable, match="invalid NEO4J_URI"):
        make_driver(Neo4jSettings(uri="http//nowhere"))


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graph_api", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_check_wrong_password(neo4j_endpoint: Neo4jEndpoint) -> None:
    result = run_cli(
        "check",
        NEO4J_URI=neo4j_endpoint.uri,
        NEO4J_PASSWORD="not-the-password",
        REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
    )
    assert result.returncode == 2
    assert "rejected the credentials" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_cli_check_unreachable() -> None:
    result = run_cli(
        "check",
        NEO4J_URI=f"bolt://127.0.0.1:{free_port()}",
        REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
    )
    assert result.returncode == 2
    assert "not reachable" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_cli_check_ok(neo4j_endpoint: Neo4jEndpoint, redis_endpoint: object) -> None:
    from graph_api.runtime.providers import RedisEndpoint

    assert isinstance(redis_endpoint, RedisEndpoint)
    result = run_cli(
        "check",
        NEO4J_URI=neo4j_endpoint.uri,
        NEO4J_PASSWORD=neo4j_endpoint.password,
        REDIS_URL=redis_endpoint.url,
    )
    assert result.returncode == 0, result.stderr
    assert "Neo4j" in result.stderr
    assert "Redis" in result.stderr
