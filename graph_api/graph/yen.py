"""Yen's algorithm: the k shortest simple paths, from a shortest-path search with bans.

Each round takes the latest path, and for every player on it (the spur) asks for the
shortest path from the spur to the target that avoids the players before the spur and the
links that earlier paths with the same start took out of the spur. All spur searches of a
round go to ``search`` in one call (``k_paths.py`` sends them as two Cypher queries at
once). The pure core works on ``Walk`` values and knows nothing about Neo4j, so it can be
tested against an in-memory graph.

When every shortest path is known already (the all-shortest-paths listing), the first
paths need no search at all: they are taken in the listing's order, and when there are
fewer than ``k`` of them, the spurs of all of them go to ``search`` together (the bans of
the j-th path are the links of paths 1..j, as if Yen had found them in that order).
Searches are also put off: no path still unfound is shorter than the last one found, so a
candidate of that length is taken at once, and the spurs of the paths found meanwhile are
searched together when the candidates run out or are all longer (for k=3 past a single
shortest path: one round instead of two).
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Awaitable, Callable, Iterator, Sequence
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


def _spurs(path: Walk, found: Sequence[Walk], first: int) -> list[tuple[int, Spur]]:
    """The spur searches of ``path`` from position ``first`` on, banning what ``found`` took."""
    spurs = []
    for i in range(first, path.length):
        root = path.nodes[: i + 1]
        banned_links = frozenset(
            other.links[i] for other in found if other.length > i and other.nodes[: i + 1] == root
        )
        spurs.append((i, Spur(0, path.nodes[i], frozenset(root[:-1]), banned_links)))
    return spurs


def _deviation(path: Walk, earlier: Sequence[Walk]) -> int:
    """Where ``path`` leaves the earlier path it shares the longest start with (0: none)."""
    shared = 0
    for other in earlier:
        same = 0
        for mine, theirs in zip(path.nodes, other.nodes, strict=False):
            if mine != theirs:
                break
            same += 1
        shared = max(shared, same)
    return max(shared - 1, 0)


async def k_shortest_simple_paths(
    source: str, k: int, search: SpurSearch, shortest: Sequence[Walk] | None = None
) -> list[Walk]:
    """Up to ``k`` shortest simple paths from ``source``, shortest first, no duplicates.

    ``shortest``, when given, must hold every shortest path (or at least ``k`` of them).
    """
    if k < 1:
        return []
    if shortest is None:
        first = (await search([Spur(0, source, frozenset(), frozenset())])).get(0)
        found = [first] if first is not None else []
    else:
        found = list(shortest[:k])
    if not found or len(found) >= k:
        return found
    known = {path.nodes for path in found}
    tie = itertools.count()
    candidates: list[tuple[int, int, Walk, int]] = []
    # (path, first spur) still to search: a path found as the spur-i detour of another
    # shares that path's first i links, so its spurs before i would repeat those searches
    # (Lawler's refinement of Yen).
    # A listed shortest path is treated the same way: as the detour of the earlier path it
    # shares the longest start with.
    pending = [(j, _deviation(found[j], found[:j])) for j in range(len(found))]
    while len(found) < k:
        # No path still unfound is shorter than the last one found: a candidate of that
        # length is the next path, and the pending spurs are searched only when none is
        # left (one round for all of them, with each path's own bans, as if searched when
        # it was found).
        if not candidates or candidates[0][0] > found[-1].length:
            await _search_pending(found, pending, search, known, candidates, tie)
            pending = []
        if not candidates:
            break
        _, _, walk, deviation = heapq.heappop(candidates)
        found.append(walk)
        pending.append((len(found) - 1, deviation))
    return found


async def _search_pending(
    found: Sequence[Walk],
    pending: Sequence[tuple[int, int]],
    search: SpurSearch,
    known: set[tuple[str, ...]],
    candidates: list[tuple[int, int, Walk, int]],
    tie: Iterator[int],
) -> None:
    """Every spur search of the pending paths in one ``search``; new paths become
    candidates (with the spur where they leave their path)."""
    roots: dict[int, tuple[Walk, int]] = {}
    spurs: list[Spur] = []
    for j, first_spur in pending:
        for i, spur in _spurs(found[j], found[: j + 1], first_spur):
            index = len(spurs)
            roots[index] = (found[j], i)
            spurs.append(Spur(index, spur.start, spur.banned_nodes, spur.banned_links))
    if not spurs:
        return
    tails = await search(spurs)
    for index, tail in tails.items():
        path, i = roots[index]
        walk = path.root(i).then(tail)
        if walk.nodes not in known and len(set(walk.nodes)) == len(walk.nodes):
            known.add(walk.nodes)
            heapq.heappush(candidates, (walk.length, next(tie), walk, i))
