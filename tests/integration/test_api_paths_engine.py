"""The fast path engine against networkx on the real loaded graph.

/paths/k takes its first paths from the all-shortest listing and runs Yen's rounds only
past them; /paths/all lists and counts in one search (layer by layer above ENUMERATE_CAP);
/paths/shortest searches the membership graph. Each is checked here against networkx on
the independent reference graph built from the raw files: the k shortest simple paths
against ``shortest_simple_paths`` (pairs with fewer shortest paths than k, so Yen runs,
and pairs with more), the exact count for a pair with more than 50,000 shortest paths,
and the shortest lengths for a sample of pairs.
"""

from __future__ import annotations

import random
from itertools import islice, pairwise

import httpx
import networkx as nx
from api_fixtures import (  # noqa: F401 - fixtures
    api_app_fixture,
    api_fixture,
    graph_repo_fixture,
    reference_count,
    reference_fixture,
    sample_pairs,
)
from api_reference_graph import ReferenceGraph

from bench.paths_pairs import HUGE, huge_pairs
from graph_api.graph.path_plan import open_params
from graph_api.graph.repo import GraphRepo

K = 10


async def test_k_shortest_match_networkx_yen(
    api: httpx.AsyncClient, reference: ReferenceGraph
) -> None:
    counted = [
        (pair, reference_count(reference, *pair)) for pair in sample_pairs(reference, 80, 11)
    ]
    beyond = [pair for pair, (_, paths) in counted if paths < K][:4]
    listed = [pair for pair, (hops, paths) in counted if paths >= K and hops >= 4][:2]
    assert len(beyond) == 4
    assert len(listed) == 2
    for a, b in beyond + listed:
        response = await api.get("/paths/k", params={"from": a, "to": b, "k": K})
        assert response.status_code == 200, response.text
        paths = [[p["id"] for p in path["players"]] for path in response.json()["paths"]]
        lengths = [len(path) - 1 for path in paths]
        expected = [len(p) - 1 for p in islice(nx.shortest_simple_paths(reference.graph, a, b), K)]
        assert lengths == expected, (a, b)  # same multiset, shortest first
        assert len({tuple(path) for path in paths}) == len(paths)
        for path in paths:
            assert (path[0], path[-1]) == (a, b)
            assert len(set(path)) == len(path)
            assert all(reference.graph.has_edge(x, y) for x, y in pairwise(path))


async def test_all_paths_count_beyond_the_cap(
    api: httpx.AsyncClient, reference: ReferenceGraph
) -> None:
    # From seeded players, the player each one reaches by the most shortest paths.
    [(a, b)] = huge_pairs(reference.graph, 1, random.Random(20261201))
    distance, count = reference_count(reference, a, b)
    assert count > HUGE
    response = await api.get("/paths/all", params={"from": a, "to": b, "limit": 5})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["length"], body["total_paths"], body["returned"]) == (distance, count, 5)
    for path in body["paths"]:
        ids = [p["id"] for p in path["players"]]
        assert len(ids) == distance + 1
        assert all(reference.graph.has_edge(x, y) for x, y in pairwise(ids))


async def test_membership_search_lengths_match_networkx(
    api: httpx.AsyncClient, reference: ReferenceGraph
) -> None:
    for a, b in sample_pairs(reference, 60, 20261202):
        distance, _ = reference_count(reference, a, b)
        response = await api.get("/paths/shortest", params={"from": a, "to": b})
        assert response.status_code == 200, response.text
        path = response.json()["path"]
        ids = [p["id"] for p in path["players"]]
        assert path["length"] == distance == len(path["hops"])
        assert (ids[0], ids[-1]) == (a, b)
        for hop, x, y in zip(path["hops"], ids, ids[1:], strict=False):
            assert (hop["from_id"], hop["to_id"]) == (x, y)
            assert hop["seasons"] == sorted(reference.seasons(x, y))


async def test_path_rows_read_as_decoded_equal_the_converted_rows(
    graph_repo: GraphRepo, reference: ReferenceGraph
) -> None:
    # The path queries are read without Record.data() (GraphRepo.read_values): right only
    # while they return maps, lists and scalars, never a node, relationship or path.
    queries = {"read/shortest_path": {}, "read/shortest_path_members_constrained": open_params()}
    for a, b in sample_pairs(reference, 4, 20261203):
        for name, extra in queries.items():
            params = {"from_id": a, "to_id": b, **extra}
            decoded = await graph_repo.read_values(name, **params)
            assert decoded, (name, a, b)
            assert decoded == await graph_repo.read_fast(name, **params), (name, a, b)
            for link in decoded[0]["links"]:
                assert isinstance(link, dict)
