"""``loader sync`` killed with SIGKILL (while fetching, then while writing) and started again
finishes with the graph of an uninterrupted sync: the raw cache makes it resumable."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from graph_api.runtime.providers import Neo4jEndpoint
from graph_api.settings import Settings
from loader.live.sync import sync_history
from loader.status import wipe_graph
from tests.integration.loader_helpers import counts, digest
from tests.integration.test_loader_live import live_settings
from tests.replay_derived import DerivedResponses
from tests.replay_server import ReplayServer

SEASON = "2024"  # 2024-25: rosters, club stats and about 1,000 boxscores
REPO = Path(__file__).resolve().parents[2]


def sync_command(
    endpoint: Neo4jEndpoint, server: ReplayServer, cache: Path
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "NEO4J_URI": endpoint.uri,
        "NEO4J_USER": endpoint.user,
        "NEO4J_PASSWORD": endpoint.password,
        "LOADER_API_WEB_URL": server.web_url,
        "LOADER_STATS_API_URL": server.stats_url,
        "LOADER_API_CACHE_DIR": str(cache),
        "LOADER_RATE_LIMIT_PER_S": "200",
        "LOADER_HTTP_CONCURRENCY": "8",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "loader", "sync", "--seasons", SEASON],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def kill_when(process: subprocess.Popen[bytes], ready: Callable[[], bool], limit_s: float) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline and process.poll() is None:
        if ready():
            process.send_signal(signal.SIGKILL)
            process.wait()
            return
        time.sleep(0.1)
    raise AssertionError(f"the sync ended before it could be killed ({process.returncode})")


def players(settings: Settings) -> int:
    return asyncio.run(counts(settings)).get("Player", 0)


@pytest.mark.timeout(1800)
def test_sync_killed_twice_finishes_with_the_clean_graph(
    scratch_loader_neo4j: Neo4jEndpoint, shared_data: Path, tmp_path: Path
) -> None:
    derived = DerivedResponses(shared_data)
    with ReplayServer(shared_data / "nhl-api", derived=derived) as server:
        settings = live_settings(scratch_loader_neo4j, server, tmp_path / "clean")
        asyncio.run(wipe_graph(settings))
        asyncio.run(sync_history(settings, [20242025]))
        clean = asyncio.run(digest(settings))

        asyncio.run(wipe_graph(settings))
        cache = tmp_path / "killed"
        first = sync_command(scratch_loader_neo4j, server, cache)
        kill_when(first, lambda: server.state.requests >= 300, 300)  # while fetching
        assert players(settings) == 0
        second = sync_command(scratch_loader_neo4j, server, cache)
        kill_when(second, lambda: players(settings) > 0, 300)  # while writing
        third = sync_command(scratch_loader_neo4j, server, cache)
        _, errors = third.communicate(timeout=600)
        assert third.returncode == 0, errors.decode()
    assert asyncio.run(digest(settings)) == clean
