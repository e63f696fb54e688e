"""Fixtures of the path-API integration tests: the app on the loaded graph, and the reference.

Imported by the ``tests/integration/test_api_*.py`` modules. ``loaded_app_settings`` (from
tests/conftest.py) points at a real Neo4j holding the full ../shared/data import and a real
Redis.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from api_reference_graph import ReferenceGraph, count_shortest_paths, reference_graph
from fastapi import FastAPI
from known_people import NHL_IDS

from graph_api.app import create_app
from graph_api.graph.repo import GraphRepo
from graph_api.settings import Settings

# Real players the tests name, by their canonical (NHL) ids; known_people.NHL_IDS maps the
# Databank ids of the older ones.
MCDAVID, CROSBY, OVECHKIN, JAGR, STUTZLE = "8478402", "8471675", "8471214", "8448208", "8482116"
GRETZKY, HOWE, LEMIEUX, ORR, MESSIER = (
    NHL_IDS[databank_id]
    for databank_id in ("gretzwa01", "howego01", "lemiema01", "orrbo01", "messima01")
)


@pytest_asyncio.fixture(scope="session", loop_scope="session", name="api_app")
async def api_app_fixture(loaded_app_settings: Settings) -> AsyncIterator[FastAPI]:
    # The path API needs no battle rooms: keep them in memory (no Redis timer loop to stop).
    battle = loaded_app_settings.battle.model_copy(update={"store": "memory"})
    app = create_app(loaded_app_settings.model_copy(update={"battle": battle}))
    async with app.router.lifespan_context(app):
        yield app


@pytest_asyncio.fixture(scope="session", loop_scope="session", name="api")
async def api_fixture(api_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=api_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://puckpath.test") as client:
        yield client


@pytest.fixture(scope="session", name="graph_repo")
def graph_repo_fixture(api_app: FastAPI) -> GraphRepo:
    repo: GraphRepo = api_app.state.services.repo
    return repo


@pytest.fixture(scope="session", name="reference")
def reference_fixture(shared_data: Path) -> ReferenceGraph:
    """The independent teammate graph, built from the raw files (no loader code)."""
    return reference_graph(shared_data)


def sample_pairs(reference: ReferenceGraph, n: int, seed: int) -> list[tuple[str, str]]:
    nodes = sorted(reference.graph.nodes)
    rng = random.Random(seed)
    return [(a, b) for a, b in (rng.sample(nodes, 2) for _ in range(n))]


def reference_count(reference: ReferenceGraph, a: str, b: str) -> tuple[int, int]:
    return count_shortest_paths(reference.graph, a, b)
