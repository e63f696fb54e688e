"""Scale-out run for real: two uvicorn processes behind nginx (the repository's
``deploy/nginx`` configuration, started by ``graph_api/runtime/scale_out.py`` as ``puckpath
serve --behind-nginx`` does), the loaded Neo4j graph and a real Redis. The players of one room
sit on different processes; one process is stopped with SIGTERM in the middle of the game."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from battle_workers import Client, worker_env

from graph_api.battle.websocket import close_codes
from graph_api.runtime.providers import Neo4jEndpoint, RedisEndpoint, free_port
from graph_api.runtime.scale_out import ScaleOut, scaled_out
from graph_api.settings import BattleSettings


@pytest.fixture(scope="module")
def behind_nginx(
    loaded_neo4j: Neo4jEndpoint,
    redis_endpoint: RedisEndpoint,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[ScaleOut]:
    env = worker_env(
        loaded_neo4j,
        redis_endpoint.url,
        grace_seconds=30,
        redis_prefix=f"test:{secrets.token_hex(4)}:",
        timer_poll_s=0.05,
    )
    folder = tmp_path_factory.mktemp("scale-out")
    ws_max = BattleSettings().ws_max_bytes
    with scaled_out(2, env, folder, "127.0.0.1", free_port(), ws_max) as scale:
        yield scale


def served_by(client: Client) -> str:
    """The worker that holds this socket: the last address nginx tried (``X-Upstream``)."""
    response = client.conn.response
    assert response is not None
    return str(response.headers["X-Upstream"]).split(",")[-1].strip()


async def open_socket(scale: ScaleOut, path: str, label: str, avoid: str | None = None) -> Client:
    """A socket through nginx, on a worker other than ``avoid`` (round robin: a few tries)."""
    ws_url = scale.url.replace("http://", "ws://") + path
    for _ in range(6):
        client = await Client.open(ws_url, label)
        if avoid is None or served_by(client) != avoid:
            return client
        await client.close()
    raise AssertionError(f"nginx sent every socket to {avoid}")


async def join(client: Client, **fields: Any) -> None:
    await client.send({"type": "join", "v": 1, **fields})
    client.welcome = await client.next("welcome")
    await client.next("snapshot")


async def turn(client: Client, number: int) -> None:
    async with asyncio.timeout(15):
        while not any(t["turn"] == number for t in client.of("turn")):
            await client.next("turn", len(client.frames))


async def test_a_worker_stopped_mid_game_hands_its_players_to_the_other(
    behind_nginx: ScaleOut,
) -> None:
    scale = behind_nginx
    async with httpx.AsyncClient(base_url=scale.url, timeout=30) as http:
        created = await http.post(
            "/battles",
            json={"name": "Ann", "start_player_id": "gretzwa01", "lives": 2, "turn_seconds": 60},
        )
    assert created.status_code == 201, created.text
    assert created.headers["X-Upstream"] in {p.address for p in scale.processes}
    room = created.json()

    ann = await open_socket(scale, room["ws_path"], "Ann")
    await join(ann, token=room["token"])
    bob = await open_socket(scale, room["ws_path"], "Bob", avoid=served_by(ann))
    await join(bob, name="Bob")
    clients = [ann, bob]
    try:
        ann_worker, bob_worker = served_by(ann), served_by(bob)
        assert ann_worker != bob_worker  # one room, two processes
        bob_seat = bob.welcome["seat"]

        for client in clients:
            await client.send({"type": "ready"})
        await ann.count("player_ready", 2)
        await ann.send({"type": "start"})
        await turn(ann, 1)
        await ann.send({"type": "guess", "turn": 1, "text": "Mark Messier"})
        assert (await bob.next("guess"))["verdict"] == "valid"

        # Bob's worker gets SIGTERM: Bob hears "server restarting" and close code 1012.
        stopping = asyncio.create_task(asyncio.to_thread(scale.by_address(bob_worker).stop))
        restarting = await bob.next("server_restarting")
        assert restarting["type"] == "error"
        assert await bob.closed() == close_codes.SERVER_RESTARTING
        await stopping
        assert scale.by_address(bob_worker).process.returncode is not None

        # Bob reconnects through nginx with his token: the other worker, the same seat.
        token = bob.welcome["token"]
        bob = await open_socket(scale, room["ws_path"], "Bob again")
        clients[1] = bob
        await join(bob, token=token)
        assert served_by(bob) == ann_worker
        assert (bob.welcome["role"], bob.welcome["seat"]) == ("player", bob_seat)
        snapshot = bob.of("snapshot")[-1]["room"]
        assert (snapshot["phase"], snapshot["turn"], snapshot["turn_seat"]) == (
            "playing",
            2,
            bob_seat,
        )

        # The game goes on: Bob names Kurri (Messier's teammate); both see it, then Ann's turn.
        await bob.send({"type": "guess", "turn": 2, "player_id": "kurrija01"})
        await ann.count("guess", 2)
        await bob.count("guess", 1)
        assert [g["verdict"] for g in ann.of("guess")] == ["valid", "valid"]
        assert [g["verdict"] for g in bob.of("guess")] == ["valid"]
        await turn(ann, 3)
    finally:
        await asyncio.gather(*(c.close() for c in clients))
