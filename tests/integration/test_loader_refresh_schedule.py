"""The in-season refresh on its schedule, as it runs: the refresher thread of ``puckpath
serve`` (:func:`loader.live.refresh.refreshing`) and a ``loader watch`` process at the same
time, sharing one Redis, a short ``LOADER_REFRESH_INTERVAL_S`` and the replayed NHL API.

Every refresh asks the API for its season list first (``/v1/season``), so the replay
server's request log shows when each refresh started: never two within one interval, though
two refreshers are asking. "The next day" two more games are final: they are added once and
the data version changes once.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import redis.asyncio as aioredis

from graph_api.runtime.providers import Neo4jEndpoint, RedisEndpoint
from graph_api.settings import RedisSettings, Settings
from loader.dataset import read_dataset
from loader.importer import open_repo
from loader.live.refresh import DUE_KEY, LOCK_KEY, refreshing
from loader.status import wipe_graph
from tests.integration.loader_helpers import counts
from tests.integration.test_loader_live import live_settings
from tests.integration.test_loader_refresh import SEASON, next_two_games, refresh
from tests.replay_derived import DerivedResponses
from tests.replay_server import ReplayServer

REPO = Path(__file__).resolve().parents[2]
INTERVAL_S = 5
CHECK_S = 0.5
# A refresh start may come up to one check late; never earlier than the interval.
EARLY_TOLERANCE_S = 0.3


async def version(settings: Settings) -> str | None:
    repo = open_repo(settings)
    try:
        return (await read_dataset(repo)).version
    finally:
        await repo.close()


async def clear_turns(settings: Settings) -> None:
    redis = aioredis.Redis.from_url(str(settings.redis.url))
    try:
        await redis.delete(DUE_KEY, LOCK_KEY)
    finally:
        await redis.aclose()


def refresh_starts(server: ReplayServer, since: float) -> list[float]:
    with server.state.lock:
        return [t for t, path in server.state.seen if path == "/v1/season" and t >= since]


def wait_for(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def watch_process(
    settings: Settings, server: ReplayServer, cache: Path, log: Path
) -> subprocess.Popen[bytes]:
    neo4j = settings.neo4j
    env = {
        **os.environ,
        "NEO4J_URI": neo4j.uri,
        "NEO4J_USER": neo4j.user,
        "NEO4J_PASSWORD": neo4j.password.get_secret_value(),
        "REDIS_URL": str(settings.redis.url),
        "DATA_DIR": "",
        "LOADER_API_WEB_URL": server.web_url,
        "LOADER_STATS_API_URL": server.stats_url,
        "LOADER_API_CACHE_DIR": str(cache),
        "LOADER_RATE_LIMIT_PER_S": "500",
        "LOADER_REFRESH_INTERVAL_S": str(INTERVAL_S),
        "PYTHONUNBUFFERED": "1",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "loader", "watch", "--check-s", str(CHECK_S)],
        cwd=REPO,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def test_serve_thread_and_loader_watch_refresh_once_per_interval(
    scratch_loader_neo4j: Neo4jEndpoint,
    redis_endpoint: RedisEndpoint,
    shared_data: Path,
    tmp_path: Path,
) -> None:
    derived = DerivedResponses(shared_data, season_under_way=SEASON)
    with ReplayServer(shared_data / "nhl-api", derived=derived) as server:
        settings = live_settings(scratch_loader_neo4j, server, tmp_path / "cache").model_copy(
            update={"redis": RedisSettings(url=redis_endpoint.url)}
        )
        asyncio.run(wipe_graph(settings))
        assert asyncio.run(refresh(settings)) is not None  # the season so far, loaded once
        asyncio.run(clear_turns(settings))
        loaded = asyncio.run(counts(settings))
        first_version = asyncio.run(version(settings))
        scheduled = settings.model_copy(
            update={"loader": settings.loader.model_copy(update={"refresh_interval_s": INTERVAL_S})}
        )

        started = time.monotonic()
        log = tmp_path / "watch.log"
        watcher = watch_process(scheduled, server, tmp_path / "watch-cache", log)
        try:
            with refreshing(scheduled, check_s=CHECK_S) as running:
                assert running
                # Nothing new: refreshes run on the schedule and change nothing.
                wait_for(lambda: len(refresh_starts(server, started)) >= 2, 90, "two refreshes")
                assert asyncio.run(version(settings)) == first_version
                assert asyncio.run(counts(settings)) == loaded

                new = next_two_games(shared_data)
                derived.finished = set(new)  # the next day
                # The games are written first, the new Dataset version recorded after them.
                wait_for(
                    lambda: asyncio.run(version(settings)) != first_version,
                    120,
                    "a new data version with the two new games",
                )
                bumped = asyncio.run(version(settings))
                seen = len(refresh_starts(server, started))
                wait_for(lambda: len(refresh_starts(server, started)) >= seen + 2, 90, "more")
                # Later refreshes, by either refresher with its own cache, change nothing.
                assert asyncio.run(version(settings)) == bumped
                assert watcher.poll() is None, log.read_text(errors="replace")
        finally:
            watcher.terminate()
            watcher.wait(timeout=30)
        starts = refresh_starts(server, started)

    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(starts) >= 4, starts
    assert min(gaps) >= INTERVAL_S - EARLY_TOLERANCE_S, gaps  # never two in one interval
    after = asyncio.run(counts(settings))
    dressed = sum(len(derived.appearances[g]) for g in new)
    assert after["Game"] == loaded["Game"] + 2
    assert after["PLAYED_IN"] == loaded["PLAYED_IN"] + dressed  # added once
    assert bumped != first_version
    assert "Traceback" not in log.read_text(errors="replace")
