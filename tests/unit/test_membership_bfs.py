"""The whole-graph breadth-first search through team-seasons (graph_api/graph/membership_bfs.py)
over real Databank rosters held in memory, against networkx on the teammate graph."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from api_reference_graph import databank_rosters, graph_from_rosters, roster_expand

from graph_api.graph.membership_bfs import membership_layers


@pytest.mark.parametrize(
    ("years", "source"), [(range(1979, 1985), "gretzwa01"), (range(1920, 1921), "dyeba01")]
)
async def test_membership_layers_match_networkx(
    shared_data: Path, years: range, source: str
) -> None:
    rosters = databank_rosters(shared_data, years)
    if years.start == 1920:  # two eras with no teammate between them
        rosters.update(databank_rosters(shared_data, range(1990, 1991)))
    graph = graph_from_rosters(rosters)
    layers = await membership_layers(source, roster_expand(rosters), 15)
    counts = Counter(nx.single_source_shortest_path_length(graph, source).values())
    assert layers == [counts[d] for d in range(len(counts))]
    assert sum(layers) < graph.number_of_nodes() or years.start != 1920


async def test_membership_layers_stop_at_max_hops(shared_data: Path) -> None:
    rosters = databank_rosters(shared_data, range(1979, 1985))
    full = await membership_layers("gretzwa01", roster_expand(rosters), 15)
    assert len(full) > 3
    assert await membership_layers("gretzwa01", roster_expand(rosters), 2) == full[:3]
