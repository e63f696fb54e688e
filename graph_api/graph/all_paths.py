"""All shortest paths in Cypher: listed and counted in one search, or counted alone.

Two players can be joined by hundreds of thousands of shortest paths. Up to ``ENUMERATE_CAP``
of them, one ``allShortestPaths`` search both counts them (about 4 us a path) and lists the
first ``limit`` (one round trip, one search, whatever the count); beyond, the exact count
comes from the layer-by-layer path counting of :mod:`graph_api.graph.path_counting` (a query
per layer, bounded by the graph's size, not by the number of paths).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from graph_api.graph.path_counting import Expand, PathCount, count_shortest_paths
from graph_api.graph.path_plan import PathPlan

Read = Callable[..., Awaitable[list[dict[str, Any]]]]

# Shortest paths enumerated by one search at most (a path is a few hundred bytes in Neo4j's
# memory while the listing query collects them); more are counted layer by layer.
ENUMERATE_CAP = 250_000


def _named(plain: str, constrained: str, plan: PathPlan) -> tuple[str, dict[str, Any]]:
    """The query to run (``constrained`` when the plan filters links) and its params."""
    if plan.params is None:
        return plain, {}
    return constrained, plan.params


async def list_and_count(
    read: Read, plan: PathPlan, limit: int, expand: Expand
) -> tuple[PathCount | None, list[dict[str, Any]]]:
    """The distance and exact number of shortest paths (None: no path at all) and the rows
    of the first ``limit`` of them (players and links, as ``read/shortest_path``)."""
    name, extra = _named(
        "read/all_shortest_paths_counted", "read/all_shortest_paths_counted_constrained", plan
    )
    rows = await read(
        name, from_id=plan.from_id, to_id=plan.to_id, cap=ENUMERATE_CAP, limit=limit, **extra
    )
    found = rows[0] if rows and rows[0]["paths"] else None
    if found is None:
        return None, []
    count: PathCount | None = PathCount(found["length"], found["paths"])
    if count is not None and count.paths >= ENUMERATE_CAP and count.distance <= plan.max_hops:
        count = await count_shortest_paths(plan.from_id, plan.to_id, expand, plan.max_hops)
    return count, found["listed"]


async def count_only(read: Read, plan: PathPlan, expand: Expand) -> PathCount | None:
    """The distance and exact number of shortest paths, listing none (None: no path within
    ``plan.max_hops``, or none at all)."""
    name, extra = _named("read/count_shortest_paths", "read/count_shortest_paths_constrained", plan)
    rows = await read(name, from_id=plan.from_id, to_id=plan.to_id, cap=ENUMERATE_CAP, **extra)
    if not rows or not rows[0]["paths"]:
        return None
    found = PathCount(rows[0]["length"], rows[0]["paths"])
    if found.paths < ENUMERATE_CAP or found.distance > plan.max_hops:
        return found
    return await count_shortest_paths(plan.from_id, plan.to_id, expand, plan.max_hops)
