"""The WebSocket protocol end to end in one process: the real route and connection code,
the in-memory store and a Databank oracle (the two-worker Redis version is in
tests/integration/test_battle_workers.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from battle_app import LIMITS, closed_with, create, databank_app, join, until
from starlette.testclient import TestClient


@pytest.fixture(scope="module")
def client(shared_data: Path) -> Iterator[TestClient]:
    with databank_app(shared_data) as test_client:
        yield test_client


def test_create_join_and_see_each_other(client: TestClient) -> None:
    room = create(client)
    assert room["seat"] == 1
    assert room["ws_path"] == f"/ws/battles/{room['code']}"
    with client.websocket_connect(room["ws_path"]) as ann:
        welcome, snapshot = join(ann, token=room["token"])
        assert welcome == {
            "v": 1,
            "type": "welcome",
            "room": room["code"],
            "role": "player",
            "seat": 1,
            "session": 1,
        }
        assert snapshot["room"]["seats"][0]["connected"] is True
        assert room["token"] not in json.dumps(snapshot)
        with client.websocket_connect(room["ws_path"]) as bob:
            bob_welcome, bob_snapshot = join(bob, name="Bob")
            assert bob_welcome["seat"] == 2
            assert len(bob_welcome["token"]) > 20
            seen = until(ann, "presence")
            assert [f["type"] for f in seen] == ["player_joined", "presence"]
            assert seen[-1]["seq"] == bob_snapshot["seq"]
            assert seen[0]["seq"] == snapshot["seq"] + 1


def test_a_chain_game_over_the_socket(client: TestClient) -> None:
    room = create(client, start_player_id="gretzwa01", lives=1)
    with (
        client.websocket_connect(room["ws_path"]) as ann,
        client.websocket_connect(room["ws_path"]) as bob,
    ):
        join(ann, token=room["token"])
        join(bob, name="Bob")
        for ws in (ann, bob):
            ws.send_json({"type": "ready"})
        until(ann, "player_ready")
        until(ann, "player_ready")
        ann.send_json({"type": "start"})
        ann_frames = until(ann, "turn")
        bob_frames = until(bob, "turn")
        assert ann_frames[-1]["link"] == {"id": "gretzwa01", "name": "Wayne Gretzky"}
        assert ann_frames[-2:] == bob_frames[-2:]
        bob.send_json({"type": "guess", "text": "Mark Messier", "ref": "b1"})
        error = bob.receive_json()
        assert (error["type"], error["code"], error["ref"]) == ("error", "not_your_turn", "b1")
        ann.send_json({"type": "guess", "text": "mark messier", "turn": 1})
        ann_guess = until(ann, "turn")
        bob_guess = until(bob, "turn")
        assert ann_guess == bob_guess
        assert ann_guess[0]["verdict"] == "valid"
        bob.send_json({"type": "guess", "player_id": "lemiema01"})
        ann_end = until(ann, "result")
        bob_end = until(bob, "result")
        assert ann_end == bob_end
        assert [f["type"] for f in ann_end] == ["guess", "eliminated", "game_over", "result"]
        assert ann_end[-1]["winner"] == 1
        assert ann_end[-1]["analysis"]["misses"][0]["link"]["id"] == "messima01"
        bob.send_json({"type": "guess", "player_id": "kurrija01"})
        assert bob.receive_json()["code"] == "game_finished"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("{not json", "bad_json"),
        ("[1, 2]", "bad_frame"),
        ('{"type": "dance"}', "unknown_type"),
        ('{"no": "type"}', "unknown_type"),
        ('{"type": "guess", "ref": "r9"}', "bad_frame"),
        ('{"type": "guess", "text": "x", "player_id": "y"}', "bad_frame"),
        ('{"type": "ready", "ready": "maybe"}', "bad_frame"),
        ('{"type": "ready", "extra": 1}', "bad_frame"),
        ('{"type": "join", "v": 1, "spectate": true}', "already_joined"),
    ],
)
def test_bad_frames_get_an_error_and_the_socket_lives_on(
    client: TestClient, raw: str, code: str
) -> None:
    room = create(client)
    with client.websocket_connect(room["ws_path"]) as ws:
        join(ws, token=room["token"])
        ws.send_text(raw)
        error = ws.receive_json()
        assert (error["type"], error["code"]) == ("error", code)
        if "r9" in raw:
            assert error["ref"] == "r9"
        ws.send_json({"type": "ping", "ref": "still-there"})
        assert ws.receive_json() == {"v": 1, "type": "pong", "ref": "still-there"}
    state = client.get(f"/battles/{room['code']}").json()
    assert state["phase"] == "lobby"


def test_oversized_frames_are_refused(client: TestClient) -> None:
    room = create(client)
    with client.websocket_connect(room["ws_path"]) as ws:
        join(ws, token=room["token"])
        ws.send_text(json.dumps({"type": "ping", "ref": "x" * LIMITS.max_frame_bytes}))
        assert ws.receive_json()["code"] == "frame_too_large"
        ws.send_bytes(b"\x00" * (LIMITS.max_frame_bytes + 1))
        assert ws.receive_json()["code"] == "frame_too_large"
        ws.send_json({"type": "ping"})
        assert ws.receive_json()["type"] == "pong"


def test_flooding_is_rate_limited_then_closed_with_1008(client: TestClient) -> None:
    room = create(client)
    with client.websocket_connect(room["ws_path"]) as ws:
        join(ws, token=room["token"])
        for _ in range(LIMITS.rate_burst + LIMITS.max_violations + 5):
            ws.send_json({"type": "ping"})
        code, frames = closed_with(ws)
    assert code == 1008
    kinds = [f.get("code", f["type"]) for f in frames]
    assert kinds.count("pong") >= LIMITS.rate_burst
    assert kinds.count("rate_limited") == LIMITS.max_violations
    assert client.get(f"/battles/{room['code']}").status_code == 200


@pytest.mark.parametrize(
    ("first", "code"),
    [
        ({"type": "join", "v": 1, "token": "forged-token-forged-token"}, "bad_token"),
        ({"type": "ready"}, "join_first"),
        ({"type": "join", "v": 2, "spectate": True}, "unsupported_version"),
        ({"type": "join", "v": 1}, "bad_frame"),
    ],
)
def test_a_bad_join_is_a_policy_close(client: TestClient, first: dict[str, Any], code: str) -> None:
    room = create(client)
    with client.websocket_connect(room["ws_path"]) as ws:
        ws.send_json(first)
        close, frames = closed_with(ws)
    assert close == 1008
    assert frames[-1]["code"] == code


def test_another_rooms_token_opens_nothing(client: TestClient) -> None:
    mine, other = create(client), create(client)
    with client.websocket_connect(mine["ws_path"]) as ws:
        ws.send_json({"type": "join", "v": 1, "token": other["token"]})
        close, frames = closed_with(ws)
    assert (close, frames[-1]["code"]) == (1008, "bad_token")
    seats = client.get(f"/battles/{mine['code']}").json()["seats"]
    assert [s["connected"] for s in seats] == [False]


@pytest.mark.parametrize("code", ["nope", "ABCDEFGHJKMN"])
def test_unknown_rooms_are_a_policy_close(client: TestClient, code: str) -> None:
    with client.websocket_connect(f"/ws/battles/{code}") as ws:
        ws.send_json({"type": "join", "v": 1, "spectate": True})
        close, frames = closed_with(ws)
    assert (close, frames[-1]["code"]) == (1008, "room_not_found")


def test_spectators_watch_but_cannot_act(client: TestClient) -> None:
    room = create(client)
    with client.websocket_connect(room["ws_path"]) as fan:
        welcome, _ = join(fan, spectate=True)
        assert (welcome["role"], welcome["seat"]) == ("spectator", None)
        fan.send_json({"type": "ready"})
        assert fan.receive_json()["code"] == "read_only"
        with client.websocket_connect(room["ws_path"]) as ann:
            join(ann, token=room["token"])
            assert until(fan, "presence")[-1]["seat"] == 1


def test_reconnect_with_the_token_keeps_the_seat(client: TestClient) -> None:
    room = create(client)
    with client.websocket_connect(room["ws_path"]) as bob:
        welcome, _ = join(bob, name="Bob")
        bob_token = welcome["token"]
    seats = client.get(f"/battles/{room['code']}").json()["seats"]
    assert seats[1]["connected"] is False
    assert seats[1]["grace_deadline"] is not None
    with client.websocket_connect(room["ws_path"]) as again:
        welcome, snapshot = join(again, token=bob_token)
        assert (welcome["seat"], welcome["session"]) == (2, 2)
        assert "token" not in welcome
        seat = snapshot["room"]["seats"][1]
        assert (seat["name"], seat["connected"], seat["grace_deadline"]) == ("Bob", True, None)


def test_a_second_connection_for_a_seat_replaces_the_first(client: TestClient) -> None:
    room = create(client)
    with client.websocket_connect(room["ws_path"]) as old:
        join(old, token=room["token"])
        with client.websocket_connect(room["ws_path"]) as new:
            welcome, _ = join(new, token=room["token"])
            assert welcome["session"] == 2
            code, frames = closed_with(old)
            assert code == 4001
            assert frames[-1]["code"] == "replaced"
            new.send_json({"type": "ping"})
            assert new.receive_json()["type"] == "pong"
    seats = client.get(f"/battles/{room['code']}").json()["seats"]
    assert seats[0]["connected"] is False  # the newer socket closed last


def test_http_errors_have_codes(client: TestClient) -> None:
    room = create(client, max_players=2)
    assert client.post(f"/battles/{room['code']}/players", json={"name": "Bob"}).status_code == 201
    full = client.post(f"/battles/{room['code']}/players", json={"name": "Cat"})
    assert (full.status_code, full.json()["error"]) == (409, "room_full")
    missing = client.post("/battles/ABCDEFGHJKMN/players", json={"name": "Cat"})
    assert (missing.status_code, missing.json()["error"]) == (404, "room_not_found")
    bad_start = client.post("/battles", json={"name": "Ann", "start_player_id": "nobody99"})
    assert (bad_start.status_code, bad_start.json()["error"]) == (404, "unknown_player")
    bad_window = client.post(
        "/battles", json={"name": "Ann", "from_season": 20002001, "to_season": 19901991}
    )
    assert bad_window.status_code == 422
