"""Liveness and readiness."""

from __future__ import annotations

import asyncio

import redis.exceptions
from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from graph_api.deps import Services
from graph_api.errors import Unavailable

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str


class ReadyCheck(BaseModel):
    ok: bool
    detail: str


class Readiness(BaseModel):
    status: str
    checks: dict[str, ReadyCheck]


@router.get("/health", response_model=Health, summary="The process is up")
async def health() -> Health:
    return Health(status="ok")


@router.get(
    "/ready",
    response_model=Readiness,
    summary="Neo4j and Redis are reachable",
    responses={503: {"model": Readiness, "description": "A backing service is not reachable"}},
)
async def ready(services: Services) -> JSONResponse:
    neo4j_check, redis_check = await asyncio.gather(_check_neo4j(services), _check_redis(services))
    checks = {"neo4j": neo4j_check, "redis": redis_check}
    ok = all(check.ok for check in checks.values())
    body = Readiness(status="ready" if ok else "unavailable", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ok else 503)


async def _check_neo4j(services: Services) -> ReadyCheck:
    try:
        await services.repo.ping()
        await services.ensure_schema()
    except Unavailable as exc:
        return ReadyCheck(ok=False, detail=str(exc.detail))
    return ReadyCheck(ok=True, detail="reachable")


async def _check_redis(services: Services) -> ReadyCheck:
    """The battle rooms' own pool answers (no spare client just for this probe)."""
    if services.redis is None:
        return ReadyCheck(ok=True, detail="not used: battle rooms are kept in memory")
    try:
        await services.redis.ping()
    except (redis.exceptions.RedisError, OSError) as exc:
        return ReadyCheck(ok=False, detail=f"Redis is not reachable: {exc}")
    return ReadyCheck(ok=True, detail="reachable")
