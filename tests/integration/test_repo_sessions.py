"""GraphRepo's auto-commit reads reuse their sessions, on the loaded graph (a real Neo4j).

A read that ends cleanly leaves its session idle for the next read, holding no connection
(the result was consumed, so the connection went back to the driver's pool); a read that
fails is closed and never reused. The idle list is private: these tests look at it because
it is what they are about.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from graph_api.errors import InvalidInput
from graph_api.graph.catalog import QueryCatalog
from graph_api.graph.repo import GraphRepo, make_driver
from graph_api.runtime.providers import Neo4jEndpoint
from graph_api.settings import Neo4jSettings

CROSBY, MCDAVID, OVECHKIN = "8471675", "8478402", "8471214"


@pytest.fixture
async def repo(loaded_neo4j: Neo4jEndpoint) -> AsyncIterator[GraphRepo]:
    settings = Neo4jSettings(
        uri=loaded_neo4j.uri, user=loaded_neo4j.user, password=loaded_neo4j.password
    )
    repo = GraphRepo(make_driver(settings), QueryCatalog.load(), settings)
    yield repo
    await repo.close()


async def players(repo: GraphRepo, *ids: str) -> list[str]:
    rows = await repo.read_values("read/players_by_ids", ids=list(ids))
    return sorted(row["player"]["id"] for row in rows)


async def test_a_clean_read_leaves_its_session_for_the_next(repo: GraphRepo) -> None:
    first = await repo.read_values("read/shortest_path", from_id=CROSBY, to_id=MCDAVID)
    assert len(repo._idle_reads) == 1
    session = repo._idle_reads[0]
    assert session._connection is None  # the connection is back in the pool
    again = await repo.read_values("read/shortest_path", from_id=CROSBY, to_id=MCDAVID)
    assert again == first
    assert first[0]["players"][0]["id"] == CROSBY
    assert repo._idle_reads == [session]
    rows = await repo.read_fast("read/ping")
    assert rows == [{"ok": 1}]
    assert repo._idle_reads == [session]


async def test_concurrent_reads_each_get_their_own_session(repo: GraphRepo) -> None:
    asked = [(CROSBY, MCDAVID), (OVECHKIN, CROSBY), (MCDAVID, OVECHKIN)] * 4
    answers = await asyncio.gather(*(players(repo, a, b) for a, b in asked))
    assert answers == [sorted(pair) for pair in asked]
    idle = repo._idle_reads
    assert 1 < len(idle) <= len(asked)
    assert len({id(session) for session in idle}) == len(idle)
    assert all(session._connection is None for session in idle)


async def test_a_failed_read_is_not_reused(repo: GraphRepo) -> None:
    await players(repo, CROSBY)
    (kept,) = repo._idle_reads
    with pytest.raises(InvalidInput):  # $to_id is missing: Neo4j refuses the statement
        await repo.read_values("read/shortest_path", from_id=CROSBY)
    assert repo._idle_reads == []  # the failed read used the idle session, then closed it
    assert kept._closed
    assert await players(repo, MCDAVID, CROSBY) == sorted([CROSBY, MCDAVID])
    assert len(repo._idle_reads) == 1
    assert repo._idle_reads[0] is not kept
