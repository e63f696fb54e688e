"""The path benchmark's report: percentiles, ratios and the machine's load average."""

from __future__ import annotations

import os
import statistics
from dataclasses import dataclass

OURS = "driver, read/shortest_path"
BASELINE = "driver, PLAYED_FOR baseline"
BEFORE = "driver, TEAMMATE_OF (before)"


@dataclass
class Run:
    method: str
    concurrency: int
    requests: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float
    throughput_per_s: float
    load: str


def load_average() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


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
        round(ordered[-1] * 1000, 3),
        round(statistics.mean(ordered) * 1000, 3),
        round(len(ordered) / wall, 1),
        load_average(),
    )


def markdown(runs: list[Run]) -> str:
    lines = [
        "| method | conc. | requests | p50 ms | p95 ms | p99 ms | max ms | req/s | load |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    lines += [
        f"| {r.method} | {r.concurrency} | {r.requests} | {r.p50_ms} | {r.p95_ms} | "
        f"{r.p99_ms} | {r.max_ms} | {r.throughput_per_s} | {r.load} |"
        for r in runs
    ]
    return "\n".join(lines)


def ratios(runs: list[Run]) -> list[str]:
    """REST over the driver (same Cypher) and ours over the membership baseline."""
    by = {(r.method, r.concurrency): r for r in runs}
    lines = []
    for (method, concurrency), run in sorted(by.items()):
        if method != OURS:
            continue
        rest = by.get(("REST /paths/shortest", concurrency))
        base = by.get((BASELINE, concurrency))
        strongest = by.get(("REST strategy=strongest", concurrency))
        if rest and strongest:
            lines.append(
                f"c={concurrency}: REST strongest/any p50 {strongest.p50_ms / rest.p50_ms:.2f}x "
                "(goal <= 1.5x)"
            )
        if rest:
            lines.append(
                f"c={concurrency}: REST/driver p50 {rest.p50_ms / run.p50_ms:.2f}x, "
                f"p99 {rest.p99_ms / run.p99_ms:.2f}x"
            )
        if base:
            lines.append(
                f"c={concurrency}: read/shortest_path / PLAYED_FOR baseline p50 "
                f"{run.p50_ms / base.p50_ms:.2f}x, p99 {run.p99_ms / base.p99_ms:.2f}x"
            )
    return lines
