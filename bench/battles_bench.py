"""Battles benchmark: two uvicorn workers + Redis + the loaded Neo4j graph.

ROOMS rooms x PLAYERS players (800 WebSocket connections by default) play chain games with
scripted answers: VALID real teammates (looked up in the graph beforehand), then wrong ones
(the starting player again: "already named") until one player is left. Every room's players
are split across the two workers (with ``--behind-nginx`` every client goes through nginx,
which picks the worker round robin). Measured on the clients (one clock, this process):

- guess -> broadcast latency: from sending a guess to each player of the room receiving
  the judged ``guess`` event (p50/p95/p99/max over every guess x recipient);
- messages/s: frames received by all clients while the games ran;
- integrity: every client got contiguous ``seq`` numbers after its snapshot, the players
  of a room got identical event streams, and every room ended with a ``result``.

Run (from the repository root):
    PUCKPATH_LOADED_NEO4J_URI=bolt://127.0.0.1:PORT .venv/bin/python -m bench.battles_bench
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import uvloop

from bench.battles_clients import Room, bounded, set_up_room
from bench.battles_plan import loaded_neo4j, planned_chains
from bench.battles_redis import RedisWatch, config_lines
from bench.battles_report import (
    TIMELINE_S,
    not_ready_report,
    percentile,
    summarise,
    worker_probe_report,
)
from bench.process_cpu import cpu_seconds
from graph_api.runtime.providers import free_port
from graph_api.runtime.redis_cluster_local import LocalRedisCluster
from graph_api.runtime.redis_local import LocalRedisServer
from graph_api.runtime.scale_out import scaled_out
from graph_api.settings import BattleSettings
from tests.integration.battle_workers import Worker, running_workers, worker_env

LAG_SAMPLES: list[tuple[float, float]] = []  # (perf_counter at wake-up, lag ms)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rooms", type=int, default=200)
    parser.add_argument("--players", type=int, default=4)
    parser.add_argument("--valid", type=int, default=12, help="valid answers per game")
    parser.add_argument("--lives", type=int, default=3)
    parser.add_argument(
        "--think-ms", type=float, default=2000, help="mean think time before an answer"
    )
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--neo4j-uri", default=os.environ.get("PUCKPATH_LOADED_NEO4J_URI"))
    parser.add_argument("--neo4j-password", default="puckpath-test-pw")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    parser.add_argument("--logs", type=Path, help="keep the workers' logs in this folder")
    parser.add_argument("--ws", default="auto", help="uvicorn's WebSocket implementation")
    parser.add_argument(
        "--behind-nginx",
        action="store_true",
        help="every client through nginx (deploy/nginx) in front of the two workers, round "
        "robin, as `puckpath serve --behind-nginx` runs them",
    )
    parser.add_argument(
        "--cluster", action="store_true", help="rooms in a local Redis Cluster of three masters"
    )
    parser.add_argument(
        "--probe-workers",
        action="store_true",
        help="record the workers' event-loop lag and GC pauses (bench/worker_probe)",
    )
    parser.add_argument(
        "--appendfsync",
        choices=["always", "everysec", "no"],
        default="always",
        help="the one redis-server's fsync policy (always is the product's; the others are "
        "for comparison only)",
    )
    return parser.parse_args()


async def play(
    workers: list[Worker],
    chains: list[list[str]],
    args: argparse.Namespace,
    redis_watch: RedisWatch | None = None,
) -> dict[str, Any]:
    t0 = time.perf_counter()
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
    return summary


async def loop_lag(samples: list[float]) -> None:
    """How late this process's own event loop wakes up (client-side share of the latency)."""
    while True:
        before = time.perf_counter()
        await asyncio.sleep(0.01)
        now = time.perf_counter()
        samples.append((now, (now - before - 0.01) * 1000))


def behind_nginx(
    env: dict[str, str], logs: Path, chains: list[list[str]], args: argparse.Namespace
) -> dict[str, Any]:
    """The game through nginx: both "workers" of the script are nginx's address (it picks the
    worker), each with one API process's pid for the CPU figures."""
    ws_max = BattleSettings().ws_max_bytes
    with scaled_out(2, env, logs, "127.0.0.1", free_port(), ws_max) as scale:
        print(f"nginx on {scale.url} in front of {[p.address for p in scale.processes]}")
        assert scale.nginx.process is not None
        nginx_pid = scale.nginx.process.pid
        via_nginx = [Worker(scale.nginx.port, p.process, p.log) for p in scale.processes]
        nginx_workers = [int(pid) for pid in nginx_children(nginx_pid)]
        before = sum(cpu_seconds(pid) for pid in nginx_workers)
        t0 = time.perf_counter()
        summary = uvloop.run(play(via_nginx, chains, args))
        spent = sum(cpu_seconds(pid) for pid in nginx_workers) - before
        summary["nginx_cpu_percent_whole_run"] = round(100 * spent / (time.perf_counter() - t0), 1)
        upstreams = Counter(
            line.rsplit("upstream=", 1)[1].split()[0]
            for line in scale.nginx.access_log.read_text().splitlines()
            if "upstream=" in line
        )
        summary["requests_per_worker"] = dict(upstreams)
    return summary


def nginx_children(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()


def main() -> None:
    args = parse_args()
    neo4j = loaded_neo4j(args)
    print(f"planning {args.rooms} chains of {args.valid} real teammates from {neo4j.uri} ...")
    chains = planned_chains(neo4j, args)
    with tempfile.TemporaryDirectory(prefix="battles-bench-") as tmp:
        folder = Path(tmp)
        redis_server: LocalRedisServer | LocalRedisCluster
        if args.cluster:
            redis_server = LocalRedisCluster.on_free_ports(folder / "redis-cluster")
        else:
            redis_server = LocalRedisServer(
                folder / "redis", free_port(), config_lines(args.appendfsync)
            )
        redis_server.start()
        try:
            env = worker_env(neo4j, redis_server.url, rate_burst=50)
            env["REDIS_CLUSTER"] = str(args.cluster).lower()
            probes = folder / "worker-probes"
            if args.probe_workers:
                probes.mkdir()
                probe_path = str(Path(__file__).parent / "worker_probe")
                env["PYTHONPATH"] = os.pathsep.join(
                    filter(None, [probe_path, env.get("PYTHONPATH")])
                )
                env["PUCKPATH_WORKER_PROBE_DIR"] = str(probes)
            logs = args.logs or folder
            logs.mkdir(parents=True, exist_ok=True)
            if args.behind_nginx:
                summary = behind_nginx(env, logs, chains, args)
            else:
                with running_workers(2, env, logs, ws=args.ws) as workers:
                    ports = [w.port for w in workers]
                    print(f"workers on ports {ports}, redis {redis_server.url}")
                    watch = None
                    if isinstance(redis_server, LocalRedisServer):
                        assert redis_server.process is not None
                        watch = RedisWatch(redis_server.url, redis_server.process.pid)
                    summary = uvloop.run(play(workers, chains, args, watch))
            started, ended = summary.pop("games_window")
            if args.probe_workers:
                summary["workers"] = worker_probe_report(probes, started, ended)
        finally:
            redis_server.stop()
    print(json.dumps(summary, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
