"""The per-address limit on daily puzzle chains (SECURITY_DAILY_ATTEMPT_RATE_LIMIT), counted in
a real Redis: an address is refused with 429 and the error body once it has sent its chains,
whatever anonymous ids it used; another address is not; and a second app (another worker)
over the same Redis refuses the same address too.

Each run sends from addresses of its own (random, in 10.0.0.0/8), so counters left in Redis
by earlier runs count nothing here.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from graph_api.app import create_app
from graph_api.daily import rule
from graph_api.settings import DailySettings, Settings

LIMIT = 3


def random_address() -> str:
    return "10." + ".".join(str(random.randrange(1, 255)) for _ in range(3))


@asynccontextmanager
async def running(settings: Settings) -> AsyncIterator[FastAPI]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        yield app


@asynccontextmanager
async def client_from(app: FastAPI, address: str) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://puckpath.test") as api:
        yield api


async def send(api: httpx.AsyncClient, puzzle: dict[str, Any]) -> httpx.Response:
    """A chain from a new anonymous player: start to target directly (not a teammate link)."""
    body = {
        "player": f"test-{uuid.uuid4().hex}",
        "attempt_id": uuid.uuid4().hex,
        "chain": [puzzle["from"]["id"], puzzle["to"]["id"]],
    }
    return await api.post(f"/challenges/daily/{rule.today_utc().isoformat()}/attempts", json=body)


@pytest.mark.asyncio(loop_scope="session")
async def test_an_address_is_limited_whatever_ids_it_uses_and_every_worker_agrees(
    loaded_app_settings: Settings,
) -> None:
    security = loaded_app_settings.security.model_copy(
        update={"daily_attempt_rate_limit": f"{LIMIT}/minute"}
    )
    daily = DailySettings(redis_prefix=f"puckpath:daily-limit:{uuid.uuid4().hex[:8]}:")
    battle = loaded_app_settings.battle.model_copy(update={"store": "memory"})
    settings = loaded_app_settings.model_copy(
        update={"security": security, "daily": daily, "battle": battle}
    )
    crowded, other = random_address(), random_address()
    async with running(settings) as first, running(settings) as second:
        async with client_from(first, crowded) as api:
            puzzle = (await api.get("/challenges/daily")).json()
            for _ in range(LIMIT):
                answer = await send(api, puzzle)
                assert answer.status_code == 200, answer.text
                assert answer.json()["valid"] is False
            refused = await send(api, puzzle)
        assert refused.status_code == 429, refused.text
        body = refused.json()
        assert body["error"] == "rate_limited"
        assert body["detail"].startswith("too many daily puzzle attempts from this address")
        assert 1 <= int(refused.headers["Retry-After"]) <= 60

        # The other worker reads the same counters in Redis: still refused there.
        async with client_from(second, crowded) as api:
            again = await send(api, puzzle)
        assert again.status_code == 429, again.text
        assert again.json()["error"] == "rate_limited"

        # Another address is counted apart.
        async with client_from(second, other) as api:
            fine = await send(api, puzzle)
        assert fine.status_code == 200, fine.text
