"""The path-finding API's routers, included by ``create_app`` in one place."""

from __future__ import annotations

from fastapi import APIRouter

from graph_api.routes import challenges, daily, paths, players, stats, teams

router = APIRouter()
for module in (players, paths, stats, challenges, daily, teams):
    router.include_router(module.router)
