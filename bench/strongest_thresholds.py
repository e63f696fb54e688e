"""Would a sparse "strong link" relationship type help ``strategy=strongest``? (issue 13)

Any path whose weakest link is at least ``t`` lies in the links of strength >= ``t``, so a
type holding only those links could be searched instead of TEAMMATE_OF whenever the optimum
weakest link ``b*`` (over all shortest paths) is at least ``t``. For the benchmark's pairs
this prints, per threshold: the share of pairs with ``b* >= t`` (the sparse search answers
them), the links >= ``t`` (the size of the sparse type), and how many of the other pairs are
known to fall short from an endpoint alone (his strongest link is weaker than ``t``). Read
only, in memory with networkx (bench/README.md, "Issue 13, session 6").

Run (from the repository root, with a loaded graph):
    .venv/bin/python -m bench.strongest_thresholds --neo4j-uri bolt://127.0.0.1:PORT
"""

from __future__ import annotations

import argparse
import asyncio
import statistics

import neo4j
import networkx as nx

from bench.paths_driver import load_graph
from bench.paths_pairs import Pair, seeded_pairs
from graph_api.graph.catalog import QueryCatalog

THRESHOLDS = (3, 5, 10, 15, 20, 30, 50, 100)


def best_weakest_link(graph: nx.Graph, pair: Pair) -> int | None:
    """The largest weakest link over every shortest path of ``pair`` (None: not connected),
    by a max-min programme over the shortest-path DAG, layer by layer."""
    source, target = pair
    from_source = nx.single_source_shortest_path_length(graph, source)
    if target not in from_source:
        return None
    from_target = nx.single_source_shortest_path_length(graph, target)
    length = from_source[target]
    widest: dict[str, float] = {source: float("inf")}
    layer = [source]
    for step in range(1, length + 1):
        following: dict[str, float] = {}
        for node in layer:
            for nxt, link in graph.adj[node].items():
                if from_source.get(nxt) == step and from_target.get(nxt) == length - step:
                    value = min(widest[node], link["strength"])
                    following[nxt] = max(value, following.get(nxt, float("-inf")))
        widest.update(following)
        layer = list(following)
    return int(widest[target])


async def strength_graph(uri: str, password: str) -> nx.Graph:
    query = QueryCatalog.load()["bench/teammate_strengths"]
    async with neo4j.AsyncGraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
        return await load_graph(driver, query, attribute="strength")


def report(graph: nx.Graph, pairs: list[Pair]) -> list[str]:
    optimum = {pair: best_weakest_link(graph, pair) for pair in pairs}
    connected = {pair: b for pair, b in optimum.items() if b is not None}
    strongest_link = {p: max(e["strength"] for e in graph.adj[p].values()) for p in graph}
    strengths = [link["strength"] for _, _, link in graph.edges(data=True)]
    lines = [
        f"{len(connected)} connected pairs of {len(pairs)}; median b* "
        f"{statistics.median(connected.values())}; median link strength "
        f"{statistics.median(strengths)} ({len(strengths):,} links)"
    ]
    for t in THRESHOLDS:
        short = [pair for pair, b in connected.items() if b < t]
        flagged = sum(min(strongest_link[a], strongest_link[b]) < t for a, b in short)
        links = sum(s >= t for s in strengths)
        lines.append(
            f"t={t:>3}: b* >= t for {len(connected) - len(short)} pairs "
            f"({1 - len(short) / len(connected):.0%}); links >= t {links:,} "
            f"({links / len(strengths):.0%}); of the {len(short)} others {flagged} flagged "
            "by an endpoint's strongest link"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--neo4j-uri", required=True)
    parser.add_argument("--neo4j-password", default="puckpath-test-pw")
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--far", type=int, default=20)
    parser.add_argument("--huge", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20261126)
    args = parser.parse_args()
    graph = asyncio.run(strength_graph(args.neo4j_uri, args.neo4j_password))
    pairs = seeded_pairs(graph, args.pairs, args.far, args.seed, args.huge)
    print("\n".join(report(graph, pairs)))


if __name__ == "__main__":
    main()
