"""Breadth-first search over the whole graph through the team-seasons: how many players sit
at each distance from one player.

Walking TEAMMATE_OF (one link per pair of teammates, over half a million) from every player
of a big layer costs Neo4j seconds per layer; walking (Player)-[:PLAYED_FOR]->(TeamSeason)
touches each membership once, so the whole search is a few short queries
(``read/expand_membership_layer``, one per layer). Two players are teammates exactly when
they share a team-season, so the layers are the teammate graph's. Pure over its ``expand``
callable, so it is tested against an in-memory graph. The strongest path's layered search
takes the same steps (:func:`membership_steps`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection
from typing import Any

from graph_api.graph.path_plan import open_params
from graph_api.graph.repo import GraphRepo
from graph_api.graph.strongest import Step, Steps

# (frontier players, players reached, team-seasons reached) -> (new team-seasons, new players)
ExpandMembers = Callable[
    [Collection[str], Collection[str], Collection[str]],
    Awaitable[tuple[list[str], list[str]]],
]


async def membership_layers(source: str, expand: ExpandMembers, max_hops: int) -> list[int]:
    """How many players sit at each distance from ``source`` (index 0: the source), up to
    ``max_hops`` links."""
    frontier, players, team_seasons = [source], {source}, set[str]()
    sizes = [1]
    while frontier and len(sizes) <= max_hops:
        reached_team_seasons, frontier = await expand(frontier, players, team_seasons)
        team_seasons.update(reached_team_seasons)
        players.update(frontier)
        if frontier:
            sizes.append(len(frontier))
    return sizes


def membership_steps(expand: ExpandMembers) -> Steps:
    """``Steps`` of a two-sided search through the team-seasons: each side remembers the
    team-seasons it has walked (all their players are reached), so none is walked twice."""

    def side() -> Step:
        walked: set[str] = set()

        async def step(frontier: set[str], seen: set[str]) -> set[str]:
            team_seasons, players = await expand(frontier, seen, walked)
            walked.update(team_seasons)
            return set(players)

        return step

    return side


def cypher_expand(
    repo: GraphRepo, timeout_s: float, params: dict[str, Any] | None = None
) -> ExpandMembers:
    """``ExpandMembers`` by ``read/expand_membership_layer`` under the constraint ``params``
    (of ``PathPlan``, without min_games; None: the whole graph)."""
    constraints = params if params is not None else open_params()

    async def expand(
        frontier: Collection[str], players: Collection[str], team_seasons: Collection[str]
    ) -> tuple[list[str], list[str]]:
        rows = await repo.read_fast(
            "read/expand_membership_layer",
            timeout_s=timeout_s,
            frontier=list(frontier),
            seen_players=list(players),
            seen_team_seasons=list(team_seasons),
            **constraints,
        )
        return (rows[0]["team_seasons"], rows[0]["ids"]) if rows else ([], [])

    return expand
