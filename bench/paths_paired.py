"""Ours against the PLAYED_FOR baseline, paired: both queries on each pair, one after the
other, in alternating order, over several rounds.

The driver rows of ``bench/paths_bench.py`` run one query over all pairs, then the next: on
a shared machine whose load moves within seconds, the rows then compare different moments
more than different queries. Here each pair's two searches are neighbours in time, so a
load swing slows both; the p50 and p99 ratios are taken over the same requests.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from bench.paths_pairs import Pair
from bench.paths_report import BASELINE, OURS

Call = Callable[[Pair], Awaitable[Any]]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


async def paired(calls: dict[str, Call], pairs: list[Pair], rounds: int) -> dict[str, list[float]]:
    """Latencies (s) of each call over ``rounds`` passes, the order turning pair by pair
    (with two calls: flipped pair by pair)."""
    names = list(calls)
    latencies: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(rounds):
        for i, pair in enumerate(pairs):
            turn = (i + round_) % len(names)
            for name in names[turn:] + names[:turn]:
                started = time.perf_counter()
                await calls[name](pair)
                latencies[name].append(time.perf_counter() - started)
    return latencies


def paired_lines(latencies: dict[str, list[float]]) -> list[str]:
    """One line per query (p50, p99 in ms) and the ours / baseline ratios."""
    lines = []
    for name, values in latencies.items():
        p50, p99 = percentile(values, 0.5) * 1e3, percentile(values, 0.99) * 1e3
        lines.append(f"paired {name}: {len(values)} searches, p50 {p50:.2f} ms, p99 {p99:.2f} ms")
    ours, base = latencies[OURS], latencies[BASELINE]
    lines.append(
        f"paired {OURS} / baseline: p50 "
        f"{percentile(ours, 0.5) / percentile(base, 0.5):.2f}x, p99 "
        f"{percentile(ours, 0.99) / percentile(base, 0.99):.2f}x"
    )
    return lines
