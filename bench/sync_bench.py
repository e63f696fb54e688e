"""Benchmark: ``loader sync`` of 10 seasons over the local replay of the NHL API.

Starts its own empty Neo4j 5.26 (project-managed, free ports, a temporary folder) and the
replay server of tests/replay_server.py with the responses DERIVED from ../shared/data, then
syncs the seasons twice: cold (empty response cache) and warm (everything cached). Prints
requests, cache hits, rows/s per phase, and how long the real API would take for the whole
history (1917-18 to the season under way) at the default rate limit, from the sync's own
estimate. Not a test: run it by hand.

    .venv/bin/python -m bench.sync_bench [--seasons 2015-2024] [--rate 200]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import tempfile
import time
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from graph_api.runtime.providers import free_port, provide_neo4j
from graph_api.settings import LoaderSettings, LocalNeo4jSettings, Neo4jSettings, Settings
from loader.live.client import NhlClient
from loader.live.seasons import parse_seasons, season_range
from loader.live.sync import HistorySync, sync_history
from loader.writer import NoProgress
from tests.replay_derived import DerivedResponses
from tests.replay_server import ReplayServer

PASSWORD = "puckpath-bench"  # noqa: S105 - a throwaway local server


def one_run(settings: Settings, seasons: list[int]) -> dict[str, Any]:
    started = time.perf_counter()
    report, client = asyncio.run(sync_history(settings, seasons))
    return {
        "wall_s": round(time.perf_counter() - started, 1),
        "requests": client.log.requests,
        "cache_hits": client.log.cache_hits,
        "retries": len(client.log.retries),
        "seasons_loaded": len(report.loaded),
        "phases": [
            {
                "phase": p.phase,
                "rows": p.rows,
                "s": round(p.seconds, 1),
                "rows_per_s": round(p.rows_per_s),
            }
            for p in report.phases
        ],
    }


async def full_history_estimate(settings: Settings) -> dict[str, Any]:
    """Requests the whole history takes, and their time at the default rate."""
    client = NhlClient(settings.loader, settings.loader.api_cache_dir or Path("."))
    try:
        sync = HistorySync(settings, client, NoProgress())
        plans = await sync.plan(None)
        total, _ = sync.estimate(plans)
    finally:
        await client.aclose()
    rate = LoaderSettings().rate_limit_per_s
    return {
        "seasons": len(plans),
        "requests": total,
        "default_rate_per_s": rate,
        "hours_at_default_rate": round(total / rate / 3600, 1),
    }


def print_run(name: str, run: dict[str, Any]) -> None:
    print(f"{name}: {run['wall_s']} s, {run['requests']} requests, {run['cache_hits']} cache hits")
    for phase in run["phases"]:
        rows, rate = phase["rows"], phase["rows_per_s"]
        print(f"  {phase['phase']:<16}{rows:>10,}{phase['s']:>8}{rate:>10,}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data"
    )
    parser.add_argument("--seasons", default="2015-2024", help="start years, like loader sync")
    parser.add_argument("--rate", type=float, default=200.0, help="requests/s to the replay")
    args = parser.parse_args()
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    seasons = season_range(*parse_seasons(args.seasons))
    server = Settings(
        neo4j=Neo4jSettings(password=SecretStr(PASSWORD)),
        localneo4j=LocalNeo4jSettings(heap="1g", page_cache="1g"),
        runtime="local",
    )
    with (
        tempfile.TemporaryDirectory(prefix="puckpath-sync-bench-") as home,
        provide_neo4j(
            server, home=Path(home), bolt_port=free_port(), http_port=free_port()
        ) as endpoint,
        ReplayServer(args.data / "nhl-api", derived=DerivedResponses(args.data)) as replay,
    ):
        settings = Settings(
            neo4j=Neo4jSettings(uri=endpoint.uri, password=SecretStr(endpoint.password)),
            loader=LoaderSettings(
                api_web_url=replay.web_url,
                stats_api_url=replay.stats_url,
                api_cache_dir=Path(home) / "nhl-api",
                rate_limit_per_s=args.rate,
                http_concurrency=8,
            ),
        )
        result: dict[str, Any] = {"seasons": args.seasons}
        for name in ("cold", "warm"):  # each printed as it ends (a long run shows progress)
            result[name] = run = one_run(settings, seasons)
            print_run(name, run)
        result["full_history"] = asyncio.run(full_history_estimate(settings))
    full = result["full_history"]
    print(
        f"full history: {full['seasons']} seasons, about {full['requests']:,} requests, "
        f"{full['hours_at_default_rate']} h at {full['default_rate_per_s']:g} requests/s"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
