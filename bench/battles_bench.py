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

With ``--soak-minutes N`` the same workers and Redis play wave after wave for N minutes and
the summary is each worker's memory over time (:mod:`bench.battles_soak`).

Run (from the repository root):
    PUCKPATH_LOADED_NEO4J_URI=bolt://127.0.0.1:PORT .venv/bin/python -m bench.battles_bench
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import uvloop

from bench.battles_plan import loaded_neo4j, planned_chains
from bench.battles_play import play
from bench.battles_redis import RedisWatch
from bench.battles_report import worker_probe_report
from bench.battles_soak import soak
from bench.battles_stack import bench_env, local_redis
from bench.process_cpu import cpu_seconds
from graph_api.runtime.providers import Neo4jEndpoint, free_port
from graph_api.runtime.redis_local import LocalRedisServer
from graph_api.runtime.scale_out import scaled_out
from graph_api.runtime.ws_protocol import WS_PROTOCOL
from graph_api.settings import BattleSettings
from tests.integration.battle_workers import Worker, running_workers


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
    parser.add_argument(
        "--ws",
        default=WS_PROTOCOL,
        help="uvicorn's WebSocket implementation (default: the product's, "
        "graph_api/runtime/ws_protocol.py; e.g. auto for uvicorn's own)",
    )
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
    parser.add_argument(
        "--soak-minutes",
        type=float,
        default=0,
        help="keep the same workers and Redis and play wave after wave of --rooms new rooms "
        "for this long, sampling the workers' memory after each wave (bench/battles_soak.py)",
    )
    parser.add_argument(
        "--tracemalloc",
        type=Path,
        help="with --soak-minutes and --probe-workers: the workers trace their allocations and "
        "dump a tracemalloc snapshot into this folder after every wave "
        "(bench/tracemalloc_compare.py compares two)",
    )
    args = parser.parse_args()
    if args.tracemalloc and not (args.soak_minutes and args.probe_workers):
        parser.error("--tracemalloc needs --soak-minutes and --probe-workers")
    if args.soak_minutes and args.behind_nginx:
        parser.error("--soak-minutes runs the two workers without nginx")
    return args


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
    run = soak if args.soak_minutes else one_run
    summary = run(args, neo4j, chains)
    print(json.dumps(summary, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")


def one_run(
    args: argparse.Namespace, neo4j: Neo4jEndpoint, chains: list[list[str]]
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="battles-bench-") as tmp:
        folder = Path(tmp)
        with local_redis(args, folder) as redis_server:
            probes = folder / "worker-probes" if args.probe_workers else None
            env = bench_env(args, neo4j, redis_server.url, probes)
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
            if probes is not None:
                summary["workers"] = worker_probe_report(probes, started, ended)
    return summary


if __name__ == "__main__":
    main()
