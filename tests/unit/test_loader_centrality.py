"""The centre of the hockey universe, checked against networkx on the real teammate graph."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from api_fixtures import GRETZKY, MESSIER
from api_reference_graph import reference_graph

from loader.centrality import centre_rows, centres, decade_of, membership_eras, rows_of
from loader.snapshot import EMBEDDED_SNAPSHOT, Snapshot
from loader.teammates import GameBits, TeammateIndex


@pytest.fixture(scope="module")
def eighties(shared_data: Path) -> nx.Graph:
    """The teammate graph of the 1980s: links made in a season 1980-81 .. 1989-90."""
    graph = reference_graph(shared_data).graph
    return nx.Graph(
        (a, b) for a, b, seasons in graph.edges(data="seasons") if 1980 in map(decade_of, seasons)
    )


def test_average_distance_and_eccentricity_match_networkx(eighties: nx.Graph) -> None:
    found = centres(list(eighties.edges))
    assert set(found) == set(eighties.nodes)
    for player in (GRETZKY, MESSIER):
        lengths = nx.single_source_shortest_path_length(eighties, player)
        others = [d for d in lengths.values() if d > 0]
        assert found[player].average_distance == round(sum(others) / len(others), 4)
        assert found[player].eccentricity == max(others)


def test_rank_orders_the_largest_component_by_average_distance(eighties: nx.Graph) -> None:
    found = centres(list(eighties.edges))
    largest = max(nx.connected_components(eighties), key=len)
    ranked = sorted(largest, key=lambda p: found[p].average_distance)
    assert found[ranked[0]].rank == 1
    assert [found[p].rank for p in ranked] == sorted(found[p].rank or 0 for p in ranked)
    closeness = nx.closeness_centrality(eighties, u=ranked[0])
    assert round(1 / closeness, 4) == found[ranked[0]].average_distance


def test_rows_carry_the_decades_a_player_has_links_in(shared_data: Path) -> None:
    graph = reference_graph(shared_data).graph
    links = [(a, b, sorted(s)) for a, b, s in graph.edges(data="seasons") if a < b] + [
        (b, a, sorted(s)) for a, b, s in graph.edges(data="seasons") if b < a
    ]
    gretzky_links = [link for link in links if GRETZKY in link[:2]]
    rows = {row["id"]: row for row in centre_rows([GRETZKY], gretzky_links)}
    # Gretzky played 1979-80 .. 1998-99: the 1970s, 1980s and 1990s.
    assert rows[GRETZKY]["era_decades"] == [1970, 1980, 1990]
    assert rows[GRETZKY]["eccentricity"] == 1


def test_centres_from_memberships_equal_the_centres_of_the_links() -> None:
    """The import computes the centres from who played for which team-season (the embedded
    snapshot's rows here, so this runs without ../shared/data); those of the 1980s give the
    same figures as the search over their TEAMMATE_OF links."""
    data = Snapshot.open(EMBEDDED_SNAPSHOT).graph_data()
    seasons = {ts.id: ts.season for ts in data.team_seasons}
    memberships = [
        (r.player, r.team_season)
        for r in data.played_for
        if decade_of(seasons[r.team_season]) == 1980
    ]
    index = TeammateIndex(
        memberships, {ts.id: (ts.season, ts.team_id) for ts in data.team_seasons}, GameBits()
    )
    links = [(row.a, row.b, row.seasons) for row in index.rows()]
    players = sorted({player for player, _ in memberships})
    overall, by_era = membership_eras(memberships, seasons)
    assert sorted(by_era) == [1980]
    assert rows_of(players, overall, by_era) == centre_rows(players, links)
    assert overall[GRETZKY].rank is not None
