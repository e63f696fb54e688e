"""Hardening in one process: nosniff, the body limit, no-store seat answers, the room rate
limit, the WebSocket Origin allowlist and clean seat names (real battle routes, the in-memory
store and a Databank referee; the Redis-shared rate limit is in
tests/integration/test_metrics_workers.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from battle_databank import DatabankOracle, load_databank
from fastapi import FastAPI
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from graph_api.battle.runtime import BattleRuntime
from graph_api.battle.store.memory_store import MemoryRoomStore
from graph_api.deps import get_battles, get_seat_limit
from graph_api.errors import install_error_handlers
from graph_api.hardening.install import install_hardening
from graph_api.hardening.middleware import OriginPolicy
from graph_api.hardening.names import clean_seat_name
from graph_api.hardening.rate_limit import AddressRateLimit
from graph_api.observability.install import install_observability
from graph_api.routes.battles import router
from graph_api.settings import BattleSettings, SecuritySettings, Settings

BATTLE = BattleSettings(store="memory")


def battle_app(shared_data: Path, security: SecuritySettings) -> FastAPI:
    referee = DatabankOracle(load_databank(shared_data))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = BattleRuntime(BATTLE, MemoryRoomStore(), referee)
        await runtime.start()
        app.dependency_overrides[get_battles] = lambda: runtime
        limit = AddressRateLimit(security.room_rate_limit, None)  # one process: in memory
        app.dependency_overrides[get_seat_limit] = lambda: limit
        app.state.test_runtime = runtime
        yield
        await runtime.stop()

    app = FastAPI(lifespan=lifespan)
    install_error_handlers(app)
    app.include_router(router)
    settings = Settings(_env_file=None, battle=BATTLE, security=security)  # type: ignore[call-arg]
    install_hardening(app, settings)
    install_observability(app)
    return app


@pytest.fixture(scope="module")
def client(shared_data: Path) -> Iterator[TestClient]:
    security = SecuritySettings(max_body_bytes=2048, room_rate_limit="100/minute")
    with TestClient(battle_app(shared_data, security)) as test_client:
        yield test_client


def test_seat_answers_are_not_stored_and_every_answer_is_nosniff(client: TestClient) -> None:
    created = client.post("/battles", json={"name": "Ann"})
    assert created.status_code == 201, created.text
    assert created.headers["cache-control"] == "no-store"
    assert created.headers["x-content-type-options"] == "nosniff"
    code = created.json()["code"]
    joined = client.post(f"/battles/{code}/players", json={"name": "Bob"})
    assert joined.status_code == 201, joined.text
    assert joined.headers["cache-control"] == "no-store"
    spectator = client.get(f"/battles/{code}")
    assert "cache-control" not in spectator.headers  # no token in it
    missing = client.get("/no/such/page")
    assert missing.status_code == 404
    assert missing.headers["x-content-type-options"] == "nosniff"


def test_a_body_over_the_limit_is_413_in_the_error_format(client: TestClient) -> None:
    response = client.post("/battles", content=b'{"name": "' + b"x" * 4000 + b'"}')
    assert response.status_code == 413
    assert response.json()["error"] == "payload_too_large"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-request-id"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the streamed size counts
        yield b'{"name": "'
        for _ in range(5):
            yield b"y" * 1000
        yield b'"}'

    streamed = client.post("/battles", content=chunks())
    assert streamed.status_code == 413
    assert streamed.json()["error"] == "payload_too_large"


def test_room_creation_is_rate_limited_per_client(shared_data: Path) -> None:
    security = SecuritySettings(room_rate_limit="2/minute")
    with TestClient(battle_app(shared_data, security)) as fresh:
        for _ in range(2):
            assert fresh.post("/battles", json={"name": "Ann"}).status_code == 201
        refused = fresh.post("/battles", json={"name": "Ann"})
        assert refused.status_code == 429
        assert refused.json()["error"] == "rate_limited"
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert "cache-control" not in refused.headers
        # Joining is counted apart from creating.
        code = fresh.app.state.test_runtime.store.rooms.copy().popitem()[0]  # type: ignore[attr-defined]
        assert fresh.post(f"/battles/{code}/players", json={"name": "Bob"}).status_code == 201


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Ann\u202egnp.exe", "Anngnp.exe"),  # right-to-left override
        ("\u2066Bob\u2069", "Bob"),  # isolates
        ("Zo\u200be\u0007", "Zoe"),  # zero-width space, bell
        ("  Mario \t\n Lemieux ", "Mario Lemieux"),
        ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),  # text, as typed
        ("Teemu Sela\u0308nne", "Teemu Selänne"),  # NFC
    ],
)
def test_seat_names_lose_control_and_bidi_characters(typed: str, shown: str) -> None:
    assert clean_seat_name(typed) == shown


def test_seat_names_are_checked_after_cleaning(client: TestClient) -> None:
    only_controls = client.post("/battles", json={"name": "\u202e\u200b\u0000"})
    assert only_controls.status_code == 422
    assert only_controls.json()["error"] == "bad_name"  # nothing left: docs/battle-protocol.md
    too_long = client.post("/battles", json={"name": "x" * 33})
    assert too_long.status_code == 422


def test_join_frame_names_are_cleaned(client: TestClient) -> None:
    code = client.post("/battles", json={"name": "Ann"}).json()["code"]
    with client.websocket_connect(f"/ws/battles/{code}") as ws:
        ws.send_json({"type": "join", "v": 1, "name": "\u202eEve\u0000"})
        welcome, snapshot = ws.receive_json(), ws.receive_json()
        assert welcome["type"] == "welcome", welcome
        names = [seat["name"] for seat in snapshot["room"]["seats"]]
        assert "Eve" in names


@pytest.mark.parametrize(
    ("origin", "host", "allowed"),
    [
        (None, "api.example:8000", True),  # not a browser
        ("http://api.example:8000", "api.example:8000", True),  # same origin
        ("http://localhost:5173", "api.example:8000", True),
        ("http://127.0.0.1:9", "api.example:8000", True),
        ("http://[::1]:8000", "api.example:8000", True),
        ("https://evil.example", "api.example:8000", False),
        ("http://api.example:8001", "api.example:8000", False),
        ("null", "api.example:8000", False),
    ],
)
def test_default_origin_policy(origin: str | None, host: str, allowed: bool) -> None:
    assert OriginPolicy.parse(SecuritySettings().ws_origins).allows(origin, host) is allowed


def test_listed_origins_and_wildcard() -> None:
    listed = OriginPolicy.parse("https://puckpath.example/")
    assert listed.allows("https://puckpath.example", "x")
    assert not listed.allows("http://localhost:8000", "localhost:8000")  # no self, no localhost
    assert OriginPolicy.parse("*").allows("https://anything.example", "x")


def test_a_foreign_origin_socket_is_refused_with_1008(client: TestClient) -> None:
    code = client.post("/battles", json={"name": "Ann"}).json()["code"]
    with client.websocket_connect(
        f"/ws/battles/{code}", headers={"origin": "https://evil.example"}
    ) as ws:
        frame = ws.receive_json()
        assert frame["type"] == "error"
        assert frame["code"] == "origin_not_allowed"
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
        assert closed.value.code == 1008
    with client.websocket_connect(
        f"/ws/battles/{code}", headers={"origin": "http://testserver"}
    ) as ws:  # the service's own origin
        ws.send_json({"type": "join", "v": 1, "spectate": True})
        assert ws.receive_json()["type"] == "welcome"
