"""Benchmark: loading a data directory or the snapshot into an empty graph, both ways.

Each way gets its own new Neo4j 5.26 (project-managed, on free ports in a temporary folder),
one after the other:

- ``cypher``: the server starts, then ``loader import`` (``import_files``) writes the graph
  through Bolt, as for a server given by NEO4J_URI or run by Docker;
- ``bulk``: what ``make run`` does on a new machine (``LOADER_OFFLINE_FIRST_LOAD``): the loader
  writes CSV files and ``neo4j-admin database import`` fills the store before the server's
  first start, then the schema, careers, teams, centres and the Dataset node are written on
  the running server (``loader/bulk``).

It prints wall time (with and without the server's start), CPU seconds of the loader and of
Neo4j (the JVMs: ``neo4j-admin`` and the server), the machine's load average before and
after, and rows/s per phase. Not a test: run it by hand.

    .venv/bin/python bench/import_bench.py --data data/snapshot [--mode both|bulk|cypher]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from bench.process_cpu import cpu_seconds
from graph_api.runtime.neo4j_local import LocalNeo4jServer
from graph_api.runtime.providers import free_port, provide_neo4j
from graph_api.settings import LoaderSettings, LocalNeo4jSettings, Neo4jSettings, Settings
from loader.bulk.first_load import FirstLoad
from loader.importer import LoadReport, import_files

PASSWORD = "puckpath-bench"  # noqa: S105 - a throwaway local server
GOAL_S = 60.0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_cpu_s() -> float:
    """CPU seconds of the finished child processes (``neo4j-admin``)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def server_cpu_s(home: Path) -> float | None:
    """CPU seconds used so far by the Neo4j JVM of ``home`` (None when not ours)."""
    try:
        return cpu_seconds(int((home / "run" / "neo4j.pid").read_text().strip()))
    except (OSError, ValueError, IndexError):
        return None


def server_settings(args: argparse.Namespace) -> Settings:
    return Settings(
        neo4j=Neo4jSettings(password=SecretStr(PASSWORD)),
        localneo4j=LocalNeo4jSettings(heap=args.heap, page_cache=args.heap),
        loader=loader_settings(args),
        runtime="local",
    )


def loader_settings(args: argparse.Namespace) -> LoaderSettings:
    return LoaderSettings(batch_size=args.batch_size, write_concurrency=args.lanes)


def run(args: argparse.Namespace, mode: str) -> dict[str, Any]:
    """One load into a new server of its own; the clock starts before the server does."""
    own = server_settings(args)
    offline = FirstLoad(own, args.data, say=lambda _: None) if mode == "bulk" else None
    marks: dict[str, float] = {}

    def before_start(server: LocalNeo4jServer) -> None:
        if offline is not None:
            offline.before_start(server)
        marks["server_start"] = time.perf_counter()
        # neo4j-admin has finished; the server JVM, a child too, is counted from /proc.
        marks["admin_cpu"] = children_cpu_s()

    load_before = os.getloadavg()
    loader_before, children_before = time.process_time(), children_cpu_s()
    started = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix="puckpath-bench-") as folder,
        provide_neo4j(
            own,
            home=Path(folder),
            bolt_port=free_port(),
            http_port=free_port(),
            before_start=before_start,
        ) as endpoint,
    ):
        up = time.perf_counter()
        server_at_start = server_cpu_s(Path(folder)) or 0.0
        settings = Settings(
            neo4j=Neo4jSettings(uri=endpoint.uri, password=SecretStr(endpoint.password)),
            loader=loader_settings(args),
        )
        report: LoadReport
        if offline is not None:
            if offline.done is None:
                raise SystemExit(f"the offline import was not used: {offline.skipped}")
            report = asyncio.run(offline.finish(settings))
        else:
            report = asyncio.run(import_files(settings, args.data))
        done = time.perf_counter()
        server_cpu = server_cpu_s(Path(folder)) or 0.0
    start_s = up - marks["server_start"]
    return {
        "mode": mode,
        "wall_s": round(done - started, 1),
        "wall_without_server_start_s": round(done - started - start_s, 1),
        "server_start_s": round(start_s, 1),
        "under_goal": done - started - start_s < GOAL_S,
        "loader_cpu_s": round(time.process_time() - loader_before, 1),
        "neo4j_admin_cpu_s": round(marks["admin_cpu"] - children_before, 1),
        "neo4j_server_cpu_s": round(server_cpu, 1),
        "neo4j_server_cpu_during_load_s": round(server_cpu - server_at_start, 1),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "peak_rss_mb": round(peak_rss_mb()),
        "phases": [
            {
                "phase": p.phase,
                "rows": p.rows,
                "s": round(p.seconds, 1),
                "rows_per_s": round(p.rows_per_s),
            }
            for p in report.phases
        ],
        "problems": len(report.problems),
    }


def show(result: dict[str, Any]) -> None:
    print(f"\n== {result['mode']}")
    print(f"{'phase':<20}{'rows':>10}{'s':>8}{'rows/s':>10}")
    for phase in result["phases"]:
        print(f"{phase['phase']:<20}{phase['rows']:>10,}{phase['s']:>8}{phase['rows_per_s']:>10,}")
    print(
        f"wall {result['wall_s']} s with the server's start ({result['server_start_s']} s), "
        f"{result['wall_without_server_start_s']} s without (goal < {GOAL_S:.0f} s); "
        f"CPU: loader {result['loader_cpu_s']} s, neo4j-admin {result['neo4j_admin_cpu_s']} s, "
        f"server {result['neo4j_server_cpu_s']} s ({result['neo4j_server_cpu_during_load_s']} s "
        f"after its start); load average {result['load_average_before']} before, "
        f"{result['load_average_after']} after"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data"
    )
    parser.add_argument("--mode", choices=("both", "bulk", "cypher"), default="both")
    parser.add_argument("--batch-size", type=int, default=LoaderSettings().batch_size)
    parser.add_argument("--lanes", type=int, default=LoaderSettings().write_concurrency)
    parser.add_argument("--heap", default="2g", help="heap and page cache of the started server")
    args = parser.parse_args()
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    modes = ("bulk", "cypher") if args.mode == "both" else (args.mode,)
    results = [run(args, mode) for mode in modes]
    for result in results:
        show(result)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
