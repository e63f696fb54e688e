"""Path benchmark: /paths/shortest end to end vs the same Cypher through the driver vs networkx.

On the full imported graph, for PAIRS seeded random player pairs, side by side in one run:

(a) REST: ``GET /paths/shortest`` on a real uvicorn process (path cache off, so every answer
    is computed), over keep-alive HTTP/1.1 connections, for each ``--strategies``
    (``any`` and ``strongest``; goal: strongest p50 within 1.5x of any);
(b) driver: ``cypher/read/shortest_path.cypher`` through the neo4j async driver, one
    auto-commit transaction per pair, exactly as the API runs it;
(c) networkx: ``bidirectional_shortest_path`` on the same graph held in memory.

Each at concurrency 1 and 32 (networkx at 1 only: it is CPU-bound Python under the GIL).
Reports p50/p95/p99 latency and throughput, checks that every REST length equals the
networkx length, shows the query plan, and finally measures the REST answers from the cache.

Run (from the repository root, with a loaded graph):
    PUCKPATH_LOADED_NEO4J_URI=bolt://127.0.0.1:PORT .venv/bin/python -m bench.paths_bench
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx
import neo4j
import networkx as nx
from neo4j import AsyncGraphDatabase

from graph_api.graph.catalog import QueryCatalog
from graph_api.runtime.redis_local import LocalRedisServer
from graph_api.runtime.services import free_port

READY_FILE = Path("/tmp/puckpath-dev/READY")
Pair = tuple[str, str]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_uri = os.environ.get("PUCKPATH_LOADED_NEO4J_URI") or (
        READY_FILE.read_text().strip() if READY_FILE.exists() else None
    )
    parser.add_argument("--neo4j-uri", default=default_uri)
    parser.add_argument("--neo4j-password", default="puckpath-test-pw")
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 32])
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--warmup", type=int, default=300, help="unmeasured requests first")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--strategies",
        nargs="+",
        default=["any", "strongest"],
        choices=["any", "strongest"],
        help="the /paths/shortest strategies to measure (goal: strongest p50 <= 1.5x any)",
    )
    return parser.parse_args()


@dataclass
class Run:
    method: str
    concurrency: int
    requests: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    throughput_per_s: float


def summarise(method: str, concurrency: int, latencies: list[float], wall: float) -> Run:
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000

    return Run(
        method,
        concurrency,
        len(ordered),
        round(pct(50), 3),
        round(pct(95), 3),
        round(pct(99), 3),
        round(statistics.mean(ordered) * 1000, 3),
        round(len(ordered) / wall, 1),
    )


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


# --- (a) REST over raw keep-alive HTTP/1.1 (so the client adds as little as possible) -----


class HttpConnection:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: bench\r\n\r\n".encode())
        status = int((await self.reader.readline()).split()[1])
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def rest_caller(
    port: int, connections: int, strategy: str = "any"
) -> tuple[Callable[[Pair], Awaitable[int]], Any]:
    pool = [HttpConnection("127.0.0.1", port) for _ in range(connections)]
    free: asyncio.Queue[HttpConnection] = asyncio.Queue()
    for connection in pool:
        free.put_nowait(connection)

    async def call(pair: Pair) -> int:
        connection = await free.get()
        try:
            status, body = await connection.get(
                f"/paths/shortest?from={pair[0]}&to={pair[1]}&strategy={strategy}"
            )
        finally:
            free.put_nowait(connection)
        if status != 200:
            raise RuntimeError(f"HTTP {status} for {pair}: {body[:200]!r}")
        length: int = json.loads(body)["length"]
        return length

    def close() -> None:
        for connection in pool:
            connection.close()

    return call, close


@contextmanager
def api_server(
    neo4j_uri: str, password: str, redis_url: str, workers: int, cache: int
) -> Iterator[int]:
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("PATHS_")}
    env.update(
        NEO4J_URI=neo4j_uri,
        NEO4J_PASSWORD=password,
        REDIS_URL=redis_url,
        PATHS_CACHE_SIZE=str(cache),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "graph_api.asgi:make_app",
         "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
         "--no-access-log", "--log-level", "warning"],
        env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the API server did not start")
            time.sleep(0.3)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- (b) the same Cypher through the driver, (c) networkx ---------------------------------


def driver_caller(driver: neo4j.AsyncDriver, query: str) -> Callable[[Pair], Awaitable[int]]:
    async def call(pair: Pair) -> int:
        async with driver.session(database="neo4j", default_access_mode=neo4j.READ_ACCESS) as s:
            result = await s.run(neo4j.Query(query, timeout=5), from_id=pair[0], to_id=pair[1])
            rows = [record.data() async for record in result]
        return len(rows[0]["links"])

    return call


async def load_graph(driver: neo4j.AsyncDriver, query: str) -> nx.Graph:
    graph = nx.Graph()
    async with driver.session(database="neo4j") as session:
        result = await session.run(neo4j.Query(query, timeout=300))
        async for record in result:
            graph.add_edges_from((record["a"], b) for b, _ in record["links"])
    return graph


async def plan_operators(driver: neo4j.AsyncDriver, query: str, pair: Pair) -> list[str]:
    async with driver.session(database="neo4j") as session:
        result = await session.run("EXPLAIN " + query, from_id=pair[0], to_id=pair[1])
        summary = await result.consume()
    operators: list[str] = []
    stack = [summary.plan] if summary.plan else []
    while stack:
        op = stack.pop(0)
        operators.append(op["operatorType"].split("@")[0])
        stack.extend(op.get("children", []))
    return operators


def markdown(runs: list[Run]) -> str:
    lines = [
        "| method | concurrency | requests | p50 ms | p95 ms | p99 ms | mean ms | req/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r.method} | {r.concurrency} | {r.requests} | {r.p50_ms} | {r.p95_ms} | "
        f"{r.p99_ms} | {r.mean_ms} | {r.throughput_per_s} |"
        for r in runs
    ]
    return "\n".join(lines)


def mismatches(label: str, lengths: list[int], expected: list[int]) -> None:
    wrong = sum(1 for got, want in zip(lengths, expected, strict=True) if got != want)
    print(f"{label}: {wrong} of {len(expected)} lengths differ from networkx")


async def bench_server(
    args: argparse.Namespace,
    redis_url: str,
    pairs: list[Pair],
    warm: list[Pair],
    expected: list[int],
    driver: neo4j.AsyncDriver,
    query: str,
    cache: int,
) -> list[Run]:
    """REST (and, for the uncached server, the driver) at every concurrency."""
    runs = []
    with api_server(args.neo4j_uri, args.neo4j_password, redis_url, args.workers, cache) as port:
        for concurrency in args.concurrency:
            for strategy in ["any"] if cache else args.strategies:
                label = "REST (cached)" if cache else f"REST strategy={strategy}"
                call, close = rest_caller(port, concurrency, strategy)
                await measure(call, warm, concurrency)
                if cache:
                    await measure(call, pairs, concurrency)  # fill the cache
                latencies, lengths, wall = await measure(call, pairs, concurrency)
                close()
                runs.append(summarise(label, concurrency, latencies, wall))
                mismatches(f"{label} c={concurrency}", lengths, expected)
            if not cache:
                d_call = driver_caller(driver, query)
                await measure(d_call, warm, concurrency)
                latencies, lengths, wall = await measure(d_call, pairs, concurrency)
                runs.append(summarise("driver, same Cypher", concurrency, latencies, wall))
                mismatches(f"driver c={concurrency}", lengths, expected)
    return runs


def bench_networkx(graph: nx.Graph, pairs: list[Pair]) -> tuple[Run, list[int]]:
    lengths, latencies = [], []
    started = time.perf_counter()
    for a, b in pairs:
        t = time.perf_counter()
        lengths.append(len(nx.bidirectional_shortest_path(graph, a, b)) - 1)
        latencies.append(time.perf_counter() - t)
    return summarise("networkx in memory", 1, latencies, time.perf_counter() - started), lengths


async def main() -> None:
    args = parse_args()
    if not args.neo4j_uri:
        raise SystemExit("no loaded Neo4j: pass --neo4j-uri or set PUCKPATH_LOADED_NEO4J_URI")
    catalog = QueryCatalog.load()
    query = catalog["read/shortest_path"]
    driver = AsyncGraphDatabase.driver(
        args.neo4j_uri, auth=("neo4j", args.neo4j_password), max_connection_pool_size=100
    )
    try:
        graph = await load_graph(driver, catalog["read/teammate_edges"])
        players = sorted(graph.nodes)
        rng = random.Random(args.seed)
        pairs: list[Pair] = [(a, b) for a, b in (rng.sample(players, 2) for _ in range(args.pairs))]
        warm: list[Pair] = [(a, b) for a, b in (rng.sample(players, 2) for _ in range(args.warmup))]
        print(f"graph: {graph.number_of_nodes()} players, {graph.number_of_edges()} links")
        plan = await plan_operators(driver, query, pairs[0])
        print(f"plan of read/shortest_path: {' <- '.join(plan)}")
        nx_run, expected = bench_networkx(graph, pairs)
        runs = [nx_run]
        with tempfile.TemporaryDirectory(prefix="paths-bench-") as home:
            redis = LocalRedisServer(Path(home) / "redis", free_port())
            redis.start()
            try:
                for cache in (0, 100000):
                    runs += await bench_server(
                        args, redis.url, pairs, warm, expected, driver, query, cache
                    )
            finally:
                redis.stop()
    finally:
        await driver.close()
    order = [
        "REST strategy=any",
        "REST strategy=strongest",
        "driver, same Cypher",
        "networkx in memory",
        "REST (cached)",
    ]
    runs.sort(key=lambda r: (order.index(r.method), r.concurrency))
    print(markdown(runs))
    for concurrency in args.concurrency:
        p50 = {r.method: r.p50_ms for r in runs if r.concurrency == concurrency}
        if {"REST strategy=any", "REST strategy=strongest"} <= p50.keys():
            ratio = p50["REST strategy=strongest"] / p50["REST strategy=any"]
            print(f"c={concurrency}: strongest p50 / any p50 = {ratio:.2f} (goal <= 1.5)")
    print(f"pairs: {len(pairs)} (seed {args.seed}), mean distance {statistics.mean(expected):.2f}")
    if args.json:
        args.json.write_text(
            json.dumps({"plan": plan, "runs": [asdict(r) for r in runs]}, indent=2)
        )


if __name__ == "__main__":
    asyncio.run(main())
