"""Benchmark: the full import of ../shared/data into an empty graph.

Starts its own Neo4j 5.26 (project-managed, empty, on free ports in a temporary folder)
unless ``--uri`` names an empty one, runs the same import as ``loader import``, and prints
wall time, rows/s per phase and the loader's peak memory (RSS). Not a test: run it by hand.

    .venv/bin/python bench/import_bench.py [--data ../shared/data] [--batch-size 10000]
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

from pydantic import SecretStr

from graph_api.runtime.providers import free_port, provide_neo4j
from graph_api.settings import LoaderSettings, LocalNeo4jSettings, Neo4jSettings, Settings
from loader.importer import import_files

PASSWORD = "puckpath-bench"  # noqa: S105 - a throwaway local server
GOAL_S = 60.0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def server_cpu_s(home: Path) -> float | None:
    """CPU seconds used so far by the Neo4j JVM of ``home`` (None when not ours)."""
    try:
        pid = int((home / "run" / "neo4j.pid").read_text().strip())
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()
    except (OSError, ValueError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(settings: Settings, data: Path, home: Path) -> dict[str, object]:
    load_before = os.getloadavg()[0]
    server_before = server_cpu_s(home)
    loader_before = time.process_time()
    started = time.perf_counter()
    report = asyncio.run(import_files(settings, data))
    wall = time.perf_counter() - started
    server_after = server_cpu_s(home)
    server_cpu = (
        round(server_after - server_before, 1)
        if server_after is not None and server_before is not None
        else None
    )
    return {
        "loader_cpu_s": round(time.process_time() - loader_before, 1),
        "neo4j_cpu_s": server_cpu,
        "load_average_before": round(load_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        "wall_s": round(wall, 1),
        "goal_s": GOAL_S,
        "under_goal": wall < GOAL_S,
        "peak_rss_mb": round(peak_rss_mb()),
        "centrality_s": round(
            sum(p.seconds for p in report.phases if p.phase.startswith("centrality")), 1
        ),
        "batch_size": settings.loader.batch_size,
        "lanes": settings.loader.write_concurrency,
        "cpus": os.cpu_count(),
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data"
    )
    parser.add_argument("--uri", help="an EMPTY Neo4j to import into (default: start one)")
    parser.add_argument("--password", default=PASSWORD)
    parser.add_argument("--batch-size", type=int, default=LoaderSettings().batch_size)
    parser.add_argument("--lanes", type=int, default=LoaderSettings().write_concurrency)
    parser.add_argument("--heap", default="2g", help="heap and page cache of the started server")
    args = parser.parse_args()
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    loader = LoaderSettings(batch_size=args.batch_size, write_concurrency=args.lanes)
    server = Settings(
        neo4j=Neo4jSettings(uri=args.uri, password=SecretStr(args.password)),
        localneo4j=LocalNeo4jSettings(heap=args.heap, page_cache=args.heap),
        runtime="local",
    )
    with (
        tempfile.TemporaryDirectory(prefix="puckpath-bench-") as home,
        provide_neo4j(
            server, home=Path(home), bolt_port=free_port(), http_port=free_port()
        ) as endpoint,
    ):
        settings = Settings(
            neo4j=Neo4jSettings(uri=endpoint.uri, password=SecretStr(endpoint.password)),
            loader=loader,
        )
        result = run(settings, args.data, Path(home))
    print(f"{'phase':<16}{'rows':>10}{'s':>8}{'rows/s':>10}")
    for phase in result["phases"]:  # type: ignore[attr-defined]
        print(f"{phase['phase']:<16}{phase['rows']:>10,}{phase['s']:>8}{phase['rows_per_s']:>10,}")
    print(
        f"wall {result['wall_s']} s (goal < {GOAL_S:.0f} s), peak RSS {result['peak_rss_mb']} MB, "
        f"batch {result['batch_size']}, lanes {result['lanes']}"
    )
    print(
        f"CPU: loader {result['loader_cpu_s']} s, Neo4j {result['neo4j_cpu_s']} s; machine load "
        f"average {result['load_average_before']} before, {result['load_average_after']} after"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
