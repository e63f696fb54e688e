"""The battle routes in one process for the unit tests: the real route and connection code,
the in-memory store and a Databank oracle; and small WebSocket helpers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

from battle_databank import DatabankOracle, load_databank
from fastapi import FastAPI
from starlette.testclient import TestClient, WebSocketTestSession
from starlette.websockets import WebSocketDisconnect

from graph_api.battle.runtime import BattleRuntime
from graph_api.battle.store.memory_store import MemoryRoomStore
from graph_api.deps import get_battles
from graph_api.errors import install_error_handlers
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
        yield
        await runtime.stop()

    app = FastAPI(lifespan=lifespan)
    install_error_handlers(app)
    app.include_router(router)
    with TestClient(app) as test_client:
        yield test_client


def create(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post("/battles", json={"name": "Ann", **body})
    assert response.status_code == 201, response.text
    return dict(response.json())


def join(ws: WebSocketTestSession, **fields: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    ws.send_json({"type": "join", "v": 1, **fields})
    welcome, snapshot = ws.receive_json(), ws.receive_json()
    assert welcome["type"] == "welcome", welcome
    assert snapshot["type"] == "snapshot", snapshot
    return welcome, snapshot


def until(ws: WebSocketTestSession, kind: str) -> list[dict[str, Any]]:
    """Frames up to and including the first of ``kind``."""
    frames = []
    while True:
        frame = ws.receive_json()
        frames.append(frame)
        if frame["type"] == kind:
            return frames


def closed_with(ws: WebSocketTestSession) -> tuple[int, list[dict[str, Any]]]:
    """Read until the server closes; the close code and the frames before it."""
    frames = []
    while True:
        try:
            frames.append(ws.receive_json())
        except WebSocketDisconnect as exc:
            return exc.code, frames
