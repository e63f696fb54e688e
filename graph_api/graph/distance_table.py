"""A player's distance table: how many players sit at 1, 2, 3 ... links from him."""

from __future__ import annotations

from graph_api.graph.paths import PathQueries
from graph_api.models.players import DistanceCount, PlayerDistances


async def player_distances(paths: PathQueries, player_id: str) -> PlayerDistances:
    """The distance table of a player (any of his ids), with his mean distance and the
    farthest anyone is (the numbers the centrality phase stores, computed afresh by one
    breadth-first search, :mod:`graph_api.graph.membership_bfs`)."""
    player = (await paths.require_players([player_id]))[player_id]
    sizes = await paths.distance_layers(player.id)
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
