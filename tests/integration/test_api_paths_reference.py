"""Path answers on the real loaded graph against an independent BFS over the raw files.

For a few dozen player pairs (seeded random ones plus famous ones): the shortest length
equals the reference distance, every hop of every returned path is a TEAMMATE_OF edge both
in Neo4j and in the reference (with the same shared seasons), and the number of all
shortest paths equals the reference count.
"""

from __future__ import annotations

from itertools import islice
from typing import Any

import httpx
import networkx as nx
import pytest
from api_fixtures import (  # noqa: F401 - fixtures
    CROSBY,
    GRETZKY,
    HOWE,
    JAGR,
    LEMIEUX,
    MCDAVID,
    ORR,
    STUTZLE,
    api_app_fixture,
    api_fixture,
    graph_repo_fixture,
    reference_count,
    reference_fixture,
    sample_pairs,
)
from api_reference_graph import ReferenceGraph
from fastapi import FastAPI

from graph_api.graph import all_paths as all_paths_module
from graph_api.graph.queries import GraphQueries
from graph_api.graph.repo import GraphRepo

FAMOUS = [
    (MCDAVID, GRETZKY),
    (CROSBY, HOWE),
    (STUTZLE, ORR),
    (JAGR, LEMIEUX),  # teammates: one hop
    (GRETZKY, HOWE),
    (MCDAVID, CROSBY),
]


@pytest.fixture(scope="module")
def pairs(reference: ReferenceGraph) -> list[tuple[str, str]]:
    return FAMOUS + sample_pairs(reference, 30, seed=20260526)


async def check_path(
    path: dict[str, Any], a: str, b: str, reference: ReferenceGraph, repo: GraphRepo
) -> None:
    """Starts at a, ends at b, simple, and every hop is a real teammate link with evidence."""
    ids = [player["id"] for player in path["players"]]
    assert ids[0] == a
    assert ids[-1] == b
    assert len(set(ids)) == len(ids)
    assert path["length"] == len(path["hops"]) == len(ids) - 1
    for hop, x, y in zip(path["hops"], ids, ids[1:], strict=False):
        assert (hop["from_id"], hop["to_id"]) == (x, y)
        assert reference.graph.has_edge(x, y), f"{x}-{y} are not teammates in the raw data"
        assert hop["seasons"] == sorted(reference.seasons(x, y))
        assert {ts["season"] for ts in hop["team_seasons"]} == set(hop["seasons"])
        assert hop["why"].startswith("Teammates on the ")
        link = await repo.read("read/teammate_link", a_id=x, b_id=y)
        assert len(link) == 1, f"no TEAMMATE_OF between {x} and {y} in Neo4j"


async def test_shortest_length_matches_reference(
    api: httpx.AsyncClient,
    pairs: list[tuple[str, str]],
    reference: ReferenceGraph,
    graph_repo: GraphRepo,
) -> None:
    for a, b in pairs:
        distance, _ = reference_count(reference, a, b)
        response = await api.get("/paths/shortest", params={"from": a, "to": b})
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["length"] == distance, (a, b)
        assert body["from"]["id"] == a
        assert body["to"]["id"] == b
        assert body["reason"] is None
        await check_path(body["path"], a, b, reference, graph_repo)


async def test_all_shortest_paths_count_matches_reference(
    api: httpx.AsyncClient,
    pairs: list[tuple[str, str]],
    reference: ReferenceGraph,
    graph_repo: GraphRepo,
) -> None:
    for a, b in pairs:
        distance, count = reference_count(reference, a, b)
        response = await api.get("/paths/all", params={"from": a, "to": b, "limit": 25})
        assert response.status_code == 200, response.text
        body = response.json()
        assert (body["length"], body["total_paths"]) == (distance, count), (a, b)
        assert body["returned"] == len(body["paths"]) == min(count, 25)
        assert body["truncated"] == (count > 25)
        assert len({tuple(p["id"] for p in path["players"]) for path in body["paths"]}) == len(
            body["paths"]
        )
        for path in body["paths"]:
            assert path["length"] == distance
            await check_path(path, a, b, reference, graph_repo)


async def test_k_shortest_lengths_match_reference(
    api: httpx.AsyncClient,
    pairs: list[tuple[str, str]],
    reference: ReferenceGraph,
    graph_repo: GraphRepo,
) -> None:
    for a, b in pairs[:10]:
        expected = [len(p) - 1 for p in islice(nx.shortest_simple_paths(reference.graph, a, b), 4)]
        response = await api.get("/paths/k", params={"from": a, "to": b, "k": 4})
        assert response.status_code == 200, response.text
        body = response.json()
        assert [path["length"] for path in body["paths"]] == expected, (a, b)
        assert len({tuple(p["id"] for p in path["players"]) for path in body["paths"]}) == 4
        for path in body["paths"]:
            await check_path(path, a, b, reference, graph_repo)


async def test_one_hop_and_zero_hop(api: httpx.AsyncClient, reference: ReferenceGraph) -> None:
    # Jagr and Lemieux: Pittsburgh 1990-91 .. 1996-97 and 2000-01.
    body = (await api.get("/paths/shortest", params={"from": JAGR, "to": LEMIEUX})).json()
    assert body["length"] == 1
    assert body["path"]["hops"][0]["seasons"] == sorted(reference.seasons(JAGR, LEMIEUX))
    assert "Pittsburgh Penguins" in body["path"]["hops"][0]["why"]
    same = (await api.get("/paths/shortest", params={"from": JAGR, "to": JAGR})).json()
    assert same["length"] == 0
    assert [p["id"] for p in same["path"]["players"]] == [JAGR]
    every = (await api.get("/paths/all", params={"from": JAGR, "to": LEMIEUX})).json()
    assert (every["length"], every["total_paths"]) == (1, 1)


async def test_every_teammate_link_matches_the_reference(
    graph_repo: GraphRepo, reference: ReferenceGraph
) -> None:
    """The graph the paths run on is the reference graph: same pairs, same shared seasons."""
    rows = await graph_repo.read_fast("read/teammate_edges", timeout_s=300)
    links = [(row["a"], b, seasons) for row in rows for b, seasons in row["links"]]
    assert len(links) == reference.graph.number_of_edges()
    wrong = [
        (a, b)
        for a, b, seasons in links
        if not reference.graph.has_edge(a, b) or sorted(reference.seasons(a, b)) != seasons
    ]
    assert wrong == []


async def test_layered_count_for_large_path_sets_matches_reference(
    api_app: FastAPI,
    pairs: list[tuple[str, str]],
    reference: ReferenceGraph,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Above ENUMERATE_CAP paths the count comes from the layer-by-layer search: lower the
    caps so that every pair here takes that road, and compare with the reference."""
    monkeypatch.setattr(all_paths_module, "ENUMERATE_CAP", 2)
    queries = GraphQueries(api_app.state.services.repo, api_app.state.services.settings.paths)
    for a, b in pairs[:20]:
        found = await queries.paths.count_shortest(a, b)
        assert found is not None
        assert (found.distance, found.paths) == reference_count(reference, a, b), (a, b)
