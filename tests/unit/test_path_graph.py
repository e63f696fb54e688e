"""The counting behind the picture of every shortest path (graph_api/graph/path_graph.py):
layers and paths through each player of a shortest-path DAG built from real Databank rosters,
against networkx's enumeration of every shortest path."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from api_reference_graph import databank_rosters, graph_from_rosters

from graph_api.graph.path_graph import layer_of, paths_through
from graph_api.graph.strongest import Dag


@pytest.fixture(scope="module")
def eighties(shared_data: Path) -> nx.Graph:
    return graph_from_rosters(databank_rosters(shared_data, range(1979, 1985)))


def shortest_path_dag(graph: nx.Graph, source: str, target: str) -> Dag:
    """Every link on some shortest path, pointing away from ``source``."""
    ahead = nx.single_source_shortest_path_length(graph, source)
    behind = nx.single_source_shortest_path_length(graph, target)
    length = ahead[target]
    dag: Dag = {}
    for a, b in graph.edges:
        for u, v in ((a, b), (b, a)):
            if u in ahead and v in behind and ahead[u] + 1 + behind[v] == length:
                dag.setdefault(u, {})[v] = 1
    return dag


def test_layers_and_paths_through_match_every_shortest_path(eighties: nx.Graph) -> None:
    nodes = sorted(eighties.nodes)
    rng = random.Random(13)
    checked = 0
    while checked < 12:
        source, target = rng.sample(nodes, 2)
        if not nx.has_path(eighties, source, target):
            continue
        paths = list(nx.all_shortest_paths(eighties, source, target))
        dag = shortest_path_dag(eighties, source, target)
        distance = layer_of(source, dag)
        assert distance == {node: i for path in paths for i, node in enumerate(path)}
        before, after = paths_through(source, target, dag)
        assert after[source] == before[target] == len(paths)
        through = Counter(node for path in paths for node in path)
        assert {node: before[node] * after[node] for node in distance} == dict(through)
        links = Counter((p[i], p[i + 1]) for p in paths for i in range(len(p) - 1))
        assert {(a, b): before[a] * after[b] for a in dag for b in dag[a]} == dict(links)
        checked += 1
