"""Dependency aliases for the routes: ``Annotated[..., Depends(...)]``.

A leaf: it reads the services the composition root (``graph_api/services.py``) put on
``app.state`` and never imports the app. Tests may swap any of them with
``app.dependency_overrides``. They are ``async def``: FastAPI runs a plain ``def``
dependency in the thread pool, a thread hop per request for a dictionary lookup.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from starlette.requests import HTTPConnection

from graph_api.battle.runtime import BattleRuntime
from graph_api.daily.game import DailyGame
from graph_api.graph.queries import GraphQueries
from graph_api.hardening.rate_limit import AddressRateLimit
from graph_api.services import AppServices


def _services(connection: HTTPConnection) -> AppServices:
    services: AppServices = connection.app.state.services
    return services


async def get_services(connection: HTTPConnection) -> AppServices:
    return _services(connection)


def queries_of(connection: HTTPConnection) -> GraphQueries:
    """The graph queries, for a route that reads its request itself (the ``/paths`` routes,
    ``graph_api/routes/query_models.py``)."""
    return _services(connection).queries


async def get_queries(connection: HTTPConnection) -> GraphQueries:
    return queries_of(connection)


async def get_battles(connection: HTTPConnection) -> BattleRuntime:
    return _services(connection).battles


async def get_daily(connection: HTTPConnection) -> DailyGame:
    return _services(connection).daily


async def get_seat_limit(connection: HTTPConnection) -> AddressRateLimit:
    return _services(connection).seat_limit


Services = Annotated[AppServices, Depends(get_services)]
Api = Annotated[GraphQueries, Depends(get_queries)]
Battles = Annotated[BattleRuntime, Depends(get_battles)]
Daily = Annotated[DailyGame, Depends(get_daily)]
SeatLimit = Annotated[AddressRateLimit, Depends(get_seat_limit)]
