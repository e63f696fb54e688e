"""Dependency aliases for the routes: ``Annotated[..., Depends(...)]``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import redis.asyncio as aioredis
from fastapi import Depends, Request

from graph_api.graph.repo import GraphRepo
from graph_api.settings import Settings

if TYPE_CHECKING:
    from graph_api.app import AppServices


def get_services(request: Request) -> AppServices:
    services: AppServices = request.app.state.services
    return services


def get_repo(request: Request) -> GraphRepo:
    return get_services(request).repo


def get_redis(request: Request) -> aioredis.Redis:
    return get_services(request).redis


def get_app_settings(request: Request) -> Settings:
    return get_services(request).settings


Services = Annotated["AppServices", Depends(get_services)]
Repo = Annotated[GraphRepo, Depends(get_repo)]
Redis = Annotated[aioredis.Redis, Depends(get_redis)]
AppSettings = Annotated[Settings, Depends(get_app_settings)]
