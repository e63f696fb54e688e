"""Candidate shortest-path queries against the PLAYED_FOR baseline, paired and alternating
(as ``bench/paths_paired.py``), to iterate on ``read/shortest_path`` quickly.

Each candidate is a .cypher file (params $from_id, $to_id); every candidate's length must
equal the baseline's on every pair. Prints p50/p99 and each candidate / baseline ratio, and
with ``--profile`` the PROFILE db hits summed over the first pairs.

Run (from the repository root, with a loaded graph):
    .venv/bin/python -m bench.shortest_candidates --neo4j-uri bolt://127.0.0.1:PORT \
        cypher/read/shortest_path.cypher other.cypher
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path
from typing import Any

import neo4j
from neo4j import AsyncGraphDatabase

from bench.paths_driver import driver_caller, load_graph
from bench.paths_paired import paired, percentile
from bench.paths_pairs import Pair, seeded_pairs
from bench.paths_report import load_average
from graph_api.graph.catalog import QueryCatalog

BASELINE_FILE = Path("cypher/bench/membership_shortest_path.cypher")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("candidates", nargs="+", type=Path, help=".cypher files")
    parser.add_argument("--neo4j-uri", required=True)
    parser.add_argument("--neo4j-password", default="puckpath-test-pw")
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--far", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pairs-cache", type=Path, help="read/write the seeded pairs here")
    parser.add_argument("--profile", type=int, default=0, help="PROFILE the first n pairs")
    return parser.parse_args()


async def the_pairs(driver: neo4j.AsyncDriver, args: argparse.Namespace) -> list[Pair]:
    if args.pairs_cache and args.pairs_cache.exists():
        return [tuple(p) for p in json.loads(args.pairs_cache.read_text())]  # type: ignore[misc]
    graph = await load_graph(driver, QueryCatalog.load()["read/teammate_edges"])
    pairs = seeded_pairs(graph, args.pairs, args.far, args.seed, 0)
    if args.pairs_cache:
        args.pairs_cache.write_text(json.dumps(pairs))
    return pairs


async def db_hits(driver: neo4j.AsyncDriver, query: str, pairs: list[Pair]) -> int:
    def total(plan: Any) -> int:
        return int(plan.get("dbHits", 0)) + sum(total(c) for c in plan.get("children", []))

    hits = 0
    async with driver.session(database="neo4j") as session:
        for a, b in pairs:
            result = await session.run("PROFILE " + query, from_id=a, to_id=b)
            summary = await result.consume()
            hits += total(summary.profile)
    return hits


def read_queries(paths: list[Path]) -> dict[str, str]:
    """The baseline (first) as "baseline", each candidate by its path."""
    return {"baseline" if i == 0 else str(path): path.read_text() for i, path in enumerate(paths)}


async def main() -> None:
    args = parse_args()
    driver = AsyncGraphDatabase.driver(args.neo4j_uri, auth=("neo4j", args.neo4j_password))
    try:
        pairs = await the_pairs(driver, args)
        queries = read_queries([BASELINE_FILE, *args.candidates])
        calls = {name: driver_caller(driver, query) for name, query in queries.items()}
        expected = [await calls["baseline"](pair) for pair in pairs]
        for name, call in calls.items():
            got = [await call(pair) for pair in pairs]
            wrong = sum(g != e for g, e in zip(got, expected, strict=True))
            print(f"{name}: {wrong} lengths differ from the baseline")
        for name in list(calls)[1:]:  # each candidate paired with the baseline alone
            before = load_average()
            latencies = await paired(
                {"baseline": calls["baseline"], name: calls[name]}, pairs, args.rounds
            )
            base, values = latencies["baseline"], latencies[name]
            p50, p99 = percentile(values, 0.5), percentile(values, 0.99)
            # Each search against the baseline's on the same pair, adjacent in time.
            each = percentile([v / b for v, b in zip(values, base, strict=True)], 0.5)
            print(f"{name}: median of the per-pair ratios {each:.3f}x")
            print(
                f"{name}: p50 {p50 * 1e3:.2f} ms, p99 {p99 * 1e3:.2f} ms; baseline p50 "
                f"{percentile(base, 0.5) * 1e3:.2f} ms, p99 {percentile(base, 0.99) * 1e3:.2f} ms;"
                f" ratio p50 {p50 / percentile(base, 0.5):.3f}x p99 "
                f"{p99 / percentile(base, 0.99):.3f}x (load {before} -> {load_average()})"
            )
        if args.profile:
            for name, query in queries.items():
                print(f"{name}: db hits {await db_hits(driver, query, pairs[: args.profile])}")
    finally:
        await driver.close()


if __name__ == "__main__":
    asyncio.run(main())
