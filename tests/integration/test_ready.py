"""/health and /ready against real servers, including Neo4j going away and coming back."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
from pydantic import SecretStr

from graph_api.app import create_app
from graph_api.runtime.providers import RedisEndpoint, free_port, local_neo4j_server
from graph_api.settings import Neo4jSettings, RedisSettings, Settings
from tests.conftest import base_settings


async def get(app_settings: Settings, path: str) -> httpx.Response:
    app = create_app(app_settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://t") as client,
    ):
        return await client.get(path)


async def test_ready_with_both_up(app_settings: Settings) -> None:
    health = await get(app_settings, "/health")
    assert health.status_code == 200
    assert health.json() == {"status": "ok"}
    ready = await get(app_settings, "/ready")
    assert ready.status_code == 200
    body = ready.json()
    assert body["status"] == "ready"
    assert body["checks"]["neo4j"]["ok"]
    assert body["checks"]["redis"]["ok"]


async def test_ready_follows_neo4j_down_and_back(
    tmp_path: Path, redis_endpoint: RedisEndpoint
) -> None:
    """503 with a reason while Neo4j is stopped, 200 again after restart: same app instance."""
    server = local_neo4j_server(
        base_settings(), home=tmp_path / "neo4j", bolt_port=free_port(), http_port=free_port()
    )
    server.start()
    settings = base_settings(
        neo4j=Neo4jSettings(uri=server.uri, password=SecretStr(server.password)),
        redis=RedisSettings(url=redis_endpoint.url),
    )
    app = create_app(settings)
    try:
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://t") as client,
        ):
            assert (await client.get("/ready")).status_code == 200
            server.stop()
            down = await client.get("/ready")
            assert down.status_code == 503
            checks = down.json()["checks"]
            assert checks["neo4j"]["ok"] is False
            assert "not reachable" in checks["neo4j"]["detail"]
            assert checks["redis"]["ok"] is True
            server.start()
            back = await ready_again(client)
            assert back.status_code == 200, back.text
    finally:
        server.stop()


# How long a restarted server may take to answer its first queries: a cold JVM on a busy
# 2-core machine took longer than one query timeout (10 s), so one probe is not enough.
RECOVERY_S = 120.0


async def ready_again(client: httpx.AsyncClient) -> httpx.Response:
    """/ready probed until it answers 200 or ``RECOVERY_S`` pass; every answer before that
    must be a 503 naming Neo4j (never a 500, never Redis)."""
    deadline = time.monotonic() + RECOVERY_S
    while True:
        answer = await client.get("/ready")
        if answer.status_code == 200 or time.monotonic() > deadline:
            return answer
        assert answer.status_code == 503, answer.text
        checks = answer.json()["checks"]
        assert checks["neo4j"]["ok"] is False, checks
        assert checks["redis"]["ok"] is True, checks
        await asyncio.sleep(1.0)


async def test_ready_reports_redis_down(app_settings: Settings) -> None:
    settings = app_settings.model_copy(
        update={"redis": RedisSettings(url=f"redis://127.0.0.1:{free_port()}/0")}
    )
    ready = await get(settings, "/ready")
    assert ready.status_code == 503
    assert ready.json()["checks"]["redis"]["ok"] is False
    assert "Redis is not reachable" in ready.json()["checks"]["redis"]["detail"]
