"""``strategy=strongest`` against ``strategy=any`` on the same pairs, paired.

Issue 13's goal is the REST p50 of ``/paths/shortest?strategy=strongest`` within 1.5x of
``strategy=any``. Measured one strategy after the other over all pairs, the two rows meet
different moments of a shared machine's load; here each pair's two requests are neighbours in
time (alternating order, :func:`bench.paths_paired.paired`), through REST and through the
driver (each strategy's first query, as the API runs it), so the lines also show what the
HTTP layer adds to each strategy.
"""

from __future__ import annotations

import statistics

import neo4j

from bench.paths_driver import driver_caller
from bench.paths_http import rest_caller
from bench.paths_paired import paired, percentile
from bench.paths_pairs import Pair
from graph_api.graph.catalog import QueryCatalog
from graph_api.graph.paths import STRONGEST_CAP

STRATEGIES = ("any", "strongest")
DRIVER_QUERIES = {"any": "read/shortest_path", "strongest": "read/strongest_of_shortest_paths"}


async def paired_strategies(
    port: int,
    driver: neo4j.AsyncDriver,
    catalog: QueryCatalog,
    pairs: list[Pair],
    warm: list[Pair],
    rounds: int,
) -> list[str]:
    """The report lines: per strategy p50 / p99 through REST and the driver, the ratios."""
    rest = {strategy: rest_caller(port, 1, strategy) for strategy in STRATEGIES}
    calls = {f"REST {s}": rest[s][0] for s in STRATEGIES}
    for strategy, name in DRIVER_QUERIES.items():
        calls[f"driver {strategy}"] = driver_caller(driver, catalog[name], cap=STRONGEST_CAP)
    try:
        await paired(calls, warm, 1)
        latencies = await paired(calls, pairs, rounds)
    finally:
        for _, close in rest.values():
            close()
    return strategy_lines(latencies)


def strategy_lines(latencies: dict[str, list[float]]) -> list[str]:
    """One line per call, then strongest / any (p50, p99, per-pair median) per layer."""
    lines = []
    for name, values in latencies.items():
        p50, p99 = percentile(values, 0.5) * 1e3, percentile(values, 0.99) * 1e3
        lines.append(f"paired {name}: {len(values)} requests, p50 {p50:.2f} ms, p99 {p99:.2f} ms")
    for layer in ("REST", "driver"):
        strongest, anyone = latencies[f"{layer} strongest"], latencies[f"{layer} any"]
        per_pair = statistics.median(s / a for s, a in zip(strongest, anyone, strict=True))
        lines.append(
            f"paired {layer} strongest / any: p50 "
            f"{percentile(strongest, 0.5) / percentile(anyone, 0.5):.2f}x, p99 "
            f"{percentile(strongest, 0.99) / percentile(anyone, 0.99):.2f}x, "
            f"per-pair median {per_pair:.2f}x"
        )
    for strategy in STRATEGIES:
        rest, driver = latencies[f"REST {strategy}"], latencies[f"driver {strategy}"]
        added = (percentile(rest, 0.5) - percentile(driver, 0.5)) * 1e3
        ratio = percentile(rest, 0.5) / percentile(driver, 0.5)
        lines.append(
            f"paired {strategy}: REST p50 - driver p50 = {added:.2f} ms, "
            f"REST / driver p50 {ratio:.2f}x"
        )
    return lines
