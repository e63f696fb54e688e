"""Wire the hardening middleware into an app (the seat rate limit is a service of the
composition root, ``graph_api/services.py``)."""

from __future__ import annotations

from fastapi import FastAPI

from graph_api.hardening.middleware import HardeningMiddleware, OriginPolicy
from graph_api.settings import Settings


def install_hardening(app: FastAPI, settings: Settings) -> None:
    security = settings.security
    app.add_middleware(
        HardeningMiddleware,
        max_body_bytes=security.max_body_bytes,
        origins=OriginPolicy.parse(security.ws_origins),
    )
