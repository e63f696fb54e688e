"""The path-finding API's routers, included by ``create_app`` in one place.

The path routes come first: Starlette tries the routes in order (FastAPI 0.165 twice per
request, once to match and once to handle, through each included router), and
``/paths/shortest`` is the busiest route.
"""

from __future__ import annotations

from fastapi import APIRouter

from graph_api.routes import challenges, daily, path_graph, paths, players, stats, teams

ROUTERS: tuple[APIRouter, ...] = tuple(
    module.router for module in (paths, path_graph, players, stats, challenges, daily, teams)
)
