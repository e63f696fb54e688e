"""The in-season refresh: while the API serves, new finished games are fetched on a schedule.

Every API worker (on every host) runs a :class:`Refresher`; Redis decides which one works:

* ``puckpath:refresh:due`` is set with ``SET NX EX <LOADER_REFRESH_INTERVAL_S>`` by the worker
  whose turn it is; every other worker finds it set and waits. So there is one refresh per
  interval across all workers and hosts that share the Redis.
* ``puckpath:refresh:lock`` (``SET NX PX <LOADER_REFRESH_LOCK_TTL_S>``, a random token,
  released by compare-and-delete) keeps two refreshes from ever running at once, and frees
  itself after the TTL if its holder died.

A refresh is ``loader fetch`` of the season under way: only finished games whose boxscores
are not in the graph yet are fetched, and the load records one new ``Dataset`` version when
anything changed, so the path cache of every worker (keyed on that version) recomputes.
It then records on the Dataset node when it ran and the newest game loaded.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from dataclasses import dataclass
from typing import Any

import redis.asyncio as aioredis

from graph_api.settings import Settings
from loader.importer import open_repo
from loader.live.client import NhlClient
from loader.live.fetch import api_cache_dir, fetch_season
from loader.live.history import season_ids

log = logging.getLogger(__name__)

DUE_KEY = "puckpath:refresh:due"
LOCK_KEY = "puckpath:refresh:lock"
_RELEASE = """
if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end
return 0
"""


@dataclass(frozen=True)
class RefreshOutcome:
    season: int
    new_games: list[int]
    version: Any
    changed: bool
    last_game_id: int | None


async def season_under_way(settings: Settings) -> int:
    """The newest season the API lists (``/v1/season``, asked again every time)."""
    client = NhlClient(settings.loader, api_cache_dir(settings))
    try:
        return season_ids(await client.get("web", "season", refresh=True))[-1]
    finally:
        await client.aclose()


async def refresh_once(settings: Settings, redis: aioredis.Redis) -> RefreshOutcome | None:
    """One refresh under the Redis lock; None when another worker holds it."""
    token = secrets.token_hex(16)
    ttl_ms = int(settings.loader.refresh_lock_ttl_s * 1000)
    if not await redis.set(LOCK_KEY, token, nx=True, px=ttl_ms):
        return None
    try:
        season = await season_under_way(settings)
        before = await _loaded_games(settings, season)
        report, _ = await fetch_season(settings, season)
        after = await _loaded_games(settings, season)
        last = await _record_refresh(settings)
    finally:
        await redis.eval(_RELEASE, 1, LOCK_KEY, token)
    return RefreshOutcome(
        season,
        sorted(after - before),
        report.dataset.get("version"),
        bool(report.dataset.get("changed")),
        last,
    )


async def _loaded_games(settings: Settings, season: int) -> set[int]:
    repo = open_repo(settings)
    try:
        return {row["id"] for row in await repo.read("load/read_loaded_games", season=season)}
    finally:
        await repo.close()


async def _record_refresh(settings: Settings) -> int | None:
    repo = open_repo(settings)
    try:
        last = await repo.read_one("load/read_last_game")
        await repo.write(
            "load/set_refresh",
            last_game_id=last["id"] if last else None,
            last_game_date=last["date"] if last else None,
        )
        return int(last["id"]) if last else None
    finally:
        await repo.close()


class Refresher:
    """The schedule in one API worker: every ``check_s`` it tries to take the turn."""

    def __init__(self, settings: Settings, redis: aioredis.Redis, check_s: float = 60.0):
        self.settings = settings
        self.redis = redis
        self.check_s = min(check_s, settings.loader.refresh_interval_s)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="puckpath-refresher")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        interval = int(self.settings.loader.refresh_interval_s)
        while True:
            await asyncio.sleep(self.check_s)
            try:
                if not await self.redis.set(DUE_KEY, "1", nx=True, ex=max(interval, 1)):
                    continue
                outcome = await refresh_once(self.settings, self.redis)
                if outcome is not None:
                    log.info(
                        "refresh of %s: %d new game(s), data version %s",
                        outcome.season,
                        len(outcome.new_games),
                        outcome.version,
                    )
            except asyncio.CancelledError:
                raise
            except Exception:  # a failed refresh must not stop the API; next turn retries
                log.exception("in-season refresh failed")


def start_refresher(settings: Settings, redis: aioredis.Redis) -> Refresher | None:
    """The worker's refresher, running; None when ``LOADER_REFRESH_INTERVAL_S`` is 0."""
    if settings.loader.refresh_interval_s <= 0:
        return None
    refresher = Refresher(settings, redis)
    refresher.start()
    return refresher
