"""The battles benchmark's checks and numbers: integrity of every room's event streams,
latency percentiles and the timeline (see :mod:`bench.battles_bench`)."""

from __future__ import annotations

import argparse
import json
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

from bench.battles_clients import Room

TIMELINE_S = 5


def check_room(room: Room) -> list[str]:
    problems = []
    streams = []
    for player in room.players:
        snapshots = [f for f in player.frames if f["type"] == "snapshot"]
        if len(snapshots) != 1:
            problems.append(f"{room.code} seat {player.seat}: {len(snapshots)} snapshots")
            continue
        events = [f for f in player.frames if "seq" in f and f["type"] != "snapshot"]
        seqs = [e["seq"] for e in events]
        first = snapshots[0]["seq"] + 1
        if seqs != list(range(first, first + len(seqs))):
            problems.append(f"{room.code} seat {player.seat}: seq gap or reorder")
        kinds = [e["type"] for e in events]
        if "result" not in kinds:
            problems.append(f"{room.code} seat {player.seat}: no result")
        else:  # after the result come the others' goodbyes (presence), in any number
            events = events[: kinds.index("result") + 1]
        if player.closed_early:
            problems.append(f"{room.code} seat {player.seat}: closed early")
        streams.append(events)
    common = max((s[0]["seq"] for s in streams if s), default=0)
    cut = [[e for e in s if e["seq"] >= common] for s in streams]
    if any(c != cut[0] for c in cut):
        problems.append(f"{room.code}: players saw different streams")
    return problems


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))
    return ordered[index]


def summarise(
    rooms: list[Room], started: float, ended: float, args: argparse.Namespace
) -> dict[str, Any]:
    samples = [
        (room.sent_at[turn] - started, (arrival - room.sent_at[turn]) * 1000)
        for room in rooms
        for turn, arrivals in room.arrivals.items()
        if turn in room.sent_at
        for arrival in arrivals
    ]
    latencies = [latency for _, latency in samples]
    buckets: dict[int, list[float]] = {}
    for at, latency in samples:
        buckets.setdefault(int(at // TIMELINE_S), []).append(latency)
    timeline = [
        {
            "from_s": bucket * TIMELINE_S,
            "deliveries": len(values),
            "p50": round(percentile(values, 50), 1),
            "p99": round(percentile(values, 99), 1),
        }
        for bucket, values in sorted(buckets.items())
    ]
    frames = sum(p.received for r in rooms for p in r.players)
    guesses = sum(len(r.sent_at) for r in rooms)
    problems = [problem for room in rooms for problem in check_room(room)]
    errors = Counter(
        f["code"] for r in rooms for p in r.players for f in p.frames if f["type"] == "error"
    )
    seconds = ended - started
    return {
        "rooms": len(rooms),
        "connections": sum(len(r.players) for r in rooms),
        "guesses": guesses,
        "deliveries": len(latencies),
        "seconds": round(seconds, 1),
        "guesses_per_s": round(guesses / seconds, 1),
        "messages_per_s": round(frames / seconds, 1),
        "latency_ms": {
            "p50": round(percentile(latencies, 50), 1),
            "p95": round(percentile(latencies, 95), 1),
            "p99": round(percentile(latencies, 99), 1),
            "max": round(max(latencies), 1),
            "mean": round(statistics.fmean(latencies), 1),
        },
        "unfinished_rooms": sum(not r.done.is_set() for r in rooms),
        "error_frames": dict(errors),
        "integrity_problems": problems[:20],
        "integrity_ok": not problems,
        "think_ms": args.think_ms,
        "ws": args.ws,
        "redis": "cluster of 3 masters" if args.cluster else "one redis-server",
        "timeline": timeline,
    }


def not_ready_report(rooms: list[Room]) -> dict[str, Any]:
    """What the players of rooms that never got all readies saw (frame kinds, errors, closes)."""
    kinds: Counter[str] = Counter()
    closes: Counter[str] = Counter()
    for room in rooms:
        for player in room.players:
            kinds.update(
                f["type"] if f["type"] != "error" else f"error:{f.get('code')}: {f.get('detail')}"
                for f in player.frames
            )
            if player.conn.close_code is not None:
                closes[f"seat {player.seat}: {player.conn.close_code}"] += 1
    return {"frames": dict(kinds), "closed": dict(closes), "rooms": [r.code for r in rooms[:5]]}


def worker_probe_report(folder: Path, started: float, ended: float) -> list[dict[str, Any]]:
    """Each worker's event-loop lag and garbage-collection pauses during the games, from the
    files :mod:`bench.worker_probe.sitecustomize` wrote at the workers' exit."""
    report = []
    for file in sorted(folder.glob("*.json")):
        probe = json.loads(file.read_text())
        lags = [lag for at, lag in probe["lags"] if started <= at <= ended]
        pauses = [(gen, ms) for at, gen, ms in probe["gc"] if started <= at <= ended]
        full = [ms for gen, ms in pauses if gen == 2]
        report.append(
            {
                "loop_lag_ms": {
                    "p50": round(percentile(lags, 50), 1),
                    "p99": round(percentile(lags, 99), 1),
                    "max": round(max(lags), 1),
                    "over_50ms": sum(lag > 50 for lag in lags),
                    "samples": len(lags),
                },
                "gc_collections": len(pauses),
                "gc_ms_total": round(sum(ms for _, ms in pauses), 1),
                "gc_ms_max": round(max((ms for _, ms in pauses), default=0.0), 1),
                "gc_full_collections_ms": [round(ms, 1) for ms in full],
            }
        )
    return report
