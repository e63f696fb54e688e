"""The strongest shortest path's pure core against a brute force over networkx, on a real
teammate graph (Databank rosters 1979-80 .. 1984-85; a link's strength here is its number
of shared seasons, so many links tie and the tie-breaks are exercised). The layered search
takes both kinds of steps: over the links (with constraints) and through the team-seasons."""

from __future__ import annotations

import random
from collections.abc import Collection
from itertools import pairwise
from pathlib import Path

import networkx as nx
import pytest
from api_reference_graph import databank_rosters, graph_from_rosters, roster_expand

from graph_api.graph.membership_bfs import membership_steps
from graph_api.graph.strongest import Steps, best_path, counting_steps, strongest_shortest_path

Rosters = dict[tuple[str, int], set[str]]


@pytest.fixture(scope="module")
def rosters(shared_data: Path) -> Rosters:
    return databank_rosters(shared_data, range(1979, 1985))


@pytest.fixture(scope="module")
def eighties(rosters: Rosters) -> nx.Graph:
    return graph_from_rosters(rosters)


@pytest.fixture(params=["links", "team-seasons"])
def steps(request: pytest.FixtureRequest, rosters: Rosters, eighties: nx.Graph) -> Steps:
    if request.param == "links":
        return counting_steps(expand_on(eighties))
    return membership_steps(roster_expand(rosters))


def strength(graph: nx.Graph, a: str, b: str) -> int:
    return len(graph.edges[a, b]["seasons"])


def expand_on(graph: nx.Graph):  # type: ignore[no-untyped-def]
    async def expand(frontier: dict[str, int], seen: Collection[str]) -> dict[str, int]:
        layer: dict[str, int] = {}
        for node, paths in frontier.items():
            for neighbour in graph.adj[node]:
                if neighbour not in seen:
                    layer[neighbour] = layer.get(neighbour, 0) + paths
        return layer

    return expand


def links_on(graph: nx.Graph, calls: list[int]):  # type: ignore[no-untyped-def]
    async def links(first: Collection[str], second: Collection[str]) -> list[tuple[str, str, int]]:
        calls.append(len(first))
        wanted = set(second)
        return [(a, b, strength(graph, a, b)) for a in first for b in graph.adj[a] if b in wanted]

    return links


def brute_force(graph: nx.Graph, a: str, b: str) -> list[str]:
    """Every shortest path listed; the best by weakest link, total, then ids."""

    def key(path: list[str]) -> tuple[int, int, list[str]]:
        values = [strength(graph, x, y) for x, y in pairwise(path)]
        return (-min(values), -sum(values), path)

    return min(nx.all_shortest_paths(graph, a, b), key=key)


def sample_pairs(graph: nx.Graph, n: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    nodes = sorted(graph.nodes)
    return [tuple(rng.sample(nodes, 2)) for _ in range(n)]  # type: ignore[misc]


async def test_strongest_path_matches_a_brute_force_enumeration(
    eighties: nx.Graph, steps: Steps
) -> None:
    pairs = [
        ("gretzwa01", "bossymi01"),
        ("gretzwa01", "dionnma01"),
        *sample_pairs(eighties, 25, 3),
    ]
    for a, b in pairs:
        if not nx.has_path(eighties, a, b):
            continue
        calls: list[int] = []
        found = await strongest_shortest_path(a, b, steps, links_on(eighties, calls), max_hops=15)
        assert found == brute_force(eighties, a, b), (a, b)
        assert len(calls) == len(found) - 1


async def test_hop_cap_self_and_teammates(eighties: nx.Graph, steps: Steps) -> None:
    calls: list[int] = []
    links = links_on(eighties, calls)
    distance = nx.shortest_path_length(eighties, "gretzwa01", "bossymi01")
    assert (
        await strongest_shortest_path("gretzwa01", "bossymi01", steps, links, distance - 1) is None
    )
    assert await strongest_shortest_path("gretzwa01", "gretzwa01", steps, links, 15) == [
        "gretzwa01"
    ]
    direct = await strongest_shortest_path("gretzwa01", "messima01", steps, links, 15)
    assert direct == ["gretzwa01", "messima01"]


def test_the_weakest_link_wins_over_the_total() -> None:
    # Two shortest paths: a weak link with a large total loses to the stronger weakest link.
    dag = {"a": {"b": 1, "c": 5}, "b": {"d": 100}, "c": {"d": 5}}
    assert best_path("a", "d", dag) == ["a", "c", "d"]
    tied = {"a": {"b": 5, "c": 5}, "b": {"d": 6}, "c": {"d": 9}}
    assert best_path("a", "d", tied) == ["a", "c", "d"]
    even = {"a": {"c": 5, "b": 5}, "b": {"d": 5}, "c": {"d": 5}}
    assert best_path("a", "d", even) == ["a", "b", "d"]
