"""The in-season refresh: while the API serves, new finished games are fetched on a schedule.

Every ``puckpath serve`` (on every host) runs one refresher in a thread of its own beside its
uvicorn workers (:func:`refreshing`; the API workers themselves never import the loader), and
``loader watch`` runs the same loop alone (docker compose's ``refresher``). Redis decides
which of them works:

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
import logging
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from graph_api.redis_clients import RedisClient, open_redis
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


async def refresh_once(settings: Settings, redis: RedisClient) -> RefreshOutcome | None:
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


async def watch(settings: Settings, stop: threading.Event, check_s: float = 60.0) -> None:
    """Every ``check_s`` try to take the turn; refresh when it is ours; until ``stop``."""
    interval = int(settings.loader.refresh_interval_s)
    check_s = min(check_s, settings.loader.refresh_interval_s)
    assert settings.redis.url, "the refresher needs Redis (REDIS_URL)"
    # Two connections: the due mark and the lock; on a cluster, each key's own master.
    redis = open_redis(settings.redis.url, 2, cluster=settings.redis.cluster)
    try:
        while not stop.is_set():
            await asyncio.to_thread(stop.wait, check_s)
            if stop.is_set():
                break
            try:
                if not await redis.set(DUE_KEY, "1", nx=True, ex=max(interval, 1)):
                    continue
                outcome = await refresh_once(settings, redis)
                if outcome is not None:
                    log.info(
                        "refresh of %s: %d new game(s), data version %s",
                        outcome.season,
                        len(outcome.new_games),
                        outcome.version,
                    )
            except Exception:  # a failed refresh must not stop the service; next turn retries
                log.exception("in-season refresh failed")
    finally:
        await redis.aclose()


@contextmanager
def refreshing(settings: Settings, check_s: float = 60.0) -> Iterator[bool]:
    """The refresher in a thread while the block runs (True), or nothing (False) when
    ``LOADER_REFRESH_INTERVAL_S`` is 0 or there is no Redis."""
    if settings.loader.refresh_interval_s <= 0 or not settings.redis.url:
        yield False
        return
    stop = threading.Event()
    thread = threading.Thread(
        target=lambda: asyncio.run(watch(settings, stop, check_s)),
        name="puckpath-refresher",
        daemon=True,
    )
    thread.start()
    try:
        yield True
    finally:
        stop.set()
        thread.join(timeout=30)
