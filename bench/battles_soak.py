"""The battles benchmark's soak (``--soak-minutes N``): the same two workers and Redis play
wave after wave of ``--rooms`` new rooms for N minutes. After every wave each worker's
resident memory is read from /proc (with ``--probe-workers`` also its garbage collector's
counts, from bench/worker_probe's 10-second windows), and every wave gets the benchmark's
integrity checks (no message lost or reordered, every room finished)."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import tempfile
import time
from pathlib import Path
from typing import Any

import redis
import uvloop

from bench.battles_play import play
from bench.battles_stack import bench_env, local_redis
from bench.process_memory import memory_mb
from graph_api.runtime.providers import Neo4jEndpoint
from tests.integration.battle_workers import Worker, running_workers

WINDOW_S = 10  # the worker probe's window in a soak
SETTLE_S = 2  # after a wave's sockets are closed, before its memory sample
TRACEMALLOC_FRAMES = 1  # with --tracemalloc: the frames kept per traced allocation


def soak(args: argparse.Namespace, neo4j: Neo4jEndpoint, chains: list[list[str]]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="battles-soak-") as tmp:
        folder = Path(tmp)
        with local_redis(args, folder) as redis_server:
            probes = folder / "worker-probes" if args.probe_workers else None
            env = bench_env(args, neo4j, redis_server.url, probes)
            if probes is not None:
                env["PUCKPATH_WORKER_PROBE_WINDOW_S"] = str(WINDOW_S)
            if args.tracemalloc is not None:
                args.tracemalloc.mkdir(parents=True, exist_ok=True)
                env["PUCKPATH_WORKER_PROBE_TRACEMALLOC"] = str(TRACEMALLOC_FRAMES)
                env["PUCKPATH_WORKER_PROBE_SNAPSHOTS"] = str(args.tracemalloc.resolve())
            logs = args.logs or folder
            logs.mkdir(parents=True, exist_ok=True)
            with running_workers(2, env, logs, ws=args.ws) as workers:
                print(f"soak: workers {[w.process.pid for w in workers]}, redis {redis_server.url}")
                report = uvloop.run(play_waves(workers, chains, args, redis_server.url))
            if probes is not None:
                add_probe_windows(report, probes)
    print_table(report)
    return report


async def play_waves(
    workers: list[Worker], chains: list[list[str]], args: argparse.Namespace, redis_url: str
) -> dict[str, Any]:
    store = redis.Redis.from_url(redis_url)
    pids = [w.process.pid for w in workers]
    start = time.perf_counter()
    finished = 0
    waves: list[dict[str, Any]] = []
    samples = [sample(pids, store, start, waves=0, finished=0)]
    while time.perf_counter() < start + args.soak_minutes * 60:
        summary = await play(workers, chains, args)
        summary.pop("games_window")
        rooms_finished = summary["rooms"] - summary["unfinished_rooms"]
        finished += rooms_finished
        waves.append(
            {
                "wave": len(waves) + 1,
                "rooms_finished": rooms_finished,
                "rooms_never_ready": summary["rooms_never_ready"],
                "integrity_ok": summary["integrity_ok"],
                "integrity_problems": summary["integrity_problems"][:5],
                "error_frames": summary["error_frames"],
                "p99_ms": summary["latency_ms"]["p99"],
                "worker_cpu_percent": summary["worker_cpu_percent"],
                "load_average_1m": summary["load_average_1m"],
            }
        )
        await asyncio.sleep(SETTLE_S)
        samples.append(sample(pids, store, start, waves=len(waves), finished=finished))
        print(f"soak: {json.dumps(waves[-1])} {json.dumps(samples[-1])}")
        if args.tracemalloc is not None:  # each worker dumps a snapshot (bench/worker_probe)
            for pid in pids:
                os.kill(pid, signal.SIGUSR2)
    if args.probe_workers:  # the probe runs a full collection on SIGUSR1 (the last sample)
        for pid in pids:
            os.kill(pid, signal.SIGUSR1)
        await asyncio.sleep(SETTLE_S + 1)
        samples.append(sample(pids, store, start, waves=len(waves), finished=finished))
        samples[-1]["after_full_collection"] = True
    store.close()
    return {
        "soak_minutes": args.soak_minutes,
        "rooms_per_wave": args.rooms,
        "connections_per_wave": args.rooms * args.players,
        "waves": len(waves),
        "games_finished": finished,
        "worker_pids": pids,
        "integrity_ok_every_wave": all(w["integrity_ok"] for w in waves),
        "rooms_not_finished": sum(args.rooms - w["rooms_finished"] for w in waves),
        "load_average_1m_range": [
            min(w["load_average_1m"][0] for w in waves),
            max(max(w["load_average_1m"]) for w in waves),
        ],
        "growth_mb": growth(samples),
        "samples": samples,
        "wave_results": waves,
    }


def sample(
    pids: list[int], store: redis.Redis, start: float, waves: int, finished: int
) -> dict[str, Any]:
    """The workers' memory now (after a wave's sockets are closed) and Redis's."""
    now = time.perf_counter()
    return {
        "at": now,
        "minute": round((now - start) / 60, 1),
        "waves": waves,
        "games_finished": finished,
        "workers": [memory_mb(pid) for pid in pids],
        "redis_used_mb": round(int(store.info("memory")["used_memory"]) / 2**20, 1),
        "load_average_1m": round(os.getloadavg()[0], 1),
    }


def growth(samples: list[dict[str, Any]]) -> dict[str, list[float]]:
    """Each worker's RSS growth from the first full wave to the end, and in each half of that
    stretch (a leak keeps growing in the second half; a warm-up does not)."""
    played = [s for s in samples if not s.get("after_full_collection")]
    if len(played) < 3:
        return {}
    first, last = played[1], played[-1]
    middle = min(played[1:], key=lambda s: abs(s["at"] - (first["at"] + last["at"]) / 2))

    def rss(a: dict[str, Any], b: dict[str, Any]) -> list[float]:
        return [
            round(after["VmRSS"] - before["VmRSS"], 1)
            for before, after in zip(a["workers"], b["workers"], strict=True)
        ]

    return {
        "first_wave_to_end": rss(first, last),
        "first_half": rss(first, middle),
        "second_half": rss(middle, last),
    }


def add_probe_windows(report: dict[str, Any], probes: Path) -> None:
    """Each sample gets, per worker, the collector's figures of the last probe window before
    it; the report gets the full passes seen while playing and the longest pause."""
    windows = [
        [json.loads(line) for line in (probes / f"{pid}.windows.jsonl").read_text().splitlines()]
        for pid in report["worker_pids"]
    ]
    kept = (
        "tracked_objects",
        "frozen_objects",
        "collections_total",
        "uncollectable_total",
        "memory",
    )
    for s in report["samples"]:
        s["gc"] = []
        for lines in windows:
            before = [w for w in lines if w["at"] <= s["at"]]
            if before:
                s["gc"].append({k: before[-1][k] for k in kept})
    played = [[w for w in lines if "forced_full_collection_ms" not in w] for lines in windows]
    start = report["samples"][0]["at"]  # start-up's own full collections come before it
    report["gc_full_passes_ms"] = [
        [ms for w in lines for at, ms in w["full"] if at >= start] for lines in played
    ]
    report["gc_longest_pause_ms"] = [
        max((w["gc_ms_max"] for w in lines), default=0.0) for lines in played
    ]
    report["worker_loop_lag_max_ms"] = [
        max((w["lag_max_ms"] for w in lines), default=0.0) for lines in played
    ]
    report["forced_full_collection"] = [
        {
            "ms": round(w["forced_full_collection_ms"], 1),
            "objects_found": w["found"],
            "found_by_type": w["garbage_by_type"],
            "found_bytes_by_type": w["garbage_bytes_by_type"],
            "malloc_stages": w["malloc_stages"],
            "finalizable": w["garbage_finalizable"],
            "memory_before": w["before_collection"],
            "memory_after": w["after_collection"],
            "malloc_trim": w["malloc_trim"],
        }
        for lines in windows
        for w in lines
        if "forced_full_collection_ms" in w
    ]


def print_table(report: dict[str, Any]) -> None:
    gc_columns = any("gc" in s for s in report["samples"])
    head = "| minute | waves | games finished | RSS MB (worker 1, 2) | peak RSS MB | Redis MB |"
    head += " GC-tracked objects (k) | GC passes since start, gen 0/1/2 |" if gc_columns else ""
    print(head)
    print("|" + "---:|" * (head.count("|") - 1))
    for s in report["samples"]:
        rss = ", ".join(f"{w['VmRSS']:.1f}" for w in s["workers"])
        peak = ", ".join(f"{w['VmHWM']:.1f}" for w in s["workers"])
        minute = (
            f"{s['minute']} (after gc.collect())" if s.get("after_full_collection") else s["minute"]
        )
        row = f"| {minute} | {s['waves']} | {s['games_finished']} | {rss} | {peak} |"
        row += f" {s['redis_used_mb']} |"
        if gc_columns:
            tracked = ", ".join(f"{g['tracked_objects'] / 1000:.0f}" for g in s.get("gc", []))
            full = ", ".join("/".join(map(str, g["collections_total"])) for g in s.get("gc", []))
            row += f" {tracked} | {full} |"
        print(row)
    print(f"growth MB: {json.dumps(report['growth_mb'])}")
    print_memory_table(report)


def print_memory_table(report: dict[str, Any]) -> None:
    """Where each worker's memory is (bench/worker_probe/puckpath_memory_probe.py), per
    sample: glibc heap (in use / free), pymalloc arenas (1 MiB each), tracemalloc's traced
    MB, the Neo4j driver's connections and their read buffers."""
    if not any(g.get("memory") for s in report["samples"] for g in s.get("gc", [])):
        return
    print(
        "| minute | RSS MB | glibc heap MB (in use / free) | pymalloc arenas (high-water)"
        " | pymalloc used MB | traced MB | Neo4j connections | Neo4j read buffers MB |"
    )
    print("|---:|---|---|---|---|---|---|---|")
    for s in report["samples"]:
        figures = [g["memory"] for g in s.get("gc", []) if g.get("memory")]
        if not figures:
            continue

        row = [
            str(s["minute"]),
            cells(figures, lambda m: m["rss"]["VmRSS"]),
            cells(figures, lambda m: "{heap} ({in_use} / {free})".format(**m["malloc"])),
            cells(figures, lambda m: "{} ({})".format(*arenas(m))),
            cells(figures, lambda m: m["pymalloc"].get("used_mb")),
            cells(figures, lambda m: m["traced"].get("current", "-")),
            cells(figures, lambda m: m["neo4j"]["connections"]),
            cells(figures, lambda m: m["neo4j"]["read_mb"]),
        ]
        print("| " + " | ".join(row) + " |")
    for full in report.get("forced_full_collection", []):
        trim = full["malloc_trim"]
        print(
            f"malloc_trim(0) after the closing collection: RSS {trim['before']['VmRSS']} ->"
            f" {trim['after']['VmRSS']} MB"
        )


def arenas(figures: dict[str, Any]) -> tuple[Any, Any]:
    return figures["pymalloc"].get("arenas"), figures["pymalloc"].get("arenas_highwater")


def cells(figures: list[dict[str, Any]], pick: Any) -> str:
    return ", ".join(str(pick(m)) for m in figures)
