"""An independent teammate graph, built straight from the raw files in ../shared/data.

The API computes paths in Cypher against the loaded Neo4j graph; the tests check it against
this graph, which shares no code with the loader. The rules are the ones in
docs/graph-model.md: two players are teammates when they appear for the same NHL team in the
same NHL season, counting every NHL row of the Databank's Scoring and Goalies tables and every
per-game appearance row; a Databank player is the person of the NHL id identity linking gives
him (``known_people.graph_ids``), and keeps his Databank id when it gives none.
"""

from __future__ import annotations

import csv
import gzip
import itertools
from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import networkx as nx
from known_people import graph_ids

from graph_api.graph.membership_bfs import ExpandMembers

# Databank team codes that differ from the NHL tricode of the same team-season.
DATABANK_TO_TRICODE = {
    "AND": "ANA",
    "CAL": "CGY",
    "CBS": "CBJ",
    "FLO": "FLA",
    "NAS": "NSH",
    "PHO": "PHX",
    "VEG": "VGK",
    "WAS": "WSH",
}
# The first Databank year (season start) that the per-game data also covers.
FIRST_SHARED_YEAR = 2009


def _rows(path: Path) -> Iterator[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def season_of_databank_year(year: int) -> int:
    """Databank ``year`` 1979 is the 8-digit season 19791980."""
    return year * 10000 + year + 1


@dataclass
class ReferenceGraph:
    """The teammate graph: ``graph`` edges carry ``seasons`` (a set of 8-digit seasons)."""

    graph: nx.Graph
    rosters: dict[tuple[str, int], set[str]] = field(default_factory=dict)

    def seasons(self, a: str, b: str) -> set[int]:
        data: set[int] = self.graph.edges[a, b]["seasons"]
        return data


def rosters_from_raw(data: Path) -> dict[tuple[str, int], set[str]]:
    """(team code, season) -> player ids, from the Databank NHL rows and the appearances."""
    to_nhl = graph_ids(data)
    rosters: dict[tuple[str, int], set[str]] = defaultdict(set)
    for table in ("Scoring.csv.gz", "Goalies.csv.gz"):
        for row in _rows(data / "hockey-databank" / table):
            if row["lgID"] != "NHL":
                continue
            year = int(row["year"])
            code = row["tmID"]
            if year >= FIRST_SHARED_YEAR:
                code = DATABANK_TO_TRICODE.get(code, code)
            player = to_nhl.get(row["playerID"], row["playerID"])
            rosters[(code, season_of_databank_year(year))].add(player)
    appearances = data / "modern" / "nhl_game_appearances_2009_2026.csv.gz"
    for row in _rows(appearances):
        rosters[(row["team_abbrev"], int(row["season"]))].add(row["player_id"])
    return dict(rosters)


def databank_rosters(data: Path, years: range) -> dict[tuple[str, int], set[str]]:
    """(team, season) -> Databank ids, for NHL Scoring rows of the given start years only."""
    rosters: dict[tuple[str, int], set[str]] = defaultdict(set)
    for row in _rows(data / "hockey-databank" / "Scoring.csv.gz"):
        if row["lgID"] == "NHL" and int(row["year"]) in years:
            rosters[(row["tmID"], season_of_databank_year(int(row["year"])))].add(row["playerID"])
    return dict(rosters)


def roster_expand(rosters: dict[tuple[str, int], set[str]]) -> ExpandMembers:
    """``read/expand_membership_layer`` over rosters held in memory: (frontier, players
    reached, team-seasons walked) -> (new team-seasons, new players)."""
    team_seasons_of: dict[str, set[str]] = defaultdict(set)
    for (team, season), players in rosters.items():
        for player in players:
            team_seasons_of[player].add(f"{team}-{season}")
    players_of = {f"{team}-{season}": players for (team, season), players in rosters.items()}

    async def expand(
        frontier: Collection[str], players: Collection[str], team_seasons: Collection[str]
    ) -> tuple[list[str], list[str]]:
        new_team_seasons = {ts for p in frontier for ts in team_seasons_of[p]} - set(team_seasons)
        reached = {p for ts in new_team_seasons for p in players_of[ts]} - set(players)
        return sorted(new_team_seasons), sorted(reached)

    return expand


def graph_from_rosters(rosters: dict[tuple[str, int], set[str]]) -> nx.Graph:
    graph = nx.Graph()
    seasons: dict[tuple[str, str], set[int]] = defaultdict(set)
    for (_, season), players in rosters.items():
        graph.add_nodes_from(players)
        for a, b in itertools.combinations(sorted(players), 2):
            seasons[(a, b)].add(season)
    graph.add_edges_from((a, b, {"seasons": s}) for (a, b), s in seasons.items())
    return graph


@cache
def reference_graph(data: Path) -> ReferenceGraph:
    """Built once per process (a few seconds)."""
    rosters = rosters_from_raw(data)
    return ReferenceGraph(graph_from_rosters(rosters), rosters)


def count_shortest_paths(graph: nx.Graph, source: str, target: str) -> tuple[int, int]:
    """(distance, number of shortest paths) by a plain BFS with path counting."""
    if source == target:
        return 0, 1
    distance = {source: 0}
    paths = {source: 1}
    frontier = [source]
    while frontier and target not in distance:
        layer: dict[str, int] = {}
        for node in frontier:
            for neighbour in graph.adj[node]:
                if neighbour in distance:
                    continue
                layer[neighbour] = layer.get(neighbour, 0) + paths[node]
        depth = distance[frontier[0]] + 1
        for node, count in layer.items():
            distance[node] = depth
            paths[node] = count
        frontier = list(layer)
    if target not in distance:
        raise nx.NetworkXNoPath(f"no path between {source} and {target}")
    return distance[target], paths[target]
