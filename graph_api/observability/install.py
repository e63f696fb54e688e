"""Wire the request id, the HTTP metrics and ``GET /metrics`` into an app."""

from __future__ import annotations

from fastapi import FastAPI

from graph_api.observability.requests import RequestContextMiddleware
from graph_api.observability.routes import router
from graph_api.settings import ObservabilitySettings


def install_observability(app: FastAPI, settings: ObservabilitySettings | None = None) -> None:
    """Add last among the middlewares, so that it is the outermost: every answer (a 413 or a
    refused WebSocket included) gets the id and is counted. Nothing when switched off
    (``OBSERVABILITY_ENABLED=false``)."""
    if settings is not None and not settings.enabled:
        return
    app.include_router(router)
    app.add_middleware(RequestContextMiddleware)
