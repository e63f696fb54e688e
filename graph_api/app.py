"""``create_app(settings)``: the one way to build the FastAPI application.

Its one lifespan opens the services of the composition root (``graph_api/services.py``)
and closes them on shutdown; nothing else starts work behind the reader's back. Under
uvicorn, SIGTERM first tells the battle sockets the server restarts (close code 1012,
``graph_api/battle/websocket/restart_notice.py``), then shuts down.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from graph_api.battle.websocket.restart_notice import restart_notice
from graph_api.errors import install_error_handlers
from graph_api.hardening.install import install_hardening
from graph_api.observability.install import install_observability
from graph_api.openapi import install_openapi
from graph_api.routes import api, battles, browser_guide, health
from graph_api.routes.web import install_web
from graph_api.services import running_services
from graph_api.settings import Settings, get_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with running_services(settings) as services:
            app.state.services = services
            with restart_notice(services.battles.hub):
                yield

    app = FastAPI(
        title="puckpath",
        summary="How is any NHL player connected to any other? Teammate paths from a Neo4j graph.",
        version="0.1.0",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    for router in api.ROUTERS:  # the busiest first
        app.include_router(router)
    app.include_router(health.router)
    app.include_router(battles.router)
    app.include_router(browser_guide.router)
    install_web(app)
    install_openapi(app, settings.paths)
    install_hardening(app, settings)
    install_observability(app, settings.observability)  # last: the outermost middleware
    return app
