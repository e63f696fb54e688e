"""Dependency aliases for the routes: ``Annotated[..., Depends(...)]``.

A leaf: it reads the services the composition root (``graph_api/services.py``) put on
``app.state`` and never imports the app. Tests may swap any of them with
``app.dependency_overrides``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from starlette.requests import HTTPConnection

from graph_api.battle.runtime import BattleRuntime
from graph_api.graph.queries import GraphQueries
from graph_api.hardening.rate_limit import SeatRateLimit
from graph_api.services import AppServices


def get_services(connection: HTTPConnection) -> AppServices:
    services: AppServices = connection.app.state.services
    return services


def get_queries(connection: HTTPConnection) -> GraphQueries:
    return get_services(connection).queries


def get_battles(connection: HTTPConnection) -> BattleRuntime:
    return get_services(connection).battles


def get_seat_limit(connection: HTTPConnection) -> SeatRateLimit:
    return get_services(connection).seat_limit


Services = Annotated[AppServices, Depends(get_services)]
Api = Annotated[GraphQueries, Depends(get_queries)]
Battles = Annotated[BattleRuntime, Depends(get_battles)]
SeatLimit = Annotated[SeatRateLimit, Depends(get_seat_limit)]
