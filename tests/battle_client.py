"""A battle client for the tests: create a room over REST, join over the WebSocket, read
frames. Used by the in-process unit tests (tests/unit/battle_app.py) and the fuzz test."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient, WebSocketTestSession
from starlette.websockets import WebSocketDisconnect


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
