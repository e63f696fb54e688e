"""The hard path questions over REST: /paths/k (k=3, k=10), /paths/all, and 8 k=10 at once.

Each request is timed one at a time over the same seeded pairs as /paths/shortest, on the
uncached server; every answer is checked against networkx: /paths/all's length and exact
count for every pair, /paths/k's lengths against networkx's Yen (``shortest_simple_paths``)
for a sample of pairs (simple paths, no duplicates, shortest first).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from bench.paths_pairs import Pair, k_paths_problems, shortest_count

Get = Callable[[str], Awaitable[tuple[int, bytes]]]
OpenPool = Callable[[int], tuple[Get, Callable[[], None]]]


@dataclass
class HardRun:
    """Latencies (s) of one endpoint over the pairs, and the answers."""

    name: str
    latencies: list[float] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    answers: list[dict[str, Any]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    burst: bool = False  # all requests at once (else one at a time)


def target(endpoint: str, pair: Pair, **params: int) -> str:
    extra = "".join(f"&{key}={value}" for key, value in params.items())
    return f"/paths/{endpoint}?from={pair[0]}&to={pair[1]}{extra}"


async def one_by_one(get: Get, name: str, targets: list[str]) -> HardRun:
    run = HardRun(name)
    for url in targets:
        started = time.perf_counter()
        status, body = await get(url)
        run.latencies.append(time.perf_counter() - started)
        run.targets.append(url)
        run.answers.append(json.loads(body) if status == 200 else {})
        if status != 200:
            run.failures.append(f"HTTP {status} for {url}: {body[:160]!r}")
    return run


def slowest(run: HardRun, n: int = 4) -> list[str]:
    """The ``n`` slowest requests of a one-at-a-time run (what makes its tail)."""
    timed = sorted(zip(run.latencies, run.targets, run.answers, strict=True), reverse=True)
    lines = []
    for elapsed, url, answer in timed[:n]:
        paths = answer.get("paths") or []
        lengths = [path["length"] for path in paths]
        total = answer.get("total_paths")
        more = f", {total} shortest paths" if total is not None else f", lengths {lengths}"
        lines.append(f"  {elapsed * 1000:8.1f} ms  {url}{more}")
    return lines


async def all_at_once(open_pool: OpenPool, name: str, targets: list[str]) -> HardRun:
    """Every target at the same time, one connection each (the page's "Another path" x N)."""
    gets = [open_pool(1) for _ in targets]
    run = HardRun(name, burst=True)

    async def timed(get: Get, url: str) -> tuple[float, int, bytes]:
        started = time.perf_counter()
        status, body = await get(url)
        return time.perf_counter() - started, status, body

    try:
        results = await asyncio.gather(
            *(timed(g, url) for (g, _), url in zip(gets, targets, strict=True))
        )
    finally:
        for _, close in gets:
            close()
    for (elapsed, status, body), url in zip(results, targets, strict=True):
        run.latencies.append(elapsed)
        run.answers.append(json.loads(body) if status == 200 else {})
        if status != 200:
            run.failures.append(f"HTTP {status} for {url}: {body[:160]!r}")
    return run


def check_all(graph: nx.Graph, pairs: list[Pair], run: HardRun) -> list[str]:
    wrong = []
    for pair, answer in zip(pairs, run.answers, strict=True):
        expected = shortest_count(graph, *pair)
        got = (answer.get("length"), answer.get("total_paths"))
        if got != expected:
            wrong.append(f"/paths/all {pair}: {got}, networkx {expected}")
    return wrong


def check_k(graph: nx.Graph, pairs: list[Pair], run: HardRun, k: int, every: int) -> list[str]:
    """Every ``every``-th pair against networkx's Yen (it is slow on far pairs)."""
    wrong = []
    for i, (pair, answer) in enumerate(zip(pairs, run.answers, strict=True)):
        if i % every:
            continue
        paths = [[p["id"] for p in path["players"]] for path in answer.get("paths", [])]
        wrong += [f"/paths/k k={k} {pair}: {p}" for p in k_paths_problems(graph, *pair, k, paths)]
    return wrong


async def bench_hard(
    open_pool: OpenPool, graph: nx.Graph, pairs: list[Pair], farthest: list[Pair], every: int
) -> tuple[list[HardRun], list[str]]:
    """The runs and every correctness problem found (empty: all answers agree)."""
    get, close = open_pool(1)
    try:
        await one_by_one(get, "warm-up", [target("k", p, k=3) for p in pairs[:20]])
        k3 = await one_by_one(get, "REST /paths/k k=3", [target("k", p, k=3) for p in pairs])
        k10 = await one_by_one(get, "REST /paths/k k=10", [target("k", p, k=10) for p in pairs])
        every_path = await one_by_one(get, "REST /paths/all", [target("all", p) for p in pairs])
    finally:
        close()
    burst = await all_at_once(
        open_pool, "REST /paths/k k=10, 8 at once", [target("k", p, k=10) for p in farthest]
    )
    runs = [k3, k10, every_path, burst]
    problems = [failure for run in runs for failure in run.failures]
    problems += check_all(graph, pairs, every_path)
    problems += check_k(graph, pairs, k3, 3, every)
    problems += check_k(graph, pairs, k10, 10, every)
    problems += check_k(graph, farthest, burst, 10, 1)
    return runs, problems
