"""The battles answer as their OpenAPI document and docs/battle-protocol.md say (issue 9):
every REST error has the error body and a documented status, rules no game can be played
under are refused at creation, and odd WebSocket frames get a documented error frame."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from battle_app import closed_with, create, databank_app, join, until
from starlette.testclient import TestClient


@pytest.fixture(scope="module")
def client(shared_data: Path) -> Iterator[TestClient]:
    with databank_app(shared_data) as test_client:
        yield test_client


def documented(client: TestClient, method: str, path: str) -> dict[str, Any]:
    operation: dict[str, Any] = client.get("/openapi.json").json()["paths"][path][method]
    return operation


def assert_documented(client: TestClient, method: str, path: str, status: int) -> None:
    responses = documented(client, method, path)["responses"]
    assert str(status) in responses, f"{method} {path}: {status} is not documented"
    schema = responses[str(status)]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/ErrorBody"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"to_season": False}, "to_season"),
        ({"from_season": 20002001, "to_season": 19901991}, None),
        ({"start_player_id": ""}, "start_player_id"),
        ({"turn_seconds": 5e-324}, "turn_seconds"),
        ({"lives": "3"}, "lives"),
        ({"from_season": 19871989}, "from_season"),
    ],
)
def test_invalid_rules_get_the_validation_body(
    client: TestClient, body: dict[str, Any], field: str | None
) -> None:
    response = client.post("/battles", json={"name": "x", **body})
    assert response.status_code == 422, response.text
    answer = response.json()
    assert answer["error"] == "invalid_input"
    assert all(set(item) == {"loc", "msg", "type"} for item in answer["detail"])
    assert answer["detail"][0]["loc"] == ["body", field] if field else ["body"]
    assert_documented(client, "post", "/battles", 422)


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"start_player_id": "gretzwa01", "from_season": 20102011}, "Wayne Gretzky"),
        ({"from_season": 20902091, "to_season": 20952096}, "no medium challenge"),
        ({"mode": "race", "from_season": 20902091}, "no medium challenge"),
    ],
)
def test_unplayable_rules_are_refused_at_creation(
    client: TestClient, body: dict[str, Any], says: str
) -> None:
    response = client.post("/battles", json={"name": "x", **body})
    assert (response.status_code, response.json()["error"]) == (422, "unplayable_rules")
    assert says in response.json()["detail"]


def test_playable_rules_make_a_room(client: TestClient) -> None:
    room = create(client, start_player_id="gretzwa01", from_season=19871988, to_season=19871988)
    assert room["rules"]["from_season"] == 19871988
    assert create(client, turn_seconds=1, race_seconds=10)["rules"]["turn_seconds"] == 1


def test_room_errors_are_documented(client: TestClient) -> None:
    full = create(client, max_players=2)
    assert client.post(f"/battles/{full['code']}/players", json={"name": "B"}).status_code == 201
    cases = [
        ("get", "/battles/{code}", client.get("/battles/000000000000"), 404, "room_not_found"),
        ("get", "/battles/{code}", client.get("/battles/ABCDEFGHJKMN"), 404, "room_not_found"),
        (
            "post",
            "/battles/{code}/players",
            client.post("/battles/ABCDEFGHJKMN/players", json={"name": "C"}),
            404,
            "room_not_found",
        ),
        (
            "post",
            "/battles/{code}/players",
            client.post(f"/battles/{full['code']}/players", json={"name": "C"}),
            409,
            "room_full",
        ),
        (
            "post",
            "/battles/{code}/players",
            client.post(f"/battles/{full['code']}/players", json={"name": "  "}),
            422,
            "bad_name",
        ),
        (
            "post",
            "/battles",
            client.post("/battles", json={"name": "0", "start_player_id": "nobody99"}),
            404,
            "unknown_player",
        ),
    ]
    for method, path, response, status, code in cases:
        assert (response.status_code, response.json()["error"]) == (status, code), path
        assert_documented(client, method, path, status)
    for method, path in [("post", "/battles"), ("post", "/battles/{code}/players")]:
        assert_documented(client, method, path, 503)


@pytest.mark.parametrize("joined", [True, False])
@pytest.mark.parametrize(
    ("send", "code"),
    [
        ("[" * 1000, "bad_json"),
        ('{"type": "ping", "ref": ' + "[" * 1900 + "]" * 1900 + "}", "bad_json"),
        ("[" * 70_000, "frame_too_large"),
        (b'{"type": "ping"}', "bad_frame"),
        ('{"type": "ping", "ref": "\\udfff", "x": 1}', "bad_frame"),
    ],
)
def test_odd_frames_get_a_documented_error(
    client: TestClient, joined: bool, send: str | bytes, code: str
) -> None:
    room = create(client)
    with client.websocket_connect(room["ws_path"]) as ws:
        if joined:
            join(ws, token=room["token"])
        ws.send_bytes(send) if isinstance(send, bytes) else ws.send_text(send)
        if joined:
            error = ws.receive_json()
            ws.send_json({"type": "ping"})
            assert ws.receive_json()["type"] == "pong"
        else:
            close, frames = closed_with(ws)
            assert close == 1008
            error = frames[-1]
    assert (error["type"], error["code"]) == ("error", code)
    assert "ref" not in error
    assert client.get(f"/battles/{room['code']}").json()["phase"] == "lobby"


def test_start_and_ready_after_the_game_answer_game_finished(client: TestClient) -> None:
    room = create(client, start_player_id="gretzwa01")
    with client.websocket_connect(room["ws_path"]) as ann:
        join(ann, token=room["token"])
        with client.websocket_connect(room["ws_path"]) as bob:
            join(bob, name="Bob")
            for ws in (ann, bob):
                ws.send_json({"type": "ready"})
            until(ann, "player_ready")
            until(ann, "player_ready")
            ann.send_json({"type": "start"})
            until(ann, "turn")
            bob.send_json({"type": "leave"})
        until(ann, "result")
        for frame in ({"type": "start", "ref": "s"}, {"type": "ready", "ref": "r"}):
            ann.send_json(frame)
            error = ann.receive_json()
            assert (error["code"], error["ref"]) == ("game_finished", frame["ref"])
