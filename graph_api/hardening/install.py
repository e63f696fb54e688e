"""Wire the hardening middleware and the seat rate limit into an app."""

from __future__ import annotations

from fastapi import FastAPI

from graph_api.hardening.middleware import HardeningMiddleware, OriginPolicy
from graph_api.hardening.seats import SeatRateLimit
from graph_api.settings import Settings


def install_hardening(app: FastAPI, settings: Settings) -> None:
    security = settings.security
    app.state.seat_rate_limit = SeatRateLimit(
        security.room_rate_limit, settings.redis.url, cluster=settings.redis.cluster
    )
    app.add_middleware(
        HardeningMiddleware,
        max_body_bytes=security.max_body_bytes,
        origins=OriginPolicy.parse(security.ws_origins),
    )
