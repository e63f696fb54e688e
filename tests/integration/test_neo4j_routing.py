"""The ``neo4j://`` (routing) scheme against the single Community server.

With ``neo4j://`` the driver asks the server for a routing table and sends each transaction
to a reader or a writer by its access mode. A single Community server routes to itself in
both roles: the test shows that the scheme works end to end (readiness, reads through the
API's every read path, the schema at start-up) and answers as ``bolt://`` does. That every
API read is sent as a read is checked on the code in tests/unit/test_read_routing.py; a
cluster, where readers and the writer differ, is not tested (see the README).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from known_people import GRETZKY, MCDAVID

from graph_api.app import create_app
from graph_api.runtime.providers import Neo4jEndpoint, RedisEndpoint
from graph_api.settings import Settings
from tests.conftest import settings_for

READS: list[tuple[str, dict[str, Any]]] = [
    ("/players", {"q": "gretzky"}),  # a read_fast auto-commit read
    (f"/players/{MCDAVID}", {}),  # execute_query(routing_=READ)
    ("/paths/shortest", {"from": MCDAVID, "to": GRETZKY}),
    (f"/players/{GRETZKY}/teammates", {}),
]


def routed(endpoint: Neo4jEndpoint) -> Neo4jEndpoint:
    assert endpoint.uri.startswith("bolt://"), endpoint.uri
    return Neo4jEndpoint(
        "neo4j://" + endpoint.uri.removeprefix("bolt://"), endpoint.user, endpoint.password, "given"
    )


@asynccontextmanager
async def client_for(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://t") as client,
    ):
        yield client


@pytest.fixture
async def answers(
    loaded_neo4j: Neo4jEndpoint, redis_endpoint: RedisEndpoint
) -> dict[str, list[tuple[int, Any]]]:
    """The same reads through ``bolt://`` and through ``neo4j://``."""
    found: dict[str, list[tuple[int, Any]]] = {}
    for scheme, endpoint in (("bolt", loaded_neo4j), ("neo4j", routed(loaded_neo4j))):
        settings = settings_for(endpoint, redis_endpoint)
        async with client_for(settings) as client:
            ready = await client.get("/ready")
            found[scheme] = [(ready.status_code, ready.json()["status"])]
            for path, params in READS:
                answer = await client.get(path, params=params)
                found[scheme].append((answer.status_code, answer.json()))
    return found


async def test_the_routing_scheme_reads_like_bolt(answers: dict[str, list[Any]]) -> None:
    assert answers["neo4j"][0] == (200, "ready")
    for (path, _), (status, _body) in zip(READS, answers["neo4j"][1:], strict=True):
        assert status == 200, path
    assert answers["neo4j"] == answers["bolt"]
