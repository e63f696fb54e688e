"""The path-finding API's routers, included by ``create_app`` in one place."""

from __future__ import annotations

from fastapi import APIRouter

from graph_api.routes import challenges, daily, path_graph, paths, players, stats, teams

router = APIRouter()
for module in (players, paths, path_graph, stats, challenges, daily, teams):
    router.include_router(module.router)
