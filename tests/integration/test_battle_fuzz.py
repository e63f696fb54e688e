"""WebSocket fuzzing of the battles: the real app (create_app) over the loaded graph and a
real Redis. Every frame, hand-made or random (seeded, time-bounded), must get an error code
that docs/battle-protocol.md lists, never kill the connection after the join, and leave the
room healthy."""

from __future__ import annotations

import json
import random
import re
import string
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from battle_client import closed_with, create, join
from starlette.testclient import TestClient, WebSocketTestSession

from graph_api.app import create_app
from graph_api.settings import BattleSettings, Settings

PROTOCOL = Path(__file__).resolve().parents[2] / "docs" / "battle-protocol.md"
SEED = 20260901
JOINED_FRAMES = 500
UNJOINED_FRAMES = 200
BUDGET_S = 50.0
FRAME_TYPES = ["join", "ready", "start", "guess", "leave", "ping"]
FIELDS = ["v", "token", "name", "spectate", "ready", "player_id", "text", "chain", "turn", "ref"]


def documented_error_codes() -> set[str]:
    """The codes of the protocol's error table and of the error frames before a close."""
    text = PROTOCOL.read_text(encoding="utf-8")
    section = text[text.index("## 5. Errors and closes") : text.index("## 6. Faults")]
    codes = set(re.findall(r"`([a-z_]+)`", section))
    return codes - {"ready", "start", "join", "guess", "leave", "ping"}


DOCUMENTED = documented_error_codes()


@pytest.fixture(scope="module")
def client(loaded_app_settings: Settings) -> Iterator[TestClient]:
    # No rate limit here: every frame must reach the parser and the service.
    battle = BattleSettings(rate_per_s=10_000, rate_burst=10_000, max_violations=1_000_000)
    app = create_app(loaded_app_settings.model_copy(update={"battle": battle}))
    with TestClient(app) as test_client:
        yield test_client


def send(ws: WebSocketTestSession, frame: str | bytes) -> None:
    ws.send_bytes(frame) if isinstance(frame, bytes) else ws.send_text(frame)


def until_pong(ws: WebSocketTestSession, ref: str) -> list[dict[str, Any]]:
    """The frames that arrive before the pong answering ``ref``."""
    ws.send_json({"type": "ping", "ref": ref})
    frames = []
    while (frame := ws.receive_json()) != {"v": 1, "type": "pong", "ref": ref}:
        frames.append(frame)
    return frames


# --- random frames ---------------------------------------------------------------------------


def random_text(rng: random.Random, longest: int = 60) -> str:
    alphabet = string.printable + 'éßжあ😀\u0000\u202e"\\{}[]'
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))


def random_value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randint(0, 8 if depth < 3 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, 1, -1, 2**63, 10**30, 19871988, 1.5, -0.0, 1e308])
    if kind in (3, 4, 5):
        return random_text(rng)
    if kind in (6, 7):
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {random_text(rng, 8): random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


NAMES = ["Wayne Gretzky", "gretzky", "Sedin", "mario lemieux", "Jágr", "", " ", "Zzyzx"]
IDS = ["gretzwa01", "8471214", "8448208", "nobody99", "0", "x" * 32]


def answer(rng: random.Random) -> dict[str, Any]:
    return {"text": rng.choice(NAMES)} if rng.random() < 0.5 else {"player_id": rng.choice(IDS)}


def plausible_frame(rng: random.Random, *, joined: bool) -> dict[str, Any]:
    """A frame of the right shape with values that may or may not make sense now."""
    frames: list[dict[str, Any]] = [
        {"type": "ready", "ready": rng.choice([True, False])},
        {"type": "start"},
        {"type": "ping", "ref": random_text(rng, 70)},
        {"type": "guess", **answer(rng), "turn": rng.choice([0, 1, -5, 2**40])},
        {"type": "guess", "chain": [answer(rng) for _ in range(rng.choice([1, 2, 3, 26]))]},
        {"type": "join", "v": rng.choice([1, 2]), "spectate": True},
        {"type": "join", "v": 1, "token": random_text(rng, 140) or "t"},
    ]
    return rng.choice(frames)


def random_frame(rng: random.Random, *, joined: bool) -> str | bytes:
    kind = rng.randint(0, 9)
    if kind == 0:
        return random_text(rng, 200)
    if kind == 1:
        return json.dumps(random_value(rng))
    if kind == 2:
        return bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 64)))
    if kind == 3:
        return rng.choice(["[", "{", '{"a":']) * rng.choice([10, 600, 1000, 3000])
    if kind == 4:
        return json.dumps({"type": "guess", "text": "x" * rng.choice([5000, 70_000])})
    if kind in (5, 6):
        return json.dumps(plausible_frame(rng, joined=joined))
    types = FRAME_TYPES if not joined else [t for t in FRAME_TYPES if t != "leave"]
    frame: dict[str, Any] = {"type": rng.choice([*types, "", "JOIN", 7, None])}
    for field in rng.sample(FIELDS, rng.randint(0, 4)):
        frame[field] = random_value(rng)
    text = json.dumps(frame)
    if kind >= 8 and text:  # a few characters changed
        chars = list(text)
        for _ in range(rng.randint(1, 3)):
            chars[rng.randrange(len(chars))] = rng.choice(string.printable)
        text = "".join(chars)
    return text


def assert_documented(frames: list[dict[str, Any]], sent: str | bytes) -> None:
    for frame in frames:
        if frame["type"] == "error":
            assert frame["code"] in DOCUMENTED, (frame, sent[:200])


# --- the tests -------------------------------------------------------------------------------

HAND_MADE: list[tuple[str | bytes, str]] = [
    ("[" * 1000, "bad_json"),
    ("x" * 70_000, "frame_too_large"),
    (b'{"type": "ping"}', "bad_frame"),
    ("{not json", "bad_json"),
    ('{"type": "dance"}', "unknown_type"),
    ('{"type": "guess", "text": "Wayne Gretzky"}', "not_started"),
    ('{"type": "start"}', "not_enough_players"),
]


@pytest.mark.parametrize(("frame", "code"), HAND_MADE)
def test_hand_made_frames_before_the_join_are_refused(
    client: TestClient, frame: str | bytes, code: str
) -> None:
    room = create(client)
    with client.websocket_connect(room["ws_path"]) as ws:
        send(ws, frame)
        close, frames = closed_with(ws)
    expected = "join_first" if code in {"not_started", "not_enough_players"} else code
    assert (close, [f["code"] for f in frames]) == (1008, [expected])


def test_hand_made_and_random_frames_after_the_join(client: TestClient) -> None:
    room = create(client)
    rng = random.Random(SEED)
    started = time.monotonic()
    with client.websocket_connect(room["ws_path"]) as ws:
        join(ws, token=room["token"])
        for i, (frame, code) in enumerate(HAND_MADE):
            send(ws, frame)
            answered = until_pong(ws, f"hand-{i}")
            assert [f.get("code") for f in answered if f["type"] == "error"] == [code]
        sent = 0
        while sent < JOINED_FRAMES and time.monotonic() - started < BUDGET_S:
            frame = random_frame(rng, joined=True)
            send(ws, frame)
            assert_documented(until_pong(ws, f"probe-{sent}"), frame)
            sent += 1
    assert sent >= JOINED_FRAMES // 3, f"only {sent} random frames in {BUDGET_S} s"
    assert_healthy(client, room)


def test_random_first_frames(client: TestClient) -> None:
    room = create(client)
    rng = random.Random(SEED + 1)
    started = time.monotonic()
    sent = 0
    while sent < UNJOINED_FRAMES and time.monotonic() - started < BUDGET_S:
        frame = random_frame(rng, joined=False)
        with client.websocket_connect(room["ws_path"]) as ws:
            send(ws, frame)
            first = ws.receive_json()
            if first["type"] == "welcome":  # a random frame that is a valid join
                continue
            close, frames = closed_with(ws)
        assert first["type"] == "error", (first, frame[:200])
        assert frames == [], (first, frames, frame[:200])
        assert_documented([first], frame)
        assert close in (1008, 1013), (close, first)
        sent += 1
    assert_healthy(client, room)


def test_start_and_ready_after_the_game(client: TestClient) -> None:
    room = create(client, start_player_id="gretzwa01")
    with client.websocket_connect(room["ws_path"]) as ann:
        join(ann, token=room["token"])
        with client.websocket_connect(room["ws_path"]) as bob:
            join(bob, name="Bob")
            for ws in (ann, bob):
                ws.send_json({"type": "ready"})
            bob.send_json({"type": "leave"})  # in the lobby: the seat is given up
            assert closed_with(bob)[0] == 1000
        with client.websocket_connect(room["ws_path"]) as cat:
            join(cat, name="Cat")
            cat.send_json({"type": "ready"})
            until_pong(cat, "cat-ready")
            ann.send_json({"type": "start"})
            until_kind(ann, "turn")
            cat.send_json({"type": "leave"})
            assert closed_with(cat)[0] == 1000
        assert until_kind(ann, "result")["winner"] == 1
        for kind in ("start", "ready"):
            ann.send_json({"type": kind, "ref": kind})
            error = ann.receive_json()
            assert (error["code"], error["ref"]) == ("game_finished", kind)
    state = client.get(f"/battles/{room['code']}").json()
    assert (state["phase"], state["winner"]) == ("finished", 1)


def until_kind(ws: WebSocketTestSession, kind: str) -> dict[str, Any]:
    while (frame := ws.receive_json())["type"] != kind:
        assert frame["type"] != "error" or frame["code"] in DOCUMENTED, frame
    return dict(frame)


def assert_healthy(client: TestClient, room: dict[str, Any]) -> None:
    """The room still answers, its host can come back and act, spectators can watch."""
    state = client.get(f"/battles/{room['code']}").json()
    assert state["phase"] == "lobby"
    assert state["seats"][0]["seat"] == 1
    with client.websocket_connect(room["ws_path"]) as host:
        welcome, _ = join(host, token=room["token"])
        assert welcome["seat"] == 1
        host.send_json({"type": "ready", "ready": False})
        until_pong(host, "healthy")
        with client.websocket_connect(room["ws_path"]) as fan:
            assert join(fan, spectate=True)[0]["role"] == "spectator"
