"""``create_app(settings)``: the one way to build the FastAPI application."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import redis.asyncio as aioredis
from fastapi import FastAPI

from graph_api.errors import Unavailable, install_error_handlers
from graph_api.graph.catalog import QueryCatalog
from graph_api.graph.repo import GraphRepo, make_driver
from graph_api.routes import api, battles, health
from graph_api.routes.web import install_web
from graph_api.settings import Settings, get_settings
from loader.live.refresh import start_refresher

log = logging.getLogger(__name__)

REQUIRED_QUERIES = ("read/ping", "admin/await_indexes")


class AppServices:
    """What the routes share: the graph repo, the Redis client and the settings."""

    def __init__(self, settings: Settings, repo: GraphRepo, redis: aioredis.Redis) -> None:
        self.settings = settings
        self.repo = repo
        self.redis = redis
        self.schema_applied = False

    async def ensure_schema(self) -> None:
        """Apply the schema once Neo4j is reachable (at start-up, or later on recovery)."""
        if not self.schema_applied:
            await self.repo.ping()
            await self.repo.apply_schema()
            self.schema_applied = True


def build_services(settings: Settings) -> AppServices:
    catalog = QueryCatalog.load(require=REQUIRED_QUERIES)
    repo = GraphRepo(make_driver(settings.neo4j), catalog, settings.neo4j)
    if not settings.redis.url:
        raise Unavailable("no Redis URL is configured (set REDIS_URL)")
    client = aioredis.Redis.from_url(
        settings.redis.url, socket_connect_timeout=2, socket_timeout=5, health_check_interval=10
    )
    return AppServices(settings, repo, client)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services = build_services(settings)
        app.state.services = services
        try:
            await services.ensure_schema()
        except Unavailable as exc:
            log.warning("Neo4j not ready at start-up (%s); /ready will report it", exc.detail)
        refresher = start_refresher(settings, services.redis)
        try:
            yield
        finally:
            if refresher is not None:
                await refresher.stop()
            await services.repo.close()
            await services.redis.aclose()

    app = FastAPI(
        title="puckpath",
        summary="How is any NHL player connected to any other? Teammate paths from a Neo4j graph.",
        version="0.1.0",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(api.router)
    app.include_router(battles.router)
    install_web(app)
    return app
