"""Path benchmark: /paths/shortest end to end vs its Cypher through the driver vs networkx,
the membership-graph baseline, and the hard questions (/paths/k, /paths/all).

On the full imported graph, for PAIRS seeded player pairs (random ones plus FAR pairs 6 or
more hops apart), side by side in one run:

(a) REST: ``GET /paths/shortest`` on a real uvicorn process (path cache off, so every answer
    is computed), over keep-alive HTTP/1.1 connections, for each ``--strategies``
    (``any`` and ``strongest``; goal: strongest p50 within 1.5x of any);
(b) driver: ``cypher/read/shortest_path.cypher`` through the neo4j async driver, one
    auto-commit transaction per pair, exactly as the API runs it; with two more driver
    rows: the bare shortestPath over (:Player)-[:PLAYED_FOR]-(:TeamSeason) (the closest
    peer's design, the baseline) and the shortestPath over TEAMMATE_OF (our query before);
(c) networkx: ``bidirectional_shortest_path`` on the same graph held in memory;
(d) strongest against any, paired pair by pair through REST and the driver
    (``--strategy-rounds``, :mod:`bench.paths_strategies`);
(e) the hard questions over REST, one at a time: ``/paths/k`` k=3 and k=10, ``/paths/all``
    (exact count), and 8 k=10 requests at once for the 8 farthest pairs.

(a) and (b) at concurrency 1 and 32 (networkx at 1 only: it is CPU-bound Python under the
GIL). Reports percentiles, throughput, the REST/driver and ours/baseline ratios and the
machine's load average; checks every length against networkx, every /paths/all count
against networkx's path counting, and /paths/k against networkx's Yen for a sample of pairs.

Run (from the repository root, with a loaded graph):
    PUCKPATH_LOADED_NEO4J_URI=bolt://127.0.0.1:PORT .venv/bin/python -m bench.paths_bench
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import neo4j
import networkx as nx
from neo4j import AsyncGraphDatabase

from bench.paths_driver import driver_caller, load_graph, plan_operators
from bench.paths_hard import HardRun, bench_hard, slowest
from bench.paths_http import api_server, pool_opener, rest_caller
from bench.paths_paired import paired, paired_lines
from bench.paths_pairs import Pair, seeded_pairs
from bench.paths_report import (
    BASELINE,
    BEFORE,
    OURS,
    Run,
    load_average,
    markdown,
    ratios,
    summarise,
)
from bench.paths_strategies import paired_strategies
from graph_api.graph.catalog import QueryCatalog
from graph_api.runtime.providers import free_port
from graph_api.runtime.redis_local import LocalRedisServer

READY_FILE = Path("/tmp/puckpath-dev/READY")
# Driver rows: (label, query name, how a row gives the length).
DRIVER_QUERIES = {
    OURS: "read/shortest_path",
    BASELINE: "bench/membership_shortest_path",
    BEFORE: "bench/teammate_shortest_path",
}
# /paths/shortest per strategy: "any" runs read/shortest_path (compared with the driver),
# "strongest" (the default) picks the strongest of all shortest paths (goal: p50 <= 1.5x any).
REST_LABELS = {"any": "REST /paths/shortest", "strongest": "REST strategy=strongest"}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_uri = os.environ.get("PUCKPATH_LOADED_NEO4J_URI") or (
        READY_FILE.read_text().strip() if READY_FILE.exists() else None
    )
    parser.add_argument("--neo4j-uri", default=default_uri)
    parser.add_argument("--neo4j-password", default="puckpath-test-pw")
    parser.add_argument("--pairs", type=int, default=200, help="pairs in all (random + far)")
    parser.add_argument("--far", type=int, default=20, help="of them, pairs >= 6 hops apart")
    parser.add_argument(
        "--huge", type=int, default=3, help="of them, pairs with > 50,000 shortest paths"
    )
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 32])
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument(
        "--lean-server",
        action="store_true",
        help="plain uvicorn without the access log, metrics in process (the server before "
        "2026-12-02; default: as `puckpath serve` runs it, bench/paths_server.py)",
    )
    parser.add_argument("--warmup", type=int, default=300, help="unmeasured requests first")
    parser.add_argument(
        "--passes",
        type=int,
        default=5,
        help="rows with concurrency > 1 go over the pairs this many times (one pass of 200 "
        "requests at c=32 lasts ~0.4 s: its req/s swings with the first and last waves)",
    )
    parser.add_argument(
        "--yen-every", type=int, default=5, help="check /paths/k on every n-th pair"
    )
    parser.add_argument("--no-hard", action="store_true", help="skip /paths/k and /paths/all")
    parser.add_argument(
        "--only-hard",
        action="store_true",
        help="only /paths/k and /paths/all (no /paths/shortest, driver or cached rows)",
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--paired-rounds", type=int, default=2, help="rounds of ours vs baseline, pair by pair"
    )
    parser.add_argument(
        "--strategy-rounds",
        type=int,
        default=2,
        help="rounds of strongest vs any, pair by pair, through REST and the driver (0: none)",
    )
    parser.add_argument(
        "--strategies",
        nargs="+",
        default=["any", "strongest"],
        choices=["any", "strongest"],
        help="the /paths/shortest strategies to measure (goal: strongest p50 <= 1.5x any)",
    )
    return parser.parse_args()


async def measure(
    call: Callable[[Pair], Awaitable[Any]], pairs: list[Pair], concurrency: int
) -> tuple[list[float], list[Any], float]:
    """Run ``call`` over every pair with ``concurrency`` callers; latencies, results, wall."""
    latencies = [0.0] * len(pairs)
    results: list[Any] = [None] * len(pairs)
    cursor = iter(range(len(pairs)))

    async def caller() -> None:
        for i in cursor:
            started = time.perf_counter()
            results[i] = await call(pairs[i])
            latencies[i] = time.perf_counter() - started

    started = time.perf_counter()
    await asyncio.gather(*(caller() for _ in range(concurrency)))
    return latencies, results, time.perf_counter() - started


def mismatches(label: str, lengths: list[Any], expected: list[int | None]) -> int:
    wrong = sum(1 for got, want in zip(lengths, expected, strict=True) if got != want)
    failed = [got for got in lengths if isinstance(got, str)]
    print(f"{label}: {wrong} of {len(expected)} lengths differ from networkx")
    if failed:
        print(f"  of them {len(failed)} failed requests, e.g. {failed[0]}")
    return wrong


async def bench_server(
    args: argparse.Namespace,
    redis_url: str,
    pairs: list[Pair],
    warm: list[Pair],
    expected: list[int | None],
    driver: neo4j.AsyncDriver,
    catalog: QueryCatalog,
    graph: nx.Graph,
    cache: int,
) -> tuple[list[Run], list[HardRun], list[str], list[str]]:
    """REST (and, for the uncached server, the driver rows, strongest vs any paired and the
    hard questions); the last list: the paired lines."""
    runs: list[Run] = []
    hard: list[HardRun] = []
    problems: list[str] = []
    lines: list[str] = []
    with api_server(
        args.neo4j_uri,
        args.neo4j_password,
        redis_url,
        args.workers,
        cache,
        lean=args.lean_server,
    ) as port:
        for concurrency in [] if args.only_hard else args.concurrency:
            passes = args.passes if concurrency > 1 else 1
            rows, want = pairs * passes, expected * passes
            for strategy in ["any"] if cache else args.strategies:
                label = "REST (cached)" if cache else REST_LABELS[strategy]
                call, close = rest_caller(port, concurrency, strategy)
                await measure(call, warm, concurrency)
                if cache:
                    await measure(call, pairs, concurrency)  # fill the cache
                latencies, lengths, wall = await measure(call, rows, concurrency)
                close()
                runs.append(summarise(label, concurrency, latencies, wall))
                if mismatches(f"{label} c={concurrency}", lengths, want):
                    problems.append(f"{label} c={concurrency}: lengths differ from networkx")
            if cache:
                continue
            for method, name in DRIVER_QUERIES.items():
                d_call = driver_caller(driver, catalog[name])
                await measure(d_call, warm, concurrency)
                latencies, lengths, wall = await measure(d_call, rows, concurrency)
                runs.append(summarise(method, concurrency, latencies, wall))
                if mismatches(f"{method} c={concurrency}", lengths, want):
                    problems.append(f"{method} c={concurrency}: lengths differ from networkx")
        if not cache and not args.only_hard and args.strategy_rounds:
            rounds = args.strategy_rounds
            lines = await paired_strategies(port, driver, catalog, pairs, warm, rounds)
        if not cache and not args.no_hard:
            farthest = sorted(pairs, key=lambda p: expected[pairs.index(p)] or 0)[-8:]
            hard, found = await bench_hard(
                pool_opener(port), graph, pairs, farthest, args.yen_every
            )
            problems += found
    return runs, hard, problems, lines


def bench_networkx(graph: nx.Graph, pairs: list[Pair]) -> tuple[Run, list[int | None]]:
    lengths: list[int | None] = []
    latencies = []
    started = time.perf_counter()
    for a, b in pairs:
        t = time.perf_counter()
        try:
            lengths.append(len(nx.bidirectional_shortest_path(graph, a, b)) - 1)
        except nx.NetworkXNoPath:
            lengths.append(None)
        latencies.append(time.perf_counter() - t)
    return summarise("networkx in memory", 1, latencies, time.perf_counter() - started), lengths


def hard_rows(hard: list[HardRun]) -> list[Run]:
    # One request at a time (req/s over their sum), except the burst: all at once.
    return [
        summarise(h.name, len(h.latencies), h.latencies, max(h.latencies))
        if h.burst
        else summarise(h.name, 1, h.latencies, sum(h.latencies))
        for h in hard
    ]


async def main() -> None:
    args = parse_args()
    if not args.neo4j_uri:
        raise SystemExit("no loaded Neo4j: pass --neo4j-uri or set PUCKPATH_LOADED_NEO4J_URI")
    catalog = QueryCatalog.load()
    driver = AsyncGraphDatabase.driver(
        args.neo4j_uri, auth=("neo4j", args.neo4j_password), max_connection_pool_size=100
    )
    started_load = load_average()
    try:
        graph = await load_graph(driver, catalog["read/teammate_edges"])
        pairs = seeded_pairs(graph, args.pairs, args.far, args.seed, args.huge)
        warm = seeded_pairs(graph, args.warmup, 0, args.seed + 1)
        print(f"graph: {graph.number_of_nodes()} players, {graph.number_of_edges()} links")
        plans = {}
        for name in DRIVER_QUERIES.values():
            plans[name] = await plan_operators(driver, catalog[name], pairs[0])
            print(f"plan of {name}: {' <- '.join(plans[name])}")
        nx_run, expected = bench_networkx(graph, pairs)
        runs, hard, problems, strategy_found = [nx_run], [], [], []
        with tempfile.TemporaryDirectory(prefix="paths-bench-") as home:
            redis = LocalRedisServer(Path(home) / "redis", free_port())
            redis.start()
            try:
                for cache in (0,) if args.only_hard else (0, 100000):
                    more, more_hard, found, lines = await bench_server(
                        args, redis.url, pairs, warm, expected, driver, catalog, graph, cache
                    )
                    strategy_found += lines
                    runs += more
                    hard += more_hard
                    problems += found
            finally:
                redis.stop()
        calls = {m: driver_caller(driver, catalog[DRIVER_QUERIES[m]]) for m in (OURS, BASELINE)}
        paired_found = paired_lines(await paired(calls, pairs, args.paired_rounds))
    finally:
        await driver.close()
    order = [*REST_LABELS.values(), OURS, BASELINE, BEFORE, "networkx in memory", "REST (cached)"]
    runs.sort(key=lambda r: (order.index(r.method), r.concurrency))
    runs += hard_rows(hard)
    print(markdown(runs))
    print("\n".join(ratios(runs)))
    print("\n".join(paired_found))
    print("\n".join(strategy_found))
    distances = [d for d in expected if d is not None]
    print(
        f"pairs: {len(pairs)} (seed {args.seed}; {args.far} of them >= 6 hops, "
        f"{args.huge} with > 50,000 shortest paths), "
        f"mean distance {statistics.mean(distances):.2f}, max {max(distances)}"
    )
    for run in hard:
        if run.name == "REST /paths/all":
            huge = sum(1 for a in run.answers if (a.get("total_paths") or 0) > 50_000)
            print(f"/paths/all: {huge} pairs with more than 50,000 shortest paths")
    for run in hard:
        if not run.burst:
            print(f"slowest of {run.name}:", *slowest(run), sep="\n")
    print(f"load average at the start {started_load}, at the end {load_average()}")
    print("correctness:", "all answers agree with networkx" if not problems else "PROBLEMS")
    for problem in problems:
        print("  ", problem)
    if args.json:
        args.json.write_text(
            json.dumps(
                {"plans": plans, "runs": [asdict(r) for r in runs], "problems": problems},
                indent=2,
            )
        )


if __name__ == "__main__":
    asyncio.run(main())
