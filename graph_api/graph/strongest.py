"""The strongest shortest path: among ALL shortest paths, the one whose weakest link is
strongest (ties: the larger total strength, then the smaller player ids, hop by hop).

A link's strength is the games the two played together (``TEAMMATE_OF.strength``,
docs/graph-model.md). The search never lists the shortest paths (there can be hundreds of
thousands); it builds the shortest-path DAG with Cypher and runs a widest-path programme
over its layers:

1. a bidirectional layered breadth-first search (one query per layer; each side takes its
   ``Step``) keeps every layer until the two sides meet. A step walks the allowed
   team-seasons (:func:`graph_api.graph.membership_bfs.membership_steps`), or with
   min_games the TEAMMATE_OF links that pass (:func:`counting_steps`);
2. walking back from the meeting players towards each end, ``links`` (one query per layer)
   returns the links between a layer and the one before it, so only players on some
   shortest path are kept: the DAG;
3. in memory: the best weakest link ``B`` (a max-min programme), then among the DAG's links
   of strength >= ``B`` the largest total (a max-sum programme from the target back), then
   the path itself, from the start, taking at each step the best continuation with the
   smaller id.

Pure over its callables, so it is tested against an in-memory graph and networkx.
``PathQueries`` first tries ``read/strongest_of_shortest_paths`` (one query that enumerates
and ranks up to ``STRONGEST_CAP`` shortest paths, the common case) and comes here beyond.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from graph_api.graph.path_counting import Expand

# (players of one layer, players of the next layer) -> links (a, b, strength), a in the first
Links = Callable[[Collection[str], Collection[str]], Awaitable[list[tuple[str, str, int]]]]
Read = Callable[..., Awaitable[list[dict[str, Any]]]]
Dag = dict[str, dict[str, int]]  # player -> {next player towards the target: strength}
# One breadth-first step of one side: (its frontier, every player it has reached) -> the
# players one link further that it has not reached.
Step = Callable[[set[str], set[str]], Awaitable[set[str]]]
# A new Step for each side of a search (a step may remember what its side has walked).
Steps = Callable[[], Step]


@dataclass
class _Side:
    step: Step
    layers: list[set[str]]
    seen: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.seen.update(self.layers[0])


@dataclass(frozen=True)
class Layers:
    """The players at each distance from the start: ``players[meeting]`` are exactly the
    players where the two searches met (all on shortest paths), the others a superset."""

    players: list[set[str]]
    meeting: int


async def shortest_layers(source: str, target: str, steps: Steps, max_hops: int) -> Layers | None:
    """The layers of the shortest paths from ``source`` to ``target``, or None when they
    are more than ``max_hops`` apart (or not connected)."""
    forward, backward = _Side(steps(), [{source}]), _Side(steps(), [{target}])
    while len(forward.layers) + len(backward.layers) - 2 < max_hops:
        side = min((forward, backward), key=lambda s: len(s.layers[-1]))
        other = backward if side is forward else forward
        if not side.layers[-1]:
            return None
        layer = await side.step(side.layers[-1], side.seen)
        meeting = layer & other.layers[-1]
        if meeting:
            side.layers.append(meeting)
            before, after = forward.layers[:-1], list(reversed(backward.layers[:-1]))
            return Layers([*before, meeting, *after], len(before))
        side.seen.update(layer)
        side.layers.append(layer)
    return None


async def shortest_path_dag(layers: Layers, links: Links) -> Dag:
    """The links of every shortest path, found by walking out from the meeting layer."""
    dag: Dag = {}

    async def walk(step: int) -> None:
        index, current = layers.meeting, layers.players[layers.meeting]
        while 0 <= index + step < len(layers.players):
            reached = set()
            for a, b, strength in await links(current, layers.players[index + step]):
                start, end = (b, a) if step < 0 else (a, b)
                dag.setdefault(start, {})[end] = strength
                reached.add(b)
            current, index = reached, index + step

    await asyncio.gather(walk(-1), walk(1))
    return dag


async def strongest_shortest_path(
    source: str, target: str, steps: Steps, links: Links, max_hops: int
) -> list[str] | None:
    """The ids of the strongest shortest path, or None when there is no path within
    ``max_hops``."""
    if source == target:
        return [source]
    layers = await shortest_layers(source, target, steps, max_hops)
    if layers is None:
        return None
    return best_path(source, target, await shortest_path_dag(layers, links))


def counting_steps(expand: Expand) -> Steps:
    """``Steps`` by a path-counting ``expand`` (its counts are not needed here)."""

    async def step(frontier: set[str], seen: set[str]) -> set[str]:
        return set(await expand(dict.fromkeys(frontier, 1), seen))

    return lambda: step


def cypher_links(read: Read, params: dict[str, Any]) -> Links:
    """``Links`` by ``read/layer_links`` under the constraint ``params``."""

    async def links(first: Collection[str], second: Collection[str]) -> list[tuple[str, str, int]]:
        rows = await read("read/layer_links", **{"from": list(first), "to": list(second)}, **params)
        if not rows:
            return []
        return list(zip(rows[0]["a"], rows[0]["b"], rows[0]["strength"], strict=True))

    return links


def best_path(source: str, target: str, dag: Dag) -> list[str]:
    """The path of the DAG with the strongest weakest link, then the largest total, then
    the smaller ids from the start."""
    order = _topological(source, dag)
    widest = {source: float("inf")}
    for node in order:
        for nxt, strength in dag.get(node, {}).items():
            value = min(widest[node], strength)
            if value > widest.get(nxt, float("-inf")):
                widest[nxt] = value
    bottleneck = widest[target]
    total: dict[str, int] = {target: 0}
    for node in reversed(order):
        options = [
            strength + total[nxt]
            for nxt, strength in dag.get(node, {}).items()
            if strength >= bottleneck and nxt in total
        ]
        if options and node != target:
            total[node] = max(options)
    path = [source]
    while path[-1] != target:
        node = path[-1]
        choices = (
            (-(strength + total[nxt]), nxt)
            for nxt, strength in dag[node].items()
            if strength >= bottleneck and nxt in total
        )
        path.append(min(choices)[1])
    return path


def _topological(source: str, dag: Dag) -> list[str]:
    """The DAG's players layer by layer from ``source``."""
    order, layer = [source], [source]
    placed = {source}
    while layer:
        following = sorted({nxt for node in layer for nxt in dag.get(node, {})} - placed)
        placed.update(following)
        order.extend(following)
        layer = following
    return order
