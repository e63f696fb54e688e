"""The k shortest simple paths in Cypher: the shortest ones listed, the rest by Yen.

The first paths come straight from the all-shortest-paths listing (``LIMIT k``, one query):
for most pairs there are at least ``k`` shortest paths and that is the answer. Only when
there are fewer does Yen's algorithm (``yen.py``) look further: each round's spur searches
go to Neo4j as ``SPUR_QUERIES`` queries at once (the spurs dealt out in turn), so a round
of 5-25 bidirectional searches uses both cores instead of running one after the other in
one query; spurs and bans are element ids, so the searches read no property to check a ban.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from graph_api.graph.path_plan import PathPlan
from graph_api.graph.yen import Spur, Walk, k_shortest_simple_paths

Read = Callable[..., Awaitable[list[dict[str, Any]]]]

# Spur-search queries run at once per Yen round (one per core of the database's machine).
SPUR_QUERIES = 2


def walk(row: dict[str, Any]) -> Walk:
    """A path row with ``node_ids`` and ``link_ids`` (element ids) as a ``Walk``."""
    return Walk(
        tuple(row["node_ids"]), tuple(row["link_ids"]), tuple(row["players"]), tuple(row["links"])
    )


async def k_shortest_walks(read: Read, plan: PathPlan, k: int) -> list[Walk]:
    """Up to ``k`` shortest simple paths from ``plan.from_id`` to ``plan.to_id``."""
    listing, spur_query = "read/all_shortest_paths", "read/spur_paths"
    extra: dict[str, Any] = {}
    if plan.params is not None:
        listing, spur_query = "read/all_shortest_paths_constrained", "read/spur_paths_constrained"
        extra = plan.params
    rows = await read(listing, from_id=plan.from_id, to_id=plan.to_id, limit=k, **extra)
    shortest = [walk(row) for row in rows]
    if not shortest or len(shortest) >= k:
        return shortest

    async def one_query(spurs: Sequence[Spur]) -> list[dict[str, Any]]:
        return await read(
            spur_query,
            to_id=plan.to_id,
            spurs=[
                {
                    "index": spur.index,
                    "from": spur.start,
                    "banned_nodes": sorted(spur.banned_nodes),
                    "banned_links": sorted(spur.banned_links),
                }
                for spur in spurs
            ],
            **extra,
        )

    async def spur_search(spurs: Sequence[Spur]) -> dict[int, Walk]:
        shares = [spurs[i::SPUR_QUERIES] for i in range(min(SPUR_QUERIES, len(spurs)))]
        found = await asyncio.gather(*(one_query(share) for share in shares))
        return {row["spur"]: walk(row) for rows in found for row in rows}

    return await k_shortest_simple_paths(shortest[0].nodes[0], k, spur_search, shortest)
