"""One wave of the battles benchmark's games: set up the rooms, wait for every ready, play,
close, check (see :mod:`bench.battles_bench`)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import os
import time
from typing import Any

from bench.battles_clients import Room, bounded, set_up_room
from bench.battles_redis import RedisWatch
from bench.battles_report import TIMELINE_S, not_ready_report, percentile, summarise
from bench.process_cpu import cpu_seconds
from tests.integration.battle_workers import Worker

LAG_SAMPLES: list[tuple[float, float]] = []  # (perf_counter at wake-up, lag ms)


async def play(
    workers: list[Worker],
    chains: list[list[str]],
    args: argparse.Namespace,
    redis_watch: RedisWatch | None = None,
) -> dict[str, Any]:
    t0 = time.perf_counter()
    LAG_SAMPLES.clear()  # a soak plays wave after wave in one process
    jobs = [set_up_room(chain, i, workers, args) for i, chain in enumerate(chains)]
    rooms: list[Room] = await bounded(25, jobs)
    print(f"{len(rooms)} rooms, {sum(len(r.players) for r in rooms)} connections "
          f"in {time.perf_counter() - t0:.1f}s")  # fmt: skip
    # The clients' own garbage collection must not show up as server latency.
    gc.collect()
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)
    readers = [asyncio.create_task(p.read()) for r in rooms for p in r.players]
    lag = asyncio.create_task(loop_lag(LAG_SAMPLES))
    for room in rooms:
        for player in room.players:
            await player.send({"type": "ready"})
    # Start only rooms whose players all are ready (on a loaded machine that takes a while).
    t_ready = time.perf_counter()
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(asyncio.gather(*(room.ready.wait() for room in rooms)), 120)
    print(f"readies confirmed in {time.perf_counter() - t_ready:.1f}s")
    unready = [room for room in rooms if not room.ready.is_set()]
    if unready:
        print(f"{len(unready)} rooms not ready after 120 s: {not_ready_report(unready)}")
    all_rooms, rooms = rooms, [room for room in rooms if room.ready.is_set()]
    await asyncio.sleep(1)
    cpu_before = [cpu_seconds(w.process.pid) for w in workers]
    client_cpu_before = time.process_time()
    load_before = os.getloadavg()
    if redis_watch is not None:
        redis_watch.begin()
    for room in all_rooms:
        room.started = True
    started = time.perf_counter()
    for room in rooms:  # staggered starts: games are not in lockstep
        await room.players[0].send({"type": "start"})
        await asyncio.sleep(args.think_ms / 1000 / len(rooms))
    limit = (args.valid + args.lives * args.players + 5) * args.think_ms / 1000 * 2 + 60
    try:
        await asyncio.wait_for(asyncio.gather(*(r.done.wait() for r in rooms)), limit)
    except TimeoutError:
        print(f"not finished after {limit:.0f}s: {sum(not r.done.is_set() for r in rooms)} rooms")
    ended = time.perf_counter()
    cpu_after = [cpu_seconds(w.process.pid) for w in workers]
    client_cpu_after = time.process_time()
    redis_figures = redis_watch.end(ended - started) if redis_watch is not None else None
    await asyncio.sleep(1)  # let the last frames land before checking
    for room in all_rooms:
        for player in room.players:
            await player.conn.close()
    await asyncio.gather(*readers, return_exceptions=True)
    lag.cancel()
    summary = summarise(rooms, started, ended, args)
    summary["games_window"] = (started, ended)
    summary["rooms_never_ready"] = len(unready)
    summary["ready_retries"] = sum(room.ready_retries for room in all_rooms)
    summary["worker_cpu_percent"] = [
        round(100 * (after - before) / (ended - started), 1)
        for before, after in zip(cpu_before, cpu_after, strict=True)
    ]
    summary["redis"] = redis_figures or summary["redis"]
    # The machine is shared: the 1-minute load average before and after the games.
    summary["load_average_1m"] = [round(load_before[0], 1), round(os.getloadavg()[0], 1)]
    lags = [lag for at, lag in LAG_SAMPLES if started <= at <= ended]
    summary["client_loop_lag_ms"] = {
        "p50": round(percentile(lags, 50), 1),
        "p99": round(percentile(lags, 99), 1),
        "max": round(max(lags), 1),
    }
    summary["client_cpu_percent"] = round(
        100 * (client_cpu_after - client_cpu_before) / (ended - started), 1
    )
    for window in summary["timeline"]:
        start = started + window["from_s"]
        in_window = [lag for at, lag in LAG_SAMPLES if start <= at < start + TIMELINE_S]
        window["client_lag_max"] = round(max(in_window, default=0.0), 1)
    gc.unfreeze()  # this wave's rooms, which hold cycles, go back to the collector
    return summary


async def loop_lag(samples: list[tuple[float, float]]) -> None:
    """How late this process's own event loop wakes up (client-side share of the latency)."""
    while True:
        before = time.perf_counter()
        await asyncio.sleep(0.01)
        now = time.perf_counter()
        samples.append((now, (now - before - 0.01) * 1000))
