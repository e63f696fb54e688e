"""Yen's algorithm: the k shortest simple paths, from a shortest-path search with bans.

Each round takes the latest path, and for every player on it (the spur) asks for the
shortest path from the spur to the target that avoids the players before the spur and the
links that earlier paths with the same start took out of the spur. All spur searches of a
round go to ``search`` in one call (one Cypher query). The pure core works on ``Walk``
values and knows nothing about Neo4j, so it can be tested against an in-memory graph.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Walk:
    """A simple path: player ids, link ids, and whatever data rides along with each."""

    nodes: tuple[str, ...]
    links: tuple[str, ...]
    node_data: tuple[Any, ...] = ()
    link_data: tuple[Any, ...] = ()

    @property
    def length(self) -> int:
        return len(self.links)

    def root(self, spur: int) -> Walk:
        """The first ``spur`` links (the path up to and including node ``spur``)."""
        return Walk(
            self.nodes[: spur + 1],
            self.links[:spur],
            self.node_data[: spur + 1],
            self.link_data[:spur],
        )

    def then(self, tail: Walk) -> Walk:
        """This walk followed by ``tail``, which starts at this walk's last node."""
        return Walk(
            self.nodes + tail.nodes[1:],
            self.links + tail.links,
            self.node_data + tail.node_data[1:],
            self.link_data + tail.link_data,
        )


@dataclass(frozen=True)
class Spur:
    """One spur search: from ``start`` to the target, avoiding the banned nodes and links."""

    index: int
    start: str
    banned_nodes: frozenset[str]
    banned_links: frozenset[str]


SpurSearch = Callable[[Sequence[Spur]], Awaitable[dict[int, Walk]]]


async def k_shortest_simple_paths(source: str, k: int, search: SpurSearch) -> list[Walk]:
    """Up to ``k`` shortest simple paths from ``source``, shortest first, no duplicates."""
    first = (await search([Spur(0, source, frozenset(), frozenset())])).get(0)
    if first is None or k < 1:
        return []
    found = [first]
    known = {first.nodes}
    tie = itertools.count()
    candidates: list[tuple[int, int, Walk]] = []
    while len(found) < k:
        latest = found[-1]
        spurs: list[Spur] = []
        for i in range(latest.length):
            root = latest.root(i)
            banned_links = frozenset(
                path.links[i]
                for path in found
                if path.length > i and path.nodes[: i + 1] == root.nodes
            )
            spurs.append(Spur(i, latest.nodes[i], frozenset(root.nodes[:-1]), banned_links))
        tails = await search(spurs)
        for i, tail in tails.items():
            walk = latest.root(i).then(tail)
            if walk.nodes not in known and len(set(walk.nodes)) == len(walk.nodes):
                known.add(walk.nodes)
                heapq.heappush(candidates, (walk.length, next(tie), walk))
        if not candidates:
            break
        found.append(heapq.heappop(candidates)[2])
    return found
