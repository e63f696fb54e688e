"""Battles end to end: real WebSocket clients against two uvicorn worker processes on
different ports sharing one Redis and the loaded Neo4j graph."""

from __future__ import annotations

import asyncio
import itertools
import secrets
import signal
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from battle_workers import Client, Worker, running_workers, worker_env
from known_people import NHL_IDS

from graph_api.runtime.providers import Neo4jEndpoint, free_port
from graph_api.runtime.redis_local import LocalRedisServer
from graph_api.settings import BattleSettings

GRACE_S = 2.0
# Long enough to kill and restart Redis inside one turn.
TURN_S = 12


@pytest.fixture(scope="module", params=["single", "cluster"])
def workers(
    request: pytest.FixtureRequest,
    loaded_neo4j: Neo4jEndpoint,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[list[Worker]]:
    """Two workers on one redis-server, then (the same tests) on a three-master cluster."""
    if request.param == "cluster":
        redis_url = request.getfixturevalue("redis_cluster").url
    else:
        redis_url = request.getfixturevalue("redis_endpoint").url
    env = worker_env(
        loaded_neo4j,
        redis_url,
        grace_seconds=GRACE_S,
        redis_prefix=f"test:{secrets.token_hex(4)}:",
        timer_poll_s=0.02,
    )
    env["REDIS_CLUSTER"] = str(request.param == "cluster").lower()
    with running_workers(2, env, tmp_path_factory.mktemp("battle-workers")) as started:
        yield started


async def http(method: str, url: str, **kwargs: Any) -> httpx.Response:
    async with httpx.AsyncClient(timeout=30) as client:
        return await client.request(method, url, **kwargs)


async def create_room(worker: Worker, **body: Any) -> dict[str, Any]:
    response = await http("POST", f"{worker.http}/battles", json={"name": "Ann", **body})
    assert response.status_code == 201, response.text
    return dict(response.json())


async def seat_players(
    workers: list[Worker], room: dict[str, Any], names: list[str]
) -> list[Client]:
    """Ann (the creator) on worker 0, then the others alternating between the workers."""
    path = room["ws_path"]
    clients = [await Client.open(workers[0].ws + path, "Ann", token=room["token"])]
    for i, name in enumerate(names, start=1):
        clients.append(await Client.open(workers[i % 2].ws + path, name, name=name))
    return clients


async def start_game(clients: list[Client]) -> None:
    for client in clients:
        await client.send({"type": "ready"})
    await clients[0].count("player_ready", len(clients))
    await clients[0].send({"type": "start"})
    for client in clients:
        await client.next("turn")


def assert_same_stream(clients: list[Client]) -> None:
    """Every client got, after each snapshot, every later event exactly once and in order (a
    re-sync snapshot may stand for events lost in flight, docs/battle-protocol.md 2.4: events
    not above it may come and are ignored); the events after the last snapshot any client got
    are identical for all."""
    for client in clients:
        snapshot = last = None
        for frame in client.frames:
            if frame["type"] == "snapshot":
                snapshot = last = frame["seq"]
            elif "seq" in frame:
                assert snapshot is not None, f"{client.name}: an event before any snapshot"
                if frame["seq"] <= snapshot:
                    continue  # already in the snapshot
                assert frame["seq"] == last + 1, f"{client.name}: {frame['seq']} after {last}"
                last = frame["seq"]
    common = max(c.of("snapshot")[-1]["seq"] for c in clients)
    streams = [[e for e in c.events() if e["seq"] > common] for c in clients]
    for client, stream in zip(clients[1:], streams[1:], strict=True):
        assert stream == streams[0], f"{client.name} saw a different stream"


async def answer(client: Client, turn: int, guess: dict[str, Any]) -> None:
    """Wait until it is ``turn`` (the client's turn), then answer it."""
    async with asyncio.timeout(10):
        while not any(t["turn"] == turn for t in client.of("turn")):
            await client.next("turn", len(client.frames))
    await client.send({"type": "guess", "turn": turn, **guess})


async def close_all(clients: list[Client]) -> None:
    await asyncio.gather(*(c.close() for c in clients))


async def test_one_room_on_two_workers_sees_one_stream(workers: list[Worker]) -> None:
    room = await create_room(workers[0], start_player_id="gretzwa01", lives=1, turn_seconds=30)
    assert room["rules"]["start_player_id"] == NHL_IDS["gretzwa01"]  # the canonical id
    ann, bob, cat = await seat_players(workers, room, ["Bob", "Cat"])
    fan = await Client.open(workers[1].ws + room["ws_path"], "fan", spectate=True)
    everyone = [ann, bob, cat, fan]
    try:
        await start_game([ann, bob, cat])
        # Ann (worker 0): Gretzky -> Messier, by name, accents and case ignored.
        await answer(ann, 1, {"text": "mark MESSIER"})
        # Bob (worker 1): Lemieux never played with Messier: out (1 life).
        await answer(bob, 2, {"text": "Mario Lemieux"})
        # Cat (worker 0): Messier -> Kurri by id.
        await answer(cat, 3, {"player_id": "kurrija01"})
        # Ann: Gretzky again, by his NHL id (the room started from his Databank id): the same
        # person, already named, out; Cat wins.
        await answer(ann, 4, {"player_id": NHL_IDS["gretzwa01"]})
        results = [await client.next("result") for client in everyone]
        assert all(r == results[0] for r in results)
        verdicts = [g["verdict"] for g in fan.of("guess")]
        assert verdicts == ["valid", "not_teammates", "valid", "already_named"]
        assert results[0]["winner"] == 3
        analysis = results[0]["analysis"]
        # Answers name everyone by the canonical id, whichever id was typed.
        assert [link["player"]["id"] for link in analysis["chain"]] == [
            NHL_IDS["gretzwa01"],
            NHL_IDS["messima01"],
            NHL_IDS["kurrija01"],
        ]
        assert analysis["shortest"]["optimal_hops"] == 1  # Gretzky and Kurri were teammates
        assert_same_stream(everyone)
    finally:
        await close_all(everyone)


async def test_names_and_the_season_window_on_the_real_graph(workers: list[Worker]) -> None:
    room = await create_room(
        workers[1], start_player_id="gretzwa01", from_season=19901991, to_season=19992000
    )
    ann, bob = await seat_players(workers, room, ["Bob"])
    try:
        await start_game([ann, bob])
        # Two NHL players are called Sebastian Aho: a question back, not a wrong answer.
        await answer(ann, 1, {"text": "Sebastian Aho", "ref": "aho"})
        asked = await ann.next("ambiguous")
        assert asked["ref"] == "aho"
        names = {c["name"] for c in asked["candidates"]}
        assert names == {"Sebastian Aho"}
        assert len(asked["candidates"]) == 2
        # Gretzky and Messier shared the 1980s Oilers, but in the 1990s only the 1996-97
        # Rangers count.
        await answer(ann, 1, {"text": "Mark Messier"})
        judged = await bob.next("guess")
        assert (judged["verdict"], judged["via"], judged["lives"]) == (
            "valid",
            ["NYR-19961997"],
            3,
        )
    finally:
        await close_all([ann, bob])


async def test_turn_timers_fire_once_with_two_workers(workers: list[Worker]) -> None:
    room = await create_room(workers[1], start_player_id="gretzwa01", lives=2, turn_seconds=1)
    clients = await seat_players(workers, room, ["Bob", "Cat"])
    try:
        await start_game(clients)
        results = [await client.next("result", wait_s=20) for client in clients]
        timeouts = clients[0].of("timeout")
        # seat 1, 2, 3, 1 (out), 2 (out): seat 3 wins; one timeout per turn, no more.
        assert [(t["turn"], t["seat"]) for t in timeouts] == [
            (1, 1), (2, 2), (3, 3), (4, 1), (5, 2)
        ]  # fmt: skip
        assert results[0]["winner"] == 3
        turns = clients[0].of("turn")
        gaps = [b["deadline"] - a["deadline"] for a, b in itertools.pairwise(turns)]
        assert all(1.0 <= gap < 1.5 for gap in gaps), gaps
        assert_same_stream(clients)
    finally:
        await close_all(clients)


async def test_reconnect_on_the_other_worker_keeps_the_seat(workers: list[Worker]) -> None:
    room = await create_room(workers[0], start_player_id="gretzwa01", turn_seconds=60)
    ann, bob = await seat_players(workers, room, ["Bob"])
    try:
        await start_game([ann, bob])
        bob_token = bob.welcome["token"]
        await bob.close()
        dropped = await ann.next("presence", len(ann.frames) - 1)
        while dropped["connected"]:
            dropped = await ann.next("presence", ann.frames.index(dropped) + 1)
        assert dropped["seat"] == 2
        bob = await Client.open(workers[0].ws + room["ws_path"], "Bob again", token=bob_token)
        assert (bob.welcome["seat"], bob.welcome["session"]) == (2, 2)
        snapshot = bob.of("snapshot")[0]["room"]
        assert snapshot["phase"] == "playing"
        assert snapshot["seats"][1]["connected"] is True
        await answer(ann, 1, {"text": "Jari Kurri"})
        turn = await bob.next("turn")
        assert (turn["turn"], turn["seat"], turn["link"]["id"]) == (2, 2, NHL_IDS["kurrija01"])
        await answer(bob, 2, {"text": "Paul Coffey"})
        guesses = await ann.count("guess", 2)
        assert [(g["seat"], g["verdict"]) for g in guesses] == [(1, "valid"), (2, "valid")]
    finally:
        await close_all([ann, bob])


async def test_a_player_who_never_comes_back_forfeits(workers: list[Worker]) -> None:
    room = await create_room(workers[1], start_player_id="gretzwa01", turn_seconds=60)
    ann, bob = await seat_players(workers, room, ["Bob"])
    try:
        await start_game([ann, bob])
        await ann.close()
        over = await bob.next("result", wait_s=GRACE_S + 5)
        assert over["winner"] == 2
        assert over["standings"][1]["reason"] == "disconnected"
    finally:
        await close_all([ann, bob])


async def test_a_race_across_workers(workers: list[Worker]) -> None:
    room = await create_room(workers[0], mode="race", difficulty="easy", lives=2)
    ann, bob = await seat_players(workers, room, ["Bob"])
    try:
        for client in (ann, bob):
            await client.send({"type": "ready"})
        await ann.count("player_ready", 2)
        await ann.send({"type": "start"})
        started = await bob.next("game_started", wait_s=30)
        start, target = started["start"]["id"], started["target"]["id"]
        assert started["optimal_hops"] == 2  # easy: two hops
        # Bob jumps straight to the target: no such link, one attempt left.
        await bob.send({"type": "guess", "chain": [{"player_id": start}, {"player_id": target}]})
        judged = await ann.next("submission")
        assert (judged["seat"], judged["valid"], judged["hop_valid"]) == (2, False, [False])
        assert judged["attempts_left"] == 1
        # Ann sends a shortest path from the REST API: valid, full length points.
        found = await http(
            "GET", f"{workers[1].http}/paths/shortest", params={"from": start, "to": target}
        )
        path = [p["id"] for p in found.json()["path"]["players"]]
        await ann.send({"type": "guess", "chain": [{"player_id": pid} for pid in path]})
        mine = (await bob.count("submission", 2))[1]
        assert (mine["seat"], mine["valid"], mine["hops"]) == (1, True, 2)
        assert mine["score"] > 1000
        await bob.send({"type": "leave"})
        assert await bob.closed() == 1000
        result = await ann.next("result")
        assert result["winner"] == 1
        analysis = result["analysis"]
        assert analysis["optimal_hops"] == 2
        assert analysis["players"][0]["extra_hops"] == 0
        for optimal in analysis["optimal_paths"]:
            ids = [p["id"] for p in optimal]
            assert (len(ids), ids[0], ids[-1]) == (3, start, target)
    finally:
        await close_all([ann, bob])


async def test_bad_input_on_a_real_worker(workers: list[Worker]) -> None:
    room = await create_room(workers[0])
    other = await create_room(workers[1])
    url = workers[1].ws + room["ws_path"]
    forged = await Client.open(url, "forged")
    await forged.send({"type": "join", "v": 1, "token": other["token"]})
    assert await forged.closed() == 1008
    assert forged.frames[-1]["code"] == "bad_token"
    ann = await Client.open(url, "Ann", token=room["token"])
    try:
        await ann.conn.send("{{{")
        assert (await ann.next("error"))["code"] == "bad_json"
        await ann.conn.send('{"type": "guess", "text": "' + "x" * 5000 + '"}')
        assert (await ann.next("frame_too_large"))["type"] == "error"
        await ann.send({"type": "guess", "text": "Wayne Gretzky"})
        assert (await ann.next("not_started"))["type"] == "error"
        mark = len(ann.frames)
        await ann.conn.send("[" * 70_000)  # above 64 KiB: still an error frame, not a close
        assert (await ann.next("frame_too_large", mark))["type"] == "error"
        await ann.conn.send(b"\x00" * 10)
        binary = await ann.next("bad_frame", mark)
        assert binary["detail"] == "frames are JSON text, not binary"
        await ann.conn.send("x" * (BattleSettings().ws_max_bytes + 1))  # uvicorn cuts it
        assert await ann.closed() == 1009
        state = (await http("GET", f"{workers[0].http}/battles/{room['code']}")).json()
        assert state["phase"] == "lobby"
        assert state["seq"] > 0
    finally:
        await close_all([forged, ann])


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[LocalRedisServer]:
    server = LocalRedisServer(tmp_path / "redis", free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def restart_workers(
    loaded_neo4j: Neo4jEndpoint, own_redis: LocalRedisServer, tmp_path: Path
) -> AsyncIterator[list[Worker]]:
    env = worker_env(loaded_neo4j, own_redis.url, grace_seconds=30)
    with running_workers(2, env, tmp_path) as started:
        yield started


async def test_redis_restart_mid_game(
    restart_workers: list[Worker], own_redis: LocalRedisServer
) -> None:
    """``kill -9`` of Redis mid-game: the clients are told (store_unavailable), then re-synced
    with a fresh snapshot holding the last acknowledged action; the turn timer, kept in Redis,
    fires once across both workers after the restart."""
    workers = restart_workers
    room = await create_room(workers[0], start_player_id="gretzwa01", turn_seconds=TURN_S)
    ann, bob = await seat_players(workers, room, ["Bob"])
    try:
        await start_game([ann, bob])
        await ann.send({"type": "guess", "text": "Mark Messier"})
        acknowledged = await bob.next("guess")  # every player saw it: it must survive
        assert acknowledged["verdict"] == "valid"
        turn_2 = await bob.next("turn", bob.frames.index(acknowledged))
        assert (turn_2["turn"], turn_2["seat"]) == (2, 2)
        redis_server = own_redis.process
        assert redis_server is not None
        redis_server.send_signal(signal.SIGKILL)
        await asyncio.to_thread(redis_server.wait)
        for client in (ann, bob):
            await client.next("store_unavailable", wait_s=15)
        mark = len(bob.frames)
        await bob.send({"type": "guess", "turn": 2, "text": "Jari Kurri"})
        refused = await bob.next("error", mark, wait_s=15)
        assert refused["code"] == "store_unavailable"
        down = await http("POST", f"{workers[1].http}/battles", json={"name": "X"})
        assert (down.status_code, down.json()["error"]) == (503, "store_unavailable")
        own_redis.start()
        # The room was on disk (append-only file): each client gets a fresh snapshot, the
        # game as it was after the last acknowledged action ...
        for client in (ann, bob):
            await client.count("snapshot", 2, wait_s=20)
            room_now = client.of("snapshot")[-1]["room"]
            assert (room_now["phase"], room_now["turn"], room_now["turn_seat"]) == ("playing", 2, 2)
            assert room_now["seq"] == acknowledged["seq"] + 1  # the guess, then turn 2
        # ... and Bob's turn timer, in Redis too, fires once (two workers poll it).
        for client in (ann, bob):
            await client.next("turn", len(client.frames) - 1, wait_s=TURN_S + 15)
        await asyncio.sleep(1.0)
        for client in (ann, bob):
            assert [(t["turn"], t["seat"]) for t in client.of("timeout")] == [(2, 2)]
        assert_same_stream([ann, bob])
        # The workers serve new rooms at once, without a restart.
        again = await create_room(workers[1], start_player_id="gretzwa01")
        ann2, bob2 = await seat_players(workers, again, ["Bob"])
        await start_game([ann2, bob2])
        await ann2.send({"type": "guess", "text": "Mark Messier"})
        assert (await bob2.next("guess"))["verdict"] == "valid"
        await close_all([ann2, bob2])
    finally:
        await close_all([ann, bob])
