"""Path queries: shortest, all shortest (listed up to a cap, counted exactly), k shortest.

Every path is computed in Cypher by Neo4j's bidirectional ``ShortestPath`` operator (one
shortest path over the membership graph, the others over TEAMMATE_OF); the
constraints are per-relationship and per-node predicates so the planner keeps it (see
``cypher/read/shortest_path_constrained.cypher``). ``max_hops`` is checked on the answer,
not in the query: a path-length predicate would make Neo4j fall back to an exhaustive search.
Listing and counting all shortest paths is in :mod:`graph_api.graph.all_paths`, the k
shortest in :mod:`graph_api.graph.k_paths`. The endpoints are looked up only when a query
finds nothing, so a found path costs one round trip. Player ids may be aliases (Databank
ids): they are mapped to canonical ids first, from a per-version map
(:mod:`graph_api.graph.player_ids`), with no extra query.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from typing import Any

from graph_api.errors import InvalidInput, NotFound, Unavailable
from graph_api.graph.all_paths import count_only, list_and_count
from graph_api.graph.k_paths import k_shortest_walks
from graph_api.graph.membership_bfs import cypher_expand, membership_layers, membership_steps
from graph_api.graph.path_counting import Expand, PathCount
from graph_api.graph.path_plan import (
    PathPlan,
    constraint_params,
    no_path_reason,
    path_result,
)
from graph_api.graph.player_ids import PlayerIdsSource
from graph_api.graph.repo import GraphRepo
from graph_api.graph.strongest import Steps, counting_steps, cypher_links, strongest_shortest_path
from graph_api.graph.teams import TeamSeasonDirectory
from graph_api.models.paths import CYPHER_HOP_LIMIT, PathConstraints, PathResult, PathStrategy
from graph_api.models.refs import PlayerRef
from graph_api.settings import PathsSettings

__all__ = ["AllShortest", "PathConstraints", "PathFinding", "PathQueries", "PathResult"]

Directory = Callable[[], Awaitable[TeamSeasonDirectory]]
# /paths/shortest?strategy=strongest picks among up to this many shortest paths in one
# query; with more, it builds the shortest-path DAG layer by layer. The one query ranks
# 20,000 paths in ~0.1-0.4 s (~11 MB of Neo4j memory); the DAG, a dozen round trips with
# long id lists, took 0.2-0.7 s on top of the query for the pairs with 2,000-20,000
# shortest paths (bench/README.md, issue 13, session 5).
STRONGEST_CAP = 20_000
# /paths/k may run several queries (Yen's rounds); all together get this many query timeouts.
K_BUDGET_FACTOR = 2


@dataclass(frozen=True)
class PathFinding:
    """Shortest or k-shortest answer: the paths (shortest first) or the reason for none."""

    source: PlayerRef
    target: PlayerRef
    paths: list[PathResult]
    reason: str | None

    @property
    def path(self) -> PathResult | None:
        return self.paths[0] if self.paths else None


@dataclass(frozen=True)
class AllShortest:
    """All-shortest answer: up to ``limit`` paths and the exact number of shortest paths."""

    source: PlayerRef
    target: PlayerRef
    length: int | None
    total: int
    paths: list[PathResult]
    reason: str | None


class PathQueries:
    """Teammate paths between two players, explained hop by hop."""

    def __init__(
        self,
        repo: GraphRepo,
        directory: Directory,
        settings: PathsSettings,
        player_ids: PlayerIdsSource,
    ) -> None:
        self._repo = repo
        self._directory = directory
        self._settings = settings
        self._player_ids = player_ids

    # --- the interface --------------------------------------------------------------------

    async def shortest(
        self, from_id: str, to_id: str, constraints: PathConstraints | None = None
    ) -> PathResult | None:
        """One shortest path, or None when none passes the constraints."""
        return (await self.find_shortest(from_id, to_id, constraints)).path

    async def all_shortest(
        self,
        from_id: str,
        to_id: str,
        constraints: PathConstraints | None = None,
        limit: int = 10,
    ) -> AllShortest:
        """Up to ``limit`` shortest paths and the exact number of shortest paths."""
        plan = await self._plan(from_id, to_id, constraints)
        from_id, to_id = plan.from_id, plan.to_id  # canonical ids
        if from_id == to_id:
            single = await self._single(plan)
            return AllShortest(single.source, single.target, 0, 1, single.paths, None)
        count, listed = await list_and_count(self._read, plan, limit, self._expander(plan.params))
        if count is None or count.distance > plan.max_hops:
            source, target = await self._endpoints(plan)
            reason = no_path_reason(plan, source, target, count.distance if count else None)
            return AllShortest(source, target, None, 0, [], reason)
        paths = [path_result(row, plan) for row in listed]
        return AllShortest(
            paths[0].players[0], paths[0].players[-1], count.distance, count.paths, paths, None
        )

    async def count_shortest(
        self, from_id: str, to_id: str, constraints: PathConstraints | None = None
    ) -> PathCount | None:
        """Distance and number of shortest paths (None: no path within the constraints)."""
        plan = await self._plan(from_id, to_id, constraints)
        from_id, to_id = plan.from_id, plan.to_id  # canonical ids
        if from_id == to_id:
            await self.require_players([from_id])
            return PathCount(0, 1)
        count = await count_only(self._read, plan, self._expander(plan.params))
        if count is None or count.distance > plan.max_hops:
            await self.require_players([from_id, to_id])
            return None
        return count

    async def find_shortest(
        self,
        from_id: str,
        to_id: str,
        constraints: PathConstraints | None = None,
        strategy: PathStrategy = "any",
    ) -> PathFinding:
        """A shortest path: Neo4j's first (``any``) or the strongest of all of them."""
        plan = await self._plan(from_id, to_id, constraints)
        from_id, to_id = plan.from_id, plan.to_id  # canonical ids
        if from_id == to_id:
            return await self._single(plan)
        if strategy == "strongest":
            found = await self._strongest(plan)
            if found is not None:
                return found
        if plan.params is None:
            rows = await self._read("read/shortest_path", from_id=from_id, to_id=to_id)
        else:
            # Windows, teams and exclusions are per team-season or per player: the search
            # stays on the membership graph; games together need the TEAMMATE_OF links.
            name = "read/shortest_path_members_constrained"
            if plan.constraints.min_games is not None:
                name = "read/shortest_path_constrained"
            rows = await self._read(name, from_id=from_id, to_id=to_id, **plan.params)
        return await self._finding(plan, [path_result(row, plan) for row in rows])

    async def _strongest(self, plan: PathPlan) -> PathFinding | None:
        """One query when there are at most STRONGEST_CAP shortest paths; else the DAG."""
        name, extra = "read/strongest_of_shortest_paths", {}
        if plan.params is not None:
            name, extra = "read/strongest_of_shortest_paths_constrained", plan.params
        rows = await self._read(
            name, from_id=plan.from_id, to_id=plan.to_id, cap=STRONGEST_CAP, **extra
        )
        enumerated = rows[0]["paths"] if rows else 0
        if not enumerated:
            return None  # no path: the plain search below says why
        if enumerated < STRONGEST_CAP:
            return await self._finding(plan, [path_result(row, plan) for row in rows])
        links = cypher_links(self._read, plan.query_params)
        steps = self.steps(plan)
        ids = await strongest_shortest_path(plan.from_id, plan.to_id, steps, links, plan.max_hops)
        if ids is None:
            return None
        rows = await self._read("read/path_by_ids", ids=ids)
        return await self._finding(plan, [path_result(row, plan) for row in rows])

    async def find_k_shortest(
        self, from_id: str, to_id: str, constraints: PathConstraints | None = None, k: int = 3
    ) -> PathFinding:
        """The shortest paths listed, then Yen's algorithm when there are fewer than k."""
        plan = await self._plan(from_id, to_id, constraints)
        from_id, to_id = plan.from_id, plan.to_id  # canonical ids
        if from_id == to_id:
            return await self._single(plan)
        try:
            async with asyncio.timeout(K_BUDGET_FACTOR * self._settings.query_timeout_s):
                walks = await k_shortest_walks(self._read, plan, k)
        except TimeoutError:
            raise Unavailable(f"the {k} shortest paths took too long to find") from None
        paths = [
            path_result({"players": list(w.node_data), "links": list(w.link_data)}, plan)
            for w in walks
        ]
        return await self._finding(plan, paths)

    async def distance_layers(self, source_id: str) -> list[int]:
        """Players at each distance from ``source_id`` (index 0 is the player himself)."""
        source_id = (await self._player_ids()).canonical(source_id)
        await self.require_players([source_id])
        expand = cypher_expand(self._repo, self._settings.query_timeout_s)
        return await membership_layers(source_id, expand, CYPHER_HOP_LIMIT)

    async def players(self, ids: Collection[str]) -> dict[str, PlayerRef]:
        """The players that exist among ``ids``, keyed by the id as given (an alias too);
        each ref carries the canonical id."""
        player_ids = await self._player_ids()
        canonical = {given: player_ids.canonical(given) for given in ids}
        rows = await self._read("read/players_by_ids", ids=sorted(set(canonical.values())))
        refs = {ref.id: ref for ref in (PlayerRef.model_validate(row["player"]) for row in rows)}
        return {given: refs[found] for given, found in canonical.items() if found in refs}

    async def require_players(self, ids: Collection[str]) -> dict[str, PlayerRef]:
        """Like ``players``, raising NotFound (naming the ids) when any is missing."""
        found = await self.players(ids)
        missing = sorted(set(ids) - found.keys())
        if missing:
            raise NotFound(f"no player with id {', '.join(missing)}")
        return found

    # --- for searches built on the same plan (graph_api/graph/path_graph.py) --------------

    async def plan(self, from_id: str, to_id: str, constraints: PathConstraints | None) -> PathPlan:
        """The checked request: canonical ids, the hop cap, the constraint params."""
        return await self._plan(from_id, to_id, constraints)

    def steps(self, plan: PathPlan) -> Steps:
        """The layered search's steps under the plan: through the allowed team-seasons (a
        few times cheaper than walking TEAMMATE_OF from a big layer); with min_games, a
        pair's own games together, over the links that pass (``read/expand_layer_constrained``)."""
        if plan.constraints.min_games is not None:
            return counting_steps(self._expander(plan.params))
        timeout_s = self._settings.query_timeout_s
        return membership_steps(cypher_expand(self._repo, timeout_s, plan.params))

    async def endpoints(self, plan: PathPlan) -> tuple[PlayerRef, PlayerRef]:
        return await self._endpoints(plan)

    # --- planning -------------------------------------------------------------------------

    async def _plan(
        self, from_id: str, to_id: str, constraints: PathConstraints | None
    ) -> PathPlan:
        constraints = constraints or PathConstraints()
        player_ids = await self._player_ids()
        from_id, to_id = player_ids.canonical_all((from_id, to_id))
        if constraints.exclude:
            exclude = player_ids.canonical_all(constraints.exclude)
            constraints = constraints.model_copy(update={"exclude": exclude})
        max_hops = self._max_hops(constraints)
        if from_id in constraints.exclude or to_id in constraints.exclude:
            raise InvalidInput("exclude may not contain the start or end player")
        directory = await self._directory()
        params = constraint_params(constraints, directory)
        if constraints.exclude:
            found = await self.players(constraints.exclude)
            unknown = sorted(set(constraints.exclude) - found.keys())
            if unknown:
                raise InvalidInput(f"exclude names unknown player id(s): {', '.join(unknown)}")
        return PathPlan(from_id, to_id, constraints, max_hops, params, directory)

    def _max_hops(self, constraints: PathConstraints) -> int:
        allowed = self._settings.max_hops  # at most CYPHER_HOP_LIMIT (the settings check it)
        if constraints.max_hops is None:
            return allowed
        if constraints.max_hops > allowed:
            raise InvalidInput(f"max_hops may be at most {allowed}")
        return constraints.max_hops

    # --- running and shaping --------------------------------------------------------------

    async def _read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        timeout_s = self._settings.query_timeout_s
        return await self._repo.read_values(name, timeout_s=timeout_s, **params)

    def _expander(self, params: dict[str, Any] | None) -> Expand:
        name = "read/expand_layer" if params is None else "read/expand_layer_constrained"
        extra = params or {}

        async def expand(frontier: dict[str, int], seen: Collection[str]) -> dict[str, int]:
            rows = await self._read(
                name,
                frontier=[{"id": node, "paths": paths} for node, paths in frontier.items()],
                seen=list(seen),
                **extra,
            )
            return dict(zip(rows[0]["ids"], rows[0]["paths"], strict=True)) if rows else {}

        return expand

    async def _endpoints(self, plan: PathPlan) -> tuple[PlayerRef, PlayerRef]:
        found = await self.require_players({plan.from_id, plan.to_id})
        return found[plan.from_id], found[plan.to_id]

    async def _single(self, plan: PathPlan) -> PathFinding:
        player = (await self.require_players([plan.from_id]))[plan.from_id]
        return PathFinding(player, player, [PathResult(length=0, players=[player], hops=[])], None)

    async def _finding(self, plan: PathPlan, paths: list[PathResult]) -> PathFinding:
        within = [path for path in paths if path.length <= plan.max_hops]
        if within:
            return PathFinding(within[0].players[0], within[0].players[-1], within, None)
        source, target = await self._endpoints(plan)
        shortest = paths[0].length if paths else None
        return PathFinding(source, target, [], no_path_reason(plan, source, target, shortest))
