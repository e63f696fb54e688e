"""The composition root: every service of the app, built, started and closed in one place.

:meth:`AppServices.build` makes the graph repo (the Neo4j driver), the one Redis pool (the
battle rooms'; none when ``BATTLE_STORE=memory``), the path API's query objects and caches
(:class:`GraphQueries`), the battle runtime over them and the seat rate limit (in the same
Redis pool). :meth:`AppServices.start` applies
the schema, starts the battles' timer loop and feed and, in the background, today's daily
puzzle (``DailyPuzzles.warm``) and the graph's size and distances from the hub (the page's
footer, ``/stats/graph``: a breadth-first search of the whole graph), and the task that draws
each next day's puzzle before its midnight (``DailyPuzzles.warm_each_day``);
:meth:`AppServices.close` undoes it.
The app's one lifespan (``graph_api/app.py``) opens it through :func:`running_services`; the
routes reach it through ``graph_api/deps.py``.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from graph_api.battle.runtime import BattleRuntime
from graph_api.battle.service.graph_repo_oracle import GraphRepoOracle
from graph_api.daily.game import DailyGame
from graph_api.errors import AppError, Unavailable
from graph_api.graph.catalog import QueryCatalog
from graph_api.graph.queries import GraphQueries
from graph_api.graph.repo import GraphRepo, make_driver
from graph_api.hardening.rate_limit import DAILY_ATTEMPTS, AddressRateLimit
from graph_api.redis_clients import RedisClient, open_redis
from graph_api.settings import Settings

log = logging.getLogger(__name__)

REQUIRED_QUERIES = ("read/ping", "admin/await_indexes")


def rooms_redis(settings: Settings) -> RedisClient | None:
    """The pool of the battle rooms in Redis, or None when rooms are kept in memory."""
    if settings.battle.store == "memory":
        return None
    if not settings.redis.url:
        raise Unavailable("battles need Redis: set REDIS_URL (or BATTLE_STORE=memory)")
    return open_redis(
        settings.redis.url, settings.battle.redis_connections, cluster=settings.redis.cluster
    )


DAILY_CONNECTIONS = 8
# The garbage collector's thresholds after start-up (Python's default is 700, 10, 10). A
# worker holding a thousand live sockets keeps hundreds of thousands of objects, and every
# full pass walks them all (95-654 ms stalls, 4-9 a minute per worker at 500 rooms). Young
# passes every 700 allocations also promote each action's short-lived objects, which is what
# sets off the full passes; at 50,000 most of them are freed by reference counting first.
GC_THRESHOLDS = (50_000, 20, 10)


def daily_redis(settings: Settings, rooms: RedisClient | None) -> RedisClient | None:
    """The daily puzzle's Redis: the rooms' pool, else its own when REDIS_URL is set
    (``BATTLE_STORE=memory``), else none (attempts then answer 503)."""
    if rooms is not None or not settings.redis.url:
        return rooms
    return open_redis(settings.redis.url, DAILY_CONNECTIONS, cluster=settings.redis.cluster)


class AppServices:
    """What the routes share: settings, graph repo, Redis pool, query objects, battles."""

    def __init__(
        self,
        settings: Settings,
        repo: GraphRepo,
        redis: RedisClient | None,
        queries: GraphQueries,
        battles: BattleRuntime,
        daily: DailyGame,
        seat_limit: AddressRateLimit,
        daily_redis: RedisClient | None = None,
    ) -> None:
        self.settings = settings
        self.repo = repo
        self.redis = redis
        self.queries = queries
        self.battles = battles
        self.daily = daily
        self._daily_redis = daily_redis  # its own pool only (closed here), else None
        self.seat_limit = seat_limit
        self.schema_applied = False
        # Start-up work left running in the background (readiness does not wait for it).
        self.warming: list[asyncio.Task[object]] = []
        self.daily_rollover: asyncio.Task[None] | None = None

    @classmethod
    def build(cls, settings: Settings) -> AppServices:
        """Every service, connected to nothing yet (the driver and pool connect on use)."""
        catalog = QueryCatalog.load(require=REQUIRED_QUERIES)
        repo = GraphRepo(make_driver(settings.neo4j), catalog, settings.neo4j)
        redis = rooms_redis(settings)
        queries = GraphQueries(repo, settings.paths)
        oracle = GraphRepoOracle(
            repo, queries.players, queries.paths, queries.challenges, queries.version
        )
        battles = BattleRuntime.build(settings.battle, oracle, redis)
        # The address limits count in the rooms' pool, the daily one in the daily pool (the
        # same, or its own), each closed below with its pool.
        cluster_url = settings.redis.url if settings.redis.cluster else None
        daily_pool = daily_redis(settings, redis)
        daily_limit = AddressRateLimit(
            settings.security.daily_attempt_rate_limit,
            daily_pool,
            counted=DAILY_ATTEMPTS,
            cluster_url=cluster_url,
        )
        daily = DailyGame.build(settings.daily, queries, oracle, daily_pool, daily_limit)
        own_pool = daily_pool if daily_pool is not redis else None
        seat_limit = AddressRateLimit(
            settings.security.room_rate_limit, redis, cluster_url=cluster_url
        )
        return cls(settings, repo, redis, queries, battles, daily, seat_limit, own_pool)

    async def ensure_schema(self) -> None:
        """Apply the schema once Neo4j is reachable (at start-up, or later on recovery)."""
        if not self.schema_applied:
            await self.repo.ping()
            await self.repo.apply_schema()
            self.schema_applied = True

    async def start(self) -> None:
        try:
            await self.ensure_schema()
        except Unavailable as exc:
            log.warning("Neo4j not ready at start-up (%s); /ready will report it", exc.detail)
        await self.battles.start()
        await self.warm_graph_tables()
        # Each next day's puzzle is drawn before its midnight by every worker, all its life.
        self.daily_rollover = asyncio.create_task(self.daily.puzzles.warm_each_day())
        if self.schema_applied:
            self.warming = [asyncio.create_task(self.daily.puzzles.warm())]
            if self.queries.cache.enabled:  # with PATHS_CACHE_SIZE=0 nothing would keep it
                self.warming.append(asyncio.create_task(self.warm_graph_stats()))
        # Everything built at start-up lives as long as the worker: keep it out of the garbage
        # collector's full passes, which otherwise stall every live game now and then.
        gc.collect()
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLDS)

    async def warm_graph_tables(self) -> None:
        """Build the per-version team-season directory and player-id table now: otherwise the
        first teammate checks (a burst of games starting together) all wait for them."""
        if not self.schema_applied:
            return
        try:
            await self.queries.directory.get()
            await self.queries.player_ids.get()
        except AppError as exc:
            log.warning("graph tables not warmed at start-up (%s); built on first use", exc)

    async def warm_graph_stats(self) -> None:
        """``/stats/graph`` as the page asks it (default hub), kept for the data version."""
        try:
            await self.queries.graph_stats()
        except AppError as exc:
            log.warning("graph stats not warmed at start-up (%s); computed on first use", exc)

    async def close(self) -> None:
        background = [*self.warming, *([self.daily_rollover] if self.daily_rollover else [])]
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        try:
            await self.battles.stop()
        finally:
            if self.redis is not None:
                await self.redis.aclose()
            if self._daily_redis is not None:
                await self._daily_redis.aclose()
            await self.repo.close()


@asynccontextmanager
async def running_services(settings: Settings) -> AsyncIterator[AppServices]:
    """The app's services, started for the duration of the block and closed after it."""
    services = AppServices.build(settings)
    try:
        await services.start()
        yield services
    finally:
        await services.close()
