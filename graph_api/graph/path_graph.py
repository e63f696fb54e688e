"""The picture of every shortest path: the shortest-path graph between two players, layer by
layer, with how many shortest paths go through each player and link.

Built like the strongest path (:mod:`graph_api.graph.strongest`): the layered search finds
the layers, ``read/layer_links`` walks back from where the two searches met, which keeps
only the players and links on some shortest path (the DAG). Counting paths through each
player is then two passes over the DAG (from the start, from the end). Beyond ``per_layer``
players a layer only the busiest connectors are kept (the strongest path's always); the
rest is summarised per layer. The links drawn get their evidence in one more query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any

from graph_api.graph.path_plan import PathPlan, hop_evidence, no_path_reason
from graph_api.graph.paths import PathQueries
from graph_api.graph.strongest import Dag, best_path, cypher_links, shortest_layers
from graph_api.graph.strongest import shortest_path_dag as walk_dag
from graph_api.models.path_graph import GraphLayer, GraphLink, GraphPlayer, PathGraph
from graph_api.models.paths import PathConstraints

Read = Callable[..., Awaitable[list[dict[str, Any]]]]


def layer_of(source: str, dag: Dag) -> dict[str, int]:
    """Each player's distance from ``source`` along the DAG."""
    distance = {source: 0}
    layer = [source]
    while layer:
        following = sorted({nxt for node in layer for nxt in dag.get(node, {})} - distance.keys())
        for node in following:
            distance[node] = distance[layer[0]] + 1
        layer = following
    return distance


def paths_through(source: str, target: str, dag: Dag) -> tuple[dict[str, int], dict[str, int]]:
    """Shortest paths from ``source`` to each player, and from each player to ``target``."""
    distance = layer_of(source, dag)
    order = sorted(distance, key=lambda node: distance[node])
    before: dict[str, int] = defaultdict(int, {source: 1})
    for node in order:
        for nxt in dag.get(node, {}):
            before[nxt] += before[node]
    after: dict[str, int] = defaultdict(int, {target: 1})
    for node in reversed(order):
        if node != target:
            after[node] = sum(after[nxt] for nxt in dag.get(node, {}))
    return dict(before), dict(after)


class PathGraphQueries:
    """The shortest-path graph of two players, summarised for drawing."""

    def __init__(self, paths: PathQueries, read: Read) -> None:
        self._paths = paths
        self._read = read

    async def graph(
        self,
        from_id: str,
        to_id: str,
        constraints: PathConstraints | None = None,
        per_layer: int = 12,
    ) -> PathGraph:
        plan = await self._paths.plan(from_id, to_id, constraints)
        source, target = await self._paths.endpoints(plan)
        answer: dict[str, Any] = {
            "from": source,
            "to": target,
            "constraints": plan.constraints,
            "per_layer": per_layer,
        }
        if plan.from_id == plan.to_id:
            only = GraphPlayer(player=source, paths_through=1, on_strongest=True)
            layer = GraphLayer(
                distance=0, players=[only], total_players=1, hidden_players=0, hidden_paths=0
            )
            return PathGraph.model_validate(
                {
                    **answer,
                    "length": 0,
                    "total_paths": 1,
                    "strongest": [source.id],
                    "layers": [layer],
                    "links": [],
                }
            )
        steps = self._paths.steps(plan)
        layers = await shortest_layers(plan.from_id, plan.to_id, steps, plan.max_hops)
        if layers is None:
            reason = no_path_reason(plan, source, target, None)
            return PathGraph.model_validate(
                {
                    **answer,
                    "length": None,
                    "total_paths": 0,
                    "strongest": [],
                    "layers": [],
                    "links": [],
                    "reason": reason,
                }
            )
        dag = await walk_dag(layers, cypher_links(self._read, plan.query_params))
        return PathGraph.model_validate({**answer, **await self._summary(plan, dag, per_layer)})

    async def _summary(self, plan: PathPlan, dag: Dag, per_layer: int) -> dict[str, Any]:
        source, target = plan.from_id, plan.to_id
        before, after = paths_through(source, target, dag)
        through = {node: before[node] * after.get(node, 0) for node in before}
        strongest = best_path(source, target, dag)
        on_strongest = set(strongest)
        distance = layer_of(source, dag)
        by_layer: dict[int, list[str]] = defaultdict(list)
        for node, d in distance.items():
            if through.get(node):
                by_layer[d].append(node)
        shown: dict[int, list[str]] = {}
        for d, nodes in by_layer.items():
            nodes.sort(key=lambda node: (node not in on_strongest, -through[node], node))
            kept = nodes[:per_layer]
            shown[d] = sorted(kept, key=lambda node: (-through[node], node))
        drawn = {node for nodes in shown.values() for node in nodes}
        refs = await self._paths.players(drawn)
        pairs = [[a, b] for a in drawn for b in dag.get(a, {}) if b in drawn]
        rows = await self._read("read/teammate_links_of_pairs", pairs=pairs) if pairs else []
        evidence = {(row["a"], row["b"]): row["link"] for row in rows}
        links = []
        for a, b in pairs:
            hop = hop_evidence(a, b, evidence.get((a, b), {"seasons": [], "teams": []}), plan)
            links.append(
                GraphLink(
                    from_id=a,
                    to_id=b,
                    paths_through=before[a] * after.get(b, 0),
                    on_strongest=a in on_strongest
                    and b in on_strongest
                    and strongest.index(b) == strongest.index(a) + 1,
                    strength=hop.strength if hop.strength is not None else dag[a][b],
                    strength_estimated=hop.strength_estimated,
                    team_seasons=hop.team_seasons,
                )
            )
        links.sort(key=lambda link: (distance[link.from_id], -link.paths_through, link.from_id))
        total = after.get(source, 0)
        layers = [
            GraphLayer(
                distance=d,
                players=[
                    GraphPlayer(
                        player=refs[node],
                        paths_through=through[node],
                        on_strongest=node in on_strongest,
                    )
                    for node in shown[d]
                ],
                total_players=len(by_layer[d]),
                hidden_players=len(by_layer[d]) - len(shown[d]),
                hidden_paths=total - sum(through[node] for node in shown[d]),
            )
            for d in sorted(shown)
        ]
        return {
            "length": len(strongest) - 1,
            "total_paths": total,
            "strongest": strongest,
            "layers": layers,
            "links": links,
        }
