"""The composition root: every service of the app, built, started and closed in one place.

:meth:`AppServices.build` makes the graph repo (the Neo4j driver), the one Redis pool (the
battle rooms'; none when ``BATTLE_STORE=memory``), the path API's query objects and caches
(:class:`GraphQueries`), the battle runtime over them and the seat rate limit (in the same
Redis pool). :meth:`AppServices.start` applies
the schema and starts the battles' timer loop and feed; :meth:`AppServices.close` undoes it.
The app's one lifespan (``graph_api/app.py``) opens it through :func:`running_services`; the
routes reach it through ``graph_api/deps.py``.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import redis.asyncio as aioredis

from graph_api.battle.runtime import BattleRuntime
from graph_api.battle.service.graph_repo_oracle import GraphRepoOracle
from graph_api.battle.store.redis_store import battle_redis
from graph_api.errors import Unavailable
from graph_api.graph.catalog import QueryCatalog
from graph_api.graph.queries import GraphQueries
from graph_api.graph.repo import GraphRepo, make_driver
from graph_api.hardening.rate_limit import SeatRateLimit
from graph_api.settings import Settings

log = logging.getLogger(__name__)

REQUIRED_QUERIES = ("read/ping", "admin/await_indexes")


def rooms_redis(settings: Settings) -> aioredis.Redis | None:
    """The pool of the battle rooms in Redis, or None when rooms are kept in memory."""
    if settings.battle.store == "memory":
        return None
    if not settings.redis.url:
        raise Unavailable("battles need Redis: set REDIS_URL (or BATTLE_STORE=memory)")
    return battle_redis(settings.redis.url, settings.battle.redis_connections)


class AppServices:
    """What the routes share: settings, graph repo, Redis pool, query objects, battles."""

    def __init__(
        self,
        settings: Settings,
        repo: GraphRepo,
        redis: aioredis.Redis | None,
        queries: GraphQueries,
        battles: BattleRuntime,
        seat_limit: SeatRateLimit,
    ) -> None:
        self.settings = settings
        self.repo = repo
        self.redis = redis
        self.queries = queries
        self.battles = battles
        self.seat_limit = seat_limit
        self.schema_applied = False

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
        # The room-creation limit counts in the rooms' pool (closed below with it).
        seat_limit = SeatRateLimit(settings.security.room_rate_limit, redis)
        return cls(settings, repo, redis, queries, battles, seat_limit)

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
        # Everything built at start-up lives as long as the worker: keep it out of the garbage
        # collector's full passes, which otherwise stall every live game now and then.
        gc.collect()
        gc.freeze()

    async def close(self) -> None:
        try:
            await self.battles.stop()
        finally:
            if self.redis is not None:
                await self.redis.aclose()
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
