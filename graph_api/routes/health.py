"""Liveness and readiness.

When a check fails while `puckpath serve` is restarting that server (it died; see
``graph_api/runtime/supervisor.py``), the check says so (``restarting``) and so does the
overall status; the answer stays 503 until the server answers again.
"""

from __future__ import annotations

import asyncio
from typing import Literal

import redis.exceptions
from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from graph_api.deps import Services
from graph_api.errors import Unavailable
from graph_api.runtime.supervision import read_status, status_file

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str


class ReadyCheck(BaseModel):
    ok: bool
    detail: str
    restarting: bool = Field(
        default=False, description="`puckpath serve` is restarting this server (it died)."
    )


class Readiness(BaseModel):
    status: Literal["ready", "unavailable", "restarting"] = Field(
        description="ready (200); restarting (503): every failing server is being restarted "
        "by `puckpath serve`; unavailable (503): otherwise."
    )
    checks: dict[str, ReadyCheck]


@router.get("/health", response_model=Health, summary="The process is up")
async def health() -> Health:
    return Health(status="ok")


@router.get(
    "/ready",
    response_model=Readiness,
    summary="Neo4j and Redis are reachable",
    responses={
        503: {
            "model": Readiness,
            "description": "A backing service is not reachable (status restarting: it is "
            "being restarted)",
        }
    },
)
async def ready(services: Services) -> JSONResponse:
    neo4j_check, redis_check = await asyncio.gather(_check_neo4j(services), _check_redis(services))
    checks = {"neo4j": neo4j_check, "redis": redis_check}
    failing = {name: check for name, check in checks.items() if not check.ok}
    if not failing:
        return JSONResponse(Readiness(status="ready", checks=checks).model_dump())
    supervised = read_status(status_file(services.settings))
    for name, check in failing.items():
        server = supervised.get(name)
        if server is not None and server.state != "running":
            check.restarting = server.state == "restarting"
            check.detail = f"{server.detail}: {check.detail}"
    status = "restarting" if all(c.restarting for c in failing.values()) else "unavailable"
    return JSONResponse(Readiness(status=status, checks=checks).model_dump(), status_code=503)


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
