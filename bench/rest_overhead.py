"""REST overhead of ``/paths/shortest``, paired: servers side by side and the driver, in one run.

On a shared machine whose load moves within seconds, rows measured one after the other
compare moments more than code. Here every pair is asked of each uncached server
(``PATHS_CACHE_SIZE=0``, ``strategy=any``) and of the driver running the same Cypher,
neighbours in time, the order turning pair by pair; then each server's throughput at
concurrency 32 in alternating blocks. Servers: this tree, and any other source trees given
with ``--tree`` (for example ``git archive main | tar -x -C /tmp/main``), so a change is
measured against what it changes in the same minutes. Every server runs as ``puckpath serve``
runs it (:mod:`bench.paths_server`); ``--lean`` adds this tree on plain uvicorn without the
access log (the benchmarks' server before 2026-12-02) to compare the two. ``--timeline``
loads ``bench/rest_probe`` into this tree's server and prints where the time of a request
goes inside the worker (middlewares and routing, the route, the Cypher read, the
answer's models, JSON, the writes), p50 per segment over the paired requests.

Run (from the repository root, with a loaded graph):
    PUCKPATH_LOADED_NEO4J_URI=bolt://127.0.0.1:PORT .venv/bin/python -m bench.rest_overhead \
        --tree /tmp/main
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import statistics
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import neo4j
from neo4j import AsyncGraphDatabase

from bench.paths_driver import driver_caller
from bench.paths_http import api_server, rest_caller
from bench.paths_paired import paired, percentile
from bench.paths_pairs import Pair
from bench.paths_report import load_average
from bench.process_cpu import cpu_seconds
from bench.rest_probe.sitecustomize import STAMPS
from graph_api.graph.catalog import QueryCatalog
from graph_api.runtime.providers import free_port
from graph_api.runtime.redis_local import LocalRedisServer

HERE = Path(__file__).resolve().parents[1]
WARM_UP = 50  # pairs asked of every server before measuring (one probe batch)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--neo4j-uri", default=os.environ.get("PUCKPATH_LOADED_NEO4J_URI"))
    parser.add_argument("--neo4j-password", default="puckpath-test-pw")
    parser.add_argument("--tree", type=Path, action="append", default=[], help="another tree")
    parser.add_argument(
        "--lean",
        action="store_true",
        help="also this tree on plain uvicorn without the access log and with in-process "
        "metrics (the benchmarks' server before 2026-12-02), beside the product's",
    )
    parser.add_argument("--pairs", type=int, default=300, help="random player pairs")
    parser.add_argument("--rounds", type=int, default=2, help="passes over the pairs at c=1")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--block", type=int, default=400, help="requests per throughput block")
    parser.add_argument("--blocks", type=int, default=3, help="throughput blocks per server")
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--env", nargs="*", default=[], help="NAME=VALUE for every server")
    parser.add_argument(
        "--timeline",
        action="store_true",
        help="stamp each request's segments inside this tree's server (bench/rest_probe)",
    )
    return parser.parse_args()


def probe_env(folder: Path) -> dict[str, str]:
    """The environment that loads bench/rest_probe into a server, writing into ``folder``."""
    return {
        "PYTHONPATH": str(Path(__file__).parent / "rest_probe"),
        "PUCKPATH_REST_PROBE_FILE": str(folder / "timeline.csv"),
    }


def timeline_lines(folder: Path, skip: int) -> list[str]:
    """p50 and mean of each segment between the probe's stamps (bench/rest_probe), over the
    requests after the first ``skip`` (the warm-up)."""
    rows = [
        [float(value) for value in text.split(",")]
        for text in (folder / "timeline.csv").read_text().splitlines()[skip:]
    ]
    lines = [f"inside the worker, {len(rows)} requests (ms, p50 / mean):"]
    for i, (start, end) in enumerate(itertools.pairwise(STAMPS)):
        spans = [row[i + 1] - row[i] for row in rows]
        lines.append(
            f"  {start} -> {end}: {statistics.median(spans) * 1e3:.3f} / "
            f"{statistics.mean(spans) * 1e3:.3f}"
        )
    read, read_done = STAMPS.index("read"), STAMPS.index("read_done")
    outside = [(row[-1] - row[0]) - (row[read_done] - row[read]) for row in rows]
    total = [row[-1] - row[0] for row in rows]
    lines.append(
        f"  in the app {statistics.median(total) * 1e3:.3f} ms p50, of which outside the "
        f"Cypher read {statistics.median(outside) * 1e3:.3f} ms p50"
    )
    return lines


async def random_pairs(driver: neo4j.AsyncDriver, n: int, seed: int) -> list[Pair]:
    records, _, _ = await driver.execute_query("MATCH (p:Player) RETURN p.id AS id ORDER BY id")
    ids = [record["id"] for record in records]
    rng = random.Random(seed)
    return [(a, b) for a, b in (rng.sample(ids, 2) for _ in range(n))]


def server_pid(port: int) -> int:
    """The uvicorn process serving ``port`` (one worker: the server process itself), started
    with ``--port PORT`` (lean) or ``API_PORT=PORT`` in its environment (bench.paths_server)."""
    wanted = (f"--port\0{port}\0".encode(), f"\0API_PORT={port}\0".encode())
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and (
                wanted[0] in (proc / "cmdline").read_bytes()
                or wanted[1] in b"\0" + (proc / "environ").read_bytes()
            ):
                return int(proc.name)
        except OSError:
            continue
    raise RuntimeError(f"no server process for port {port}")


def line(name: str, values: list[float]) -> str:
    p50, p90, p99 = (percentile(values, p) * 1e3 for p in (0.5, 0.9, 0.99))
    return f"{name}: p50 {p50:.2f} ms, p90 {p90:.2f} ms, p99 {p99:.2f} ms"


async def main() -> None:
    args = parse_args()
    catalog = QueryCatalog.load()
    driver = AsyncGraphDatabase.driver(args.neo4j_uri, auth=("neo4j", args.neo4j_password))
    extra = dict(item.split("=", 1) for item in args.env)
    # name -> (tree, lean); a tree without bench/paths_server.py predates it: served lean.
    trees = {
        "this tree": (HERE, False),
        **({"this tree, lean server": (HERE, True)} if args.lean else {}),
        **{str(tree): (tree, not (tree / "bench/paths_server.py").exists()) for tree in args.tree},
    }
    print(f"load average at the start {load_average()}")
    with tempfile.TemporaryDirectory(prefix="rest-overhead-") as home, ExitStack() as stack:
        redis = LocalRedisServer(Path(home) / "redis", free_port())
        redis.start()
        stack.callback(redis.stop)
        probed = {**extra, **probe_env(Path(home))} if args.timeline else extra
        ports = {
            name: stack.enter_context(
                api_server(
                    args.neo4j_uri,
                    args.neo4j_password,
                    redis.url,
                    1,
                    0,
                    probed if name == "this tree" else extra,
                    tree,
                    lean,
                )
            )
            for name, (tree, lean) in trees.items()
        }
        pairs = await random_pairs(driver, args.pairs, args.seed)
        pids = {name: server_pid(port) for name, port in ports.items()}
        calls = {name: rest_caller(port, 1)[0] for name, port in ports.items()}
        calls["driver"] = driver_caller(driver, catalog["read/shortest_path"])
        await paired(calls, pairs[:WARM_UP], 1)  # in turn: idle keep-alives would close
        before = {name: cpu_seconds(pid) for name, pid in pids.items()}
        latencies = await paired(calls, pairs, args.rounds)
        cpu_ms = {
            name: (cpu_seconds(pid) - before[name]) * 1e3 / len(latencies[name])
            for name, pid in pids.items()
        }
        print(f"c=1, {len(pairs)} pairs x {args.rounds} rounds, paired (load {load_average()})")
        for name, values in latencies.items():
            ratio = percentile(values, 0.5) / percentile(latencies["driver"], 0.5)
            cpu = f"; server CPU {cpu_ms[name]:.2f} ms per request" if name in cpu_ms else ""
            print(f"  {line(name, values)}; p50 / driver {ratio:.2f}x{cpu}")
        if args.timeline:
            print("\n".join(timeline_lines(Path(home), skip=WARM_UP)))
        rates: dict[str, list[float]] = {name: [] for name in ports}
        block_cpu: dict[str, list[float]] = {name: [] for name in ports}
        for block in range(args.blocks * len(ports)):
            name = list(ports)[block % len(ports)]
            call, close = rest_caller(ports[name], args.concurrency)
            chunk = [pairs[(block * args.block + j) % len(pairs)] for j in range(args.block)]
            cursor = iter(chunk)

            async def caller() -> None:
                for pair in cursor:  # noqa: B023 - each block awaits its callers
                    await call(pair)  # noqa: B023

            started, used = time.perf_counter(), cpu_seconds(pids[name])
            await asyncio.gather(*(caller() for _ in range(args.concurrency)))
            rates[name].append(len(chunk) / (time.perf_counter() - started))
            block_cpu[name].append((cpu_seconds(pids[name]) - used) * 1e3 / len(chunk))
            close()
        print(f"c={args.concurrency} throughput, req/s per block (load {load_average()})")
        for name, values in rates.items():
            cpu = ", ".join(f"{ms:.2f}" for ms in block_cpu[name])
            print(f"  {name}: " + ", ".join(f"{rate:.0f}" for rate in values), end="")
            print(f"; server CPU ms per request: {cpu}")
    await driver.close()


if __name__ == "__main__":
    asyncio.run(main())
