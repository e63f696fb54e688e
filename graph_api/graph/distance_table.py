"""A player's distance table: how many players sit at 1, 2, 3 ... links from him.

A breadth-first search over the whole graph, one query per layer
(``read/expand_membership_layer``: through the team-seasons, which is far cheaper than
walking every TEAMMATE_OF link). Pure over its ``expand`` callable, so it is tested against
an in-memory graph too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection

from graph_api.graph.paths import PathQueries
from graph_api.graph.repo import GraphRepo
from graph_api.models.players import DistanceCount, PlayerDistances

# (frontier players, players reached, team-seasons reached) -> (new team-seasons, new players)
ExpandMembers = Callable[
    [Collection[str], Collection[str], Collection[str]],
    Awaitable[tuple[list[str], list[str]]],
]


async def membership_layers(source: str, expand: ExpandMembers) -> list[int]:
    """How many players sit at each distance from ``source`` (index 0: the source)."""
    frontier, players, team_seasons = [source], {source}, set[str]()
    sizes = [1]
    while frontier:
        reached_team_seasons, frontier = await expand(frontier, players, team_seasons)
        team_seasons.update(reached_team_seasons)
        players.update(frontier)
        if frontier:
            sizes.append(len(frontier))
    return sizes


def cypher_expand(repo: GraphRepo, timeout_s: float) -> ExpandMembers:
    async def expand(
        frontier: Collection[str], players: Collection[str], team_seasons: Collection[str]
    ) -> tuple[list[str], list[str]]:
        rows = await repo.read_fast(
            "read/expand_membership_layer",
            timeout_s=timeout_s,
            frontier=list(frontier),
            seen_players=list(players),
            seen_team_seasons=list(team_seasons),
        )
        return (rows[0]["team_seasons"], rows[0]["ids"]) if rows else ([], [])

    return expand


async def player_distances(
    repo: GraphRepo, paths: PathQueries, player_id: str, timeout_s: float
) -> PlayerDistances:
    """The distance table of a player (any of his ids), with his mean distance and the
    farthest anyone is (the numbers the centrality phase stores, computed afresh)."""
    player = (await paths.require_players([player_id]))[player_id]
    sizes = await membership_layers(player.id, cypher_expand(repo, timeout_s))
    counts = [DistanceCount(distance=d, players=n) for d, n in enumerate(sizes) if d > 0]
    connected = sum(count.players for count in counts)
    total = sum(count.distance * count.players for count in counts)
    return PlayerDistances(
        player=player,
        distances=counts,
        connected=connected,
        average_distance=round(total / connected, 4) if connected else None,
        eccentricity=counts[-1].distance if counts else 0,
    )
