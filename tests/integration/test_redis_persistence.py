"""Rooms survive ``kill -9`` of the project-managed redis-server: every save Redis answered
is on disk (append-only file, ``appendfsync always``) and a restart on the same folder brings
back the room's state, its version and its timer. (Players told to resync after ``kill -9``,
with real workers: tests/integration/test_battle_workers.py::test_redis_restart_mid_game.)"""

from __future__ import annotations

import os
import secrets
import signal
import time
from pathlib import Path

import redis

from graph_api.battle.game import engine
from graph_api.battle.game.actions import Join, Ready, Start
from graph_api.battle.game.room_code import new_room_code
from graph_api.battle.game.rules import RoomRules
from graph_api.battle.game.state import PlayerRef, RoomState
from graph_api.battle.store.redis_store import RedisRoomStore
from graph_api.battle.store.room_store import Stored
from graph_api.redis_clients import open_redis
from graph_api.runtime.providers import free_port
from graph_api.runtime.redis_local import LocalRedisServer

# Wayne Gretzky's Databank id: a real player to open the chain with.
GRETZKY = PlayerRef(id="gretzwa01", name="Wayne Gretzky")


def kill_hard(server: LocalRedisServer) -> None:
    pid = server.running_pid()
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)  # reap it (it is this process's child)
    assert server.running_pid() is None


def test_the_server_fsyncs_before_it_answers(tmp_path: Path) -> None:
    server = LocalRedisServer(tmp_path / "redis", free_port())
    server.start()
    try:
        client = redis.Redis.from_url(server.url, decode_responses=True)
        assert client.config_get("appendonly") == {"appendonly": "yes"}
        assert client.config_get("appendfsync") == {"appendfsync": "always"}
        client.close()
    finally:
        server.stop()


async def test_rooms_survive_kill_9_and_a_restart(tmp_path: Path) -> None:
    server = LocalRedisServer(tmp_path / "redis", free_port())
    server.start()
    client = open_redis(server.url)
    store = RedisRoomStore(client, ttl_s=3600, prefix=f"test:{secrets.token_hex(4)}:")
    try:
        now = time.time()
        state = RoomState(code=new_room_code(), rules=RoomRules(turn_seconds=600), created_at=now)
        assert await store.create(state, None)
        stored = Stored(state, 1)
        actions = [
            Join(now, "Ann", "hash-ann"),
            Join(now, "Bob", "hash-bob"),
            Ready(now, 1, True),
            Ready(now, 2, True),
            Start(now, 1, GRETZKY),
        ]
        for action in actions:
            new_state, events = engine.apply(stored.state, action)
            deadline = engine.next_deadline(new_state)
            # Answered by Redis = acknowledged: from here on it must not be lost.
            assert await store.save(stored, new_state, events, deadline)
            stored = Stored(new_state, stored.version + 1)
        assert stored.state.phase == "playing"

        kill_hard(server)
        server.start()

        found = await store.load(state.code)
        assert found is not None, "the room was lost"
        assert found.version == stored.version == 1 + len(actions)
        assert found.state == stored.state
        # The turn timer is back too: it is claimed once it is due.
        assert await store.running_rooms() == 1
        due = engine.next_deadline(found.state)
        assert due is not None
        assert await store.claim_due(due + 1, 5.0, 10) == [state.code]
    finally:
        await client.aclose()
        server.stop()
