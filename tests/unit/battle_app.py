"""The battle routes in one process for the unit tests: the real route and connection code,
the in-memory store and a Databank oracle (the client helpers are in tests/battle_client.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

from battle_client import closed_with, create, join, until
from battle_databank import DatabankOracle, load_databank
from fastapi import FastAPI
from starlette.testclient import TestClient

from graph_api.battle.runtime import BattleRuntime
from graph_api.battle.store.memory_store import MemoryRoomStore
from graph_api.deps import get_battles, get_seat_limit
from graph_api.errors import install_error_handlers
from graph_api.hardening.rate_limit import AddressRateLimit
from graph_api.routes.battles import router
from graph_api.settings import BattleSettings

LIMITS = BattleSettings(store="memory", rate_per_s=5, rate_burst=20, max_violations=5)


@contextmanager
def databank_app(shared_data: Path) -> Iterator[TestClient]:
    """The battle routes over the in-memory store and a Databank oracle, running."""
    oracle = DatabankOracle(load_databank(shared_data))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = BattleRuntime(LIMITS, MemoryRoomStore(), oracle)
        await runtime.start()
        app.dependency_overrides[get_battles] = lambda: runtime
        unlimited = AddressRateLimit("1000000/minute", None)  # one test client makes every room
        app.dependency_overrides[get_seat_limit] = lambda: unlimited
        yield
        await runtime.stop()

    app = FastAPI(lifespan=lifespan)
    install_error_handlers(app)
    app.include_router(router)
    with TestClient(app) as test_client:
        yield test_client


__all__ = ["LIMITS", "closed_with", "create", "databank_app", "join", "until"]
