"""The pure cores of the path API against networkx, on real teammate graphs from the Databank.

``count_shortest_paths`` (bidirectional layered BFS) and
``k_shortest_simple_paths`` (Yen) take the graph through a callable; here that callable
reads an in-memory networkx graph built from real NHL rosters, so the results can be
checked against networkx's own algorithms.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from itertools import islice, pairwise
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from api_reference_graph import databank_rosters, graph_from_rosters

from graph_api.graph.path_counting import count_shortest_paths
from graph_api.graph.yen import Spur, Walk, k_shortest_simple_paths


@pytest.fixture(scope="module")
def eighties(shared_data: Path) -> nx.Graph:
    """Teammates of the NHL 1979-80 .. 1984-85 seasons (Databank Scoring rows)."""
    return graph_from_rosters(databank_rosters(shared_data, range(1979, 1985)))


@pytest.fixture(scope="module")
def two_eras(shared_data: Path) -> nx.Graph:
    """1920-21 and 1990-91 only: two eras with no teammate between them."""
    rosters = databank_rosters(shared_data, range(1920, 1921))
    rosters.update(databank_rosters(shared_data, range(1990, 1991)))
    return graph_from_rosters(rosters)


def expand_on(graph: nx.Graph):  # type: ignore[no-untyped-def]
    calls: list[int] = []

    async def expand(frontier: dict[str, int], seen: Collection[str]) -> dict[str, int]:
        calls.append(len(frontier))
        layer: dict[str, int] = {}
        for node, paths in frontier.items():
            for neighbour in graph.adj[node]:
                if neighbour not in seen:
                    layer[neighbour] = layer.get(neighbour, 0) + paths
        return layer

    expand.calls = calls  # type: ignore[attr-defined]
    return expand


def spur_search_on(graph: nx.Graph, target: str):  # type: ignore[no-untyped-def]
    """Shortest path from each spur to the target avoiding its banned nodes and links."""

    async def search(spurs: Sequence[Spur]) -> dict[int, Walk]:
        found = {}
        for spur in spurs:
            view = nx.restricted_view(
                graph,
                spur.banned_nodes,
                [tuple(link.split("|")) for link in spur.banned_links],
            )
            try:
                nodes = nx.shortest_path(view, spur.start, target)
            except nx.NetworkXNoPath:
                continue
            links = tuple("|".join(sorted(pair)) for pair in pairwise(nodes))
            found[spur.index] = Walk(tuple(nodes), links, tuple(nodes), links)
        return found

    return search


def sample_pairs(graph: nx.Graph, n: int, seed: int) -> list[tuple[str, str]]:
    nodes = sorted(graph.nodes)
    rng = random.Random(seed)
    return [tuple(rng.sample(nodes, 2)) for _ in range(n)]  # type: ignore[misc]


async def test_path_counts_match_networkx(eighties: nx.Graph) -> None:
    assert eighties.number_of_nodes() > 1000
    for a, b in sample_pairs(eighties, 40, seed=4):
        found = await count_shortest_paths(a, b, expand_on(eighties), max_hops=15)
        assert found is not None
        assert found.distance == nx.shortest_path_length(eighties, a, b)
        assert found.paths == sum(1 for _ in nx.all_shortest_paths(eighties, a, b))


async def test_gretzky_to_bossy_count(eighties: nx.Graph) -> None:
    # Wayne Gretzky (EDM) and Mike Bossy (NYI) were never teammates in these seasons.
    found = await count_shortest_paths("gretzwa01", "bossymi01", expand_on(eighties), 15)
    assert found is not None
    assert not eighties.has_edge("gretzwa01", "bossymi01")
    assert found.distance == nx.shortest_path_length(eighties, "gretzwa01", "bossymi01")
    assert found.paths == len(list(nx.all_shortest_paths(eighties, "gretzwa01", "bossymi01")))


async def test_teammates_are_one_hop_and_self_is_zero(eighties: nx.Graph) -> None:
    # Gretzky and Mark Messier: 1979-80 .. 1984-85 Edmonton Oilers.
    one = await count_shortest_paths("gretzwa01", "messima01", expand_on(eighties), 15)
    assert one is not None
    assert (one.distance, one.paths) == (1, 1)
    same = await count_shortest_paths("gretzwa01", "gretzwa01", expand_on(eighties), 15)
    assert same is not None
    assert (same.distance, same.paths) == (0, 1)


async def test_hop_cap_and_no_path(eighties: nx.Graph, two_eras: nx.Graph) -> None:
    a, b = next(
        (a, b)
        for a, b in sample_pairs(eighties, 200, seed=9)
        if nx.shortest_path_length(eighties, a, b) >= 3
    )
    distance = nx.shortest_path_length(eighties, a, b)
    assert await count_shortest_paths(a, b, expand_on(eighties), distance - 1) is None
    assert await count_shortest_paths(a, b, expand_on(eighties), distance) is not None
    # Babe Dye (1920-21) and Wayne Gretzky (1990-91) share no era here.
    assert not nx.has_path(two_eras, "dyeba01", "gretzwa01")
    assert await count_shortest_paths("dyeba01", "gretzwa01", expand_on(two_eras), 15) is None


async def test_the_smaller_frontier_expands(eighties: nx.Graph) -> None:
    expand = expand_on(eighties)
    a, b = sample_pairs(eighties, 1, seed=3)[0]
    await count_shortest_paths(a, b, expand, 15)
    # The first two steps start from the two single players, never from a big layer.
    assert expand.calls[:2] == [1, 1]


@pytest.mark.parametrize("k", [1, 3, 6])
async def test_yen_matches_networkx_simple_paths(eighties: nx.Graph, k: int) -> None:
    for a, b in sample_pairs(eighties, 8, seed=k):
        walks = await k_shortest_simple_paths(a, k, spur_search_on(eighties, b))
        expected = list(islice(nx.shortest_simple_paths(eighties, a, b), k))
        assert [w.length for w in walks] == [len(p) - 1 for p in expected]
        assert len({w.nodes for w in walks}) == len(walks)
        for walk in walks:
            assert walk.nodes[0] == a
            assert walk.nodes[-1] == b
            assert len(set(walk.nodes)) == len(walk.nodes)
            assert all(
                eighties.has_edge(x, y) for x, y in zip(walk.nodes, walk.nodes[1:], strict=False)
            )


async def test_yen_runs_out_of_paths(eighties: nx.Graph, two_eras: nx.Graph) -> None:
    # A real chain of three: Gretzky, a teammate, and one of his teammates Gretzky never had.
    middle, third = next(
        (b, c)
        for b in sorted(eighties.adj["gretzwa01"])
        for c in sorted(eighties.adj[b])
        if c != "gretzwa01" and not eighties.has_edge("gretzwa01", c)
    )
    chain = eighties.subgraph(["gretzwa01", middle, third])
    walks = await k_shortest_simple_paths("gretzwa01", 5, spur_search_on(chain, third))
    assert [w.nodes for w in walks] == [("gretzwa01", middle, third)]
    assert await k_shortest_simple_paths("dyeba01", 3, spur_search_on(two_eras, "gretzwa01")) == []


@pytest.mark.parametrize("k", [2, 5, 9])
async def test_yen_from_the_listed_shortest_paths_matches_networkx(
    eighties: nx.Graph, k: int
) -> None:
    """Given every shortest path (as /paths/k lists them first), Yen goes on from there."""
    for a, b in sample_pairs(eighties, 8, seed=10 + k):
        shortest = [
            Walk(tuple(p), tuple("|".join(sorted(e)) for e in pairwise(p)))
            for p in nx.all_shortest_paths(eighties, a, b)
        ]
        walks = await k_shortest_simple_paths(a, k, spur_search_on(eighties, b), shortest)
        expected = list(islice(nx.shortest_simple_paths(eighties, a, b), k))
        assert [w.length for w in walks] == [len(p) - 1 for p in expected]
        assert len({w.nodes for w in walks}) == len(walks)
        assert walks[: len(shortest)] == shortest[:k]
        for walk in walks:
            assert len(set(walk.nodes)) == len(walk.nodes)
            assert all(eighties.has_edge(x, y) for x, y in pairwise(walk.nodes))


async def test_yen_puts_off_spur_searches_it_does_not_need(eighties: nx.Graph) -> None:
    """A candidate as short as the last path found is taken without a search: past the
    listed shortest paths, fewer rounds than one per path (plain Yen), same answers."""
    rounds = plain = 0
    for a, b in sample_pairs(eighties, 12, seed=7):
        shortest = [
            Walk(tuple(p), tuple("|".join(sorted(e)) for e in pairwise(p)))
            for p in nx.all_shortest_paths(eighties, a, b)
        ]
        search = spur_search_on(eighties, b)
        calls: list[int] = []

        async def counted(
            spurs: Sequence[Spur], search: Any = search, calls: list[int] = calls
        ) -> dict[int, Walk]:
            calls.append(len(spurs))
            found: dict[int, Walk] = await search(spurs)
            return found

        walks = await k_shortest_simple_paths(a, 6, counted, shortest)
        expected = list(islice(nx.shortest_simple_paths(eighties, a, b), 6))
        assert [w.length for w in walks] == [len(p) - 1 for p in expected]
        assert len(calls) <= max(0, len(walks) - len(shortest))
        rounds += len(calls)
        plain += max(0, len(walks) - len(shortest))
    assert rounds < plain
