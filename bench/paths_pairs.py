"""The benchmark's player pairs and the networkx reference answers they are checked against.

Pairs are seeded: mostly random pairs of players, plus far pairs (6 hops or more: a random
player and a player drawn from his farthest layers), so the tail of every endpoint is
measured. Ids are never written here: every pair comes from the loaded graph.
"""

from __future__ import annotations

import random
from itertools import islice, pairwise

import networkx as nx

Pair = tuple[str, str]
FAR = 6  # hops: a "far" pair
HUGE = 50_000  # shortest paths: a "huge" pair (counted layer by layer by the API)


def seeded_pairs(graph: nx.Graph, total: int, far: int, seed: int, huge: int = 0) -> list[Pair]:
    """``total`` pairs: random ones, then ``far`` pairs at least FAR apart, then ``huge``
    pairs joined by more than HUGE shortest paths."""
    rng = random.Random(seed)
    players = sorted(graph.nodes)
    randoms = total - far - huge
    pairs: list[Pair] = [(a, b) for a, b in (rng.sample(players, 2) for _ in range(randoms))]
    far_pairs: list[Pair] = []
    while len(far_pairs) < far:
        source = rng.choice(players)
        distances = nx.single_source_shortest_path_length(graph, source)
        farthest = max(distances.values())
        if farthest < FAR:
            continue
        # Spread over the distances from FAR to the farthest, favouring the farthest.
        wanted = rng.randint(FAR, farthest) if rng.random() < 0.5 else farthest
        targets = sorted(p for p, d in distances.items() if d == wanted)
        if targets:
            far_pairs.append((source, rng.choice(targets)))
    return pairs + far_pairs + huge_pairs(graph, huge, rng)


def path_counts(graph: nx.Graph, source: str) -> dict[str, int]:
    """The number of shortest paths from ``source`` to every player it reaches."""
    paths = {source: 1}
    frontier = [source]
    while frontier:
        layer: dict[str, int] = {}
        for node in frontier:
            for neighbour in graph.adj[node]:
                if neighbour not in paths:
                    layer[neighbour] = layer.get(neighbour, 0) + paths[node]
        paths.update(layer)
        frontier = list(layer)
    return paths


def huge_pairs(graph: nx.Graph, n: int, rng: random.Random) -> list[Pair]:
    """``n`` pairs with more than HUGE shortest paths: from seeded players, the player each
    reaches by the most shortest paths (tries at most 50 players per pair)."""
    players = sorted(graph.nodes)
    found: list[Pair] = []
    for _ in range(50 * n):
        if len(found) == n:
            break
        source = rng.choice(players)
        counts = path_counts(graph, source)
        target = max(counts, key=lambda player: counts[player])
        if counts[target] > HUGE:
            found.append((source, target))
    return found


def shortest_count(graph: nx.Graph, a: str, b: str) -> tuple[int | None, int]:
    """Distance and number of shortest paths (breadth-first path counting, no listing)."""
    if a == b:
        return 0, 1
    paths = {a: 1}
    frontier = [a]
    depth = 0
    while frontier:
        depth += 1
        layer: dict[str, int] = {}
        for node in frontier:
            for neighbour in graph.adj[node]:
                if neighbour not in paths:
                    layer[neighbour] = layer.get(neighbour, 0) + paths[node]
        if b in layer:
            return depth, layer[b]
        paths.update(layer)
        frontier = list(layer)
    return None, 0


def yen_lengths(graph: nx.Graph, a: str, b: str, k: int) -> list[int]:
    """Lengths of the k shortest simple paths by networkx's own Yen."""
    return [len(path) - 1 for path in islice(nx.shortest_simple_paths(graph, a, b), k)]


def k_paths_problems(graph: nx.Graph, a: str, b: str, k: int, answer: list[list[str]]) -> list[str]:
    """What is wrong with a k-shortest answer (a list of player-id paths), if anything."""
    problems = []
    lengths = [len(path) - 1 for path in answer]
    if lengths != yen_lengths(graph, a, b, k):
        problems.append(f"lengths {lengths} differ from networkx")
    if len({tuple(path) for path in answer}) != len(answer):
        problems.append("duplicate paths")
    for path in answer:
        if path[0] != a or path[-1] != b or len(set(path)) != len(path):
            problems.append(f"not a simple {a}-{b} path: {path}")
        if not all(graph.has_edge(x, y) for x, y in pairwise(path)):
            problems.append(f"a hop is not a teammate link: {path}")
    return problems
