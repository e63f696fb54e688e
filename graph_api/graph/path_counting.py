"""Counting shortest paths without listing them: a bidirectional, layered breadth-first search.

Two players can be joined by hundreds of thousands of shortest paths, so the exact count
comes from path counting, not from enumeration. Each side keeps its frontier as
``{player id: number of shortest paths from its end}``; the side with the smaller frontier
takes one step (``expand``, one Cypher query per step). The first step whose new layer
touches the other side's frontier fixes the distance ``d``: every shortest path crosses
exactly one node of that layer, so the count is the sum of ``paths_here * paths_there``
over the meeting players.

The search is a pure core over an ``expand`` callable (the query), so it can be tested
against an in-memory graph.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, field

# (frontier {id: paths}, every id this side has reached) -> new layer {id: paths}
Expand = Callable[[dict[str, int], Collection[str]], Awaitable[dict[str, int]]]


@dataclass(frozen=True)
class PathCount:
    distance: int
    paths: int


@dataclass
class _Side:
    frontier: dict[str, int]
    seen: set[str] = field(default_factory=set)
    depth: int = 0

    def __post_init__(self) -> None:
        self.seen.update(self.frontier)


async def count_shortest_paths(
    source: str, target: str, expand: Expand, max_hops: int
) -> PathCount | None:
    """Distance and number of shortest paths, or None when none is at most ``max_hops``."""
    if source == target:
        return PathCount(0, 1)
    ends = _Side({source: 1}), _Side({target: 1})
    while ends[0].depth + ends[1].depth < max_hops:
        side, other = sorted(ends, key=lambda s: len(s.frontier))
        if not side.frontier:
            return None
        layer = await expand(side.frontier, side.seen)
        meeting = layer.keys() & other.frontier.keys()
        if meeting:
            paths = sum(layer[node] * other.frontier[node] for node in meeting)
            return PathCount(side.depth + 1 + other.depth, paths)
        side.seen.update(layer)
        side.frontier = layer
        side.depth += 1
    return None
