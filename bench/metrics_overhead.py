"""What the request id and the metrics cost on the REST path: the same requests, side by side.

Two uvicorn processes (one worker each) over the same loaded Neo4j: one as shipped, one with
``OBSERVABILITY_ENABLED=false`` (no request-id/metrics middleware, no ``/metrics``). Each
request goes to both, one after the other, in an order that alternates, so both see the same
load on this shared machine. Two routes: ``/health`` (the lightest answer: the overhead in
its purest form) and ``/paths/shortest`` answered from the path cache (pairs warmed first:
the REST path without Neo4j's variance). Reported per route and per block: p50/p95/p99 with
and without, the p50 ratio, and the load average.

    .venv/bin/python -m bench.metrics_overhead --uri bolt://127.0.0.1:7900 --password ...

The graph is only read. The goal of issue 12: the instrumented p50 within 3 % of the bare one.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import time
from contextlib import ExitStack
from pathlib import Path

import httpx
from pydantic import SecretStr
from starlette.types import Message, Receive, Scope, Send

from bench.paths_http import HttpConnection, api_server
from graph_api.graph.catalog import QueryCatalog
from graph_api.graph.repo import GraphRepo, make_driver
from graph_api.observability.requests import RequestContextMiddleware
from graph_api.settings import Neo4jSettings

BARE = {"OBSERVABILITY_ENABLED": "false", "BATTLE_STORE": "memory"}
SHIPPED = {"OBSERVABILITY_ENABLED": "true", "BATTLE_STORE": "memory"}
CACHE = 10_000  # path-cache entries: every pair stays cached
MIN_GAMES = 400  # regulars: pairs of them are joined by short paths


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uri", default=os.environ.get("PUCKPATH_LOADED_NEO4J_URI"))
    parser.add_argument("--password", default=os.environ.get("NEO4J_PASSWORD", ""))
    parser.add_argument("--requests", type=int, default=2000, help="per route, per block")
    parser.add_argument("--blocks", type=int, default=3)
    parser.add_argument("--pairs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    if not args.uri:
        parser.error("--uri (or PUCKPATH_LOADED_NEO4J_URI) names a loaded Neo4j")
    return args


async def player_pairs(uri: str, password: str, count: int, seed: int) -> list[tuple[str, str]]:
    settings = Neo4jSettings(uri=uri, password=SecretStr(password))
    repo = GraphRepo(make_driver(settings), QueryCatalog.load(), settings)
    try:
        rows = await repo.read("read/player_pool", min_games=MIN_GAMES)
    finally:
        await repo.close()
    rng = random.Random(seed)
    ids = [row["id"] for row in rows]
    return [(a, b) for a, b in (rng.sample(ids, 2) for _ in range(count))]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


async def timed(connection: HttpConnection, target: str) -> float:
    started = time.perf_counter()
    status, body = await connection.get(target)
    took = time.perf_counter() - started
    if status != 200:
        raise RuntimeError(f"HTTP {status} for {target}: {body[:200]!r}")
    return took


async def side_by_side(
    shipped: HttpConnection, bare: HttpConnection, targets: list[str]
) -> tuple[list[float], list[float]]:
    """Every target on both servers, the first of the two alternating."""
    on: list[float] = []
    off: list[float] = []
    for i, target in enumerate(targets):
        if i % 2:
            on.append(await timed(shipped, target))
            off.append(await timed(bare, target))
        else:
            off.append(await timed(bare, target))
            on.append(await timed(shipped, target))
    return on, off


def row(route: str, block: str, on: list[float], off: list[float]) -> str:
    """Percentiles in ms; the p50 ratio; the median of the paired differences (each request
    on both servers back to back: robust to the machine's load swinging between blocks)."""
    cells = [f"{percentile(v, q) * 1000:.3f}" for v in (on, off) for q in (0.5, 0.95, 0.99)]
    ratio = statistics.median(on) / statistics.median(off)
    paired = statistics.median(a - b for a, b in zip(on, off, strict=True)) * 1e6
    paired_ratio = 1 + paired / 1e6 / statistics.median(off)
    return (
        f"| {route} | {block} | {' | '.join(cells)} | {ratio:.3f} | {paired:+.0f} | "
        f"{paired_ratio:.3f} | {load_average()} |"
    )


async def middleware_cost(calls: int) -> tuple[float, float]:
    """µs per request of a bare ASGI answer, without and with the request-id/metrics
    middleware, called directly (no server, no network): the middleware's own CPU cost."""

    async def answer(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        return None

    scope: Scope = {"type": "http", "method": "GET", "path": "/health", "headers": []}
    results = []
    for app in (answer, RequestContextMiddleware(answer)):
        best = float("inf")
        for _ in range(5):
            started = time.perf_counter()
            for _ in range(calls):
                await app(dict(scope), receive, send)
            best = min(best, (time.perf_counter() - started) / calls * 1e6)
        results.append(best)
    return results[0], results[1]


def check_switch(shipped_port: int, bare_port: int) -> None:
    """The shipped server answers with an id and /metrics; the bare one with neither."""
    on = httpx.get(f"http://127.0.0.1:{shipped_port}/health")
    off = httpx.get(f"http://127.0.0.1:{bare_port}/health")
    assert "x-request-id" in on.headers
    assert "x-request-id" not in off.headers
    assert httpx.get(f"http://127.0.0.1:{bare_port}/metrics").status_code == 404


async def run(args: argparse.Namespace, shipped_port: int, bare_port: int) -> None:
    bare_us, with_us = await middleware_cost(20_000)
    print(
        f"middleware alone, in process (best of 5 x 20,000 calls): {bare_us:.1f} µs bare, "
        f"{with_us:.1f} µs with it: +{with_us - bare_us:.1f} µs per request "
        f"(load average {load_average()})"
    )
    pairs = await player_pairs(args.uri, args.password, args.pairs, args.seed)
    paths = [f"/paths/shortest?from={a}&to={b}" for a, b in pairs]
    for port in (shipped_port, bare_port):  # fill the path caches, one server at a time
        warming = HttpConnection("127.0.0.1", port)
        for target in paths:
            await timed(warming, target)
        warming.close()
    # Fresh connections: uvicorn closes one idle for 5 s (keep-alive timeout).
    shipped = HttpConnection("127.0.0.1", shipped_port)
    bare = HttpConnection("127.0.0.1", bare_port)
    await side_by_side(shipped, bare, paths + ["/health"] * 200)  # all cached now
    rng = random.Random(args.seed)
    print(
        "| route | block | on p50 | on p95 | on p99 | off p50 | off p95 | off p99 "
        "| p50 on/off | paired Δ median (µs) | 1 + Δ/off p50 | load average |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    totals: dict[str, tuple[list[float], list[float]]] = {"health": ([], []), "paths": ([], [])}
    for block in range(1, args.blocks + 1):
        for route in ("health", "paths"):
            if route == "health":
                targets = ["/health"] * args.requests
            else:
                targets = [rng.choice(paths) for _ in range(args.requests)]
            on, off = await side_by_side(shipped, bare, targets)
            totals[route][0].extend(on)
            totals[route][1].extend(off)
            print(row(route, str(block), on, off), flush=True)
    for route, (on, off) in totals.items():
        print(row(route, "all", on, off))
    shipped.close()
    bare.close()


def main() -> None:
    args = parse_args()
    print(f"load average before: {load_average()}")
    with ExitStack() as stack:
        shipped_port = stack.enter_context(
            api_server(args.uri, args.password, "", 1, 10_000, SHIPPED)
        )
        bare_port = stack.enter_context(api_server(args.uri, args.password, "", 1, 10_000, BARE))
        check_switch(shipped_port, bare_port)
        asyncio.run(run(args, shipped_port, bare_port))
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    main()
