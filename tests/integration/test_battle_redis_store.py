"""The Redis room store against a real redis-server and a real Redis Cluster of three
masters (each test runs on both): compare-and-set, ordered fan-out, TTL, timers claimed
exactly once, and a Redis restart in the middle of it all."""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from redis.asyncio.cluster import RedisCluster
from redis.crc import key_slot

from graph_api.battle.game import engine
from graph_api.battle.game.actions import Join, Ready
from graph_api.battle.game.room_code import new_room_code
from graph_api.battle.game.rules import RoomRules
from graph_api.battle.game.state import RoomState
from graph_api.battle.store.redis_store import RedisRoomStore
from graph_api.battle.store.room_store import StoreUnavailable
from graph_api.redis_clients import RedisClient, open_redis
from graph_api.runtime.providers import free_port
from graph_api.runtime.redis_cluster_local import LocalRedisCluster
from graph_api.runtime.redis_local import LocalRedisServer

T0 = 1_800_000_000.0


@dataclass(frozen=True)
class Target:
    """Where the rooms live: one redis-server, or a cluster given by one node's URL."""

    url: str
    cluster: bool

    def client(self) -> RedisClient:
        return open_redis(self.url, cluster=self.cluster)


@pytest.fixture(params=["single", "cluster"])
def target(request: pytest.FixtureRequest) -> Target:
    if request.param == "cluster":
        return Target(request.getfixturevalue("redis_cluster").url, cluster=True)
    return Target(request.getfixturevalue("redis_endpoint").url, cluster=False)


@pytest.fixture
async def client(target: Target) -> AsyncIterator[RedisClient]:
    redis_client = target.client()
    yield redis_client
    await redis_client.aclose()


def prefix() -> str:
    return f"test:{secrets.token_hex(4)}:"


def new_room() -> RoomState:
    state = RoomState(code=new_room_code(), rules=RoomRules(max_players=16), created_at=T0)
    state, _ = engine.apply(state, Join(T0, "Ann", "hash-ann"))
    return state


class Collector:
    def __init__(self) -> None:
        self.frames: dict[str, list[dict[str, object]]] = {}
        self.status: list[bool] = []
        self.arrived = asyncio.Event()
        self.status_changed = asyncio.Event()

    def deliver(self, code: str, payload: str) -> None:
        self.frames.setdefault(code, []).extend(json.loads(payload))
        self.arrived.set()

    async def on_status(self, up: bool) -> None:
        self.status.append(up)
        self.status_changed.set()

    async def wait_status(self, expected: list[bool]) -> None:
        while self.status != expected:
            self.status_changed.clear()
            await self.status_changed.wait()

    async def wait_for(self, code: str, count: int) -> list[dict[str, object]]:
        async with asyncio.timeout(5.0):
            while len(self.frames.get(code, [])) < count:
                self.arrived.clear()
                await self.arrived.wait()
        return self.frames[code]


async def join(store: RedisRoomStore, code: str, name: str) -> int:
    """Load, apply a Join, save with the version check; retry on conflicts."""
    conflicts = 0
    while True:
        stored = await store.load(code)
        assert stored is not None
        state, events = engine.apply(stored.state, Join(T0, name, f"hash-{name}"))
        if await store.save(stored, state, events, None):
            return conflicts
        conflicts += 1


async def test_save_is_a_compare_and_set(client: RedisClient) -> None:
    store = RedisRoomStore(client, ttl_s=60, prefix=prefix())
    room = new_room()
    assert await store.create(room, None) is True
    assert await store.create(room, None) is False
    stored = await store.load(room.code)
    assert stored is not None
    assert stored.version == 1
    assert stored.state == room
    ready, events = engine.apply(stored.state, Ready(T0, 1, True))
    assert await store.save(stored, ready, events, None) is True
    assert await store.save(stored, ready, events, None) is False  # version 1 is gone
    again = await store.load(room.code)
    assert again is not None
    assert again.version == 2
    assert again.state.seats[0].ready is True


async def test_two_workers_racing_lose_nothing_and_publish_in_order(target: Target) -> None:
    shared = prefix()
    clients = [target.client() for _ in range(3)]
    workers = [RedisRoomStore(c, ttl_s=60, prefix=shared) for c in clients[:2]]
    listener = RedisRoomStore(clients[2], ttl_s=60, prefix=shared)
    collector = Collector()
    feed = await listener.open_feed(collector.deliver, collector.on_status)
    try:
        room = new_room()
        await workers[0].create(room, None)
        await feed.subscribe(room.code)
        names = [f"P{i:02d}" for i in range(14)]
        conflicts = await asyncio.gather(
            *(join(workers[i % 2], room.code, name) for i, name in enumerate(names))
        )
        final = await workers[1].load(room.code)
        assert final is not None
        assert sorted(s.name for s in final.state.seats) == sorted(["Ann", *names])
        assert final.version == 1 + len(names)
        frames = await collector.wait_for(room.code, len(names))
        assert [f["seq"] for f in frames] == list(range(room.seq + 1, room.seq + 1 + len(names)))
        assert sum(conflicts) > 0  # they really collided, and compare-and-set sorted it out
    finally:
        await feed.close()
        for c in clients:
            await c.aclose()


async def test_rooms_expire_when_untouched(client: RedisClient) -> None:
    store = RedisRoomStore(client, ttl_s=1, prefix=prefix())
    room = new_room()
    await store.create(room, None)
    assert 0 < await client.ttl(store.room_key(room.code)) <= 1
    await asyncio.sleep(1.3)
    assert await store.load(room.code) is None


async def test_a_due_timer_is_claimed_by_exactly_one_worker(target: Target) -> None:
    shared = prefix()
    clients = [target.client() for _ in range(4)]
    stores = [RedisRoomStore(c, ttl_s=60, prefix=shared) for c in clients]
    try:
        rooms = [new_room() for _ in range(30)]
        for i, room in enumerate(rooms):
            await stores[0].create(room, T0 + i)
        claims = await asyncio.gather(
            *(store.claim_due(T0 + 100, 5.0, 100) for store in stores for _ in range(3))
        )
        claimed = [code for claim in claims for code in claim]
        assert sorted(claimed) == sorted(room.code for room in rooms)
        # Claimed timers are leased: nobody gets them again before the lease runs out ...
        assert await stores[1].claim_due(T0 + 104, 5.0, 100) == []
        # ... and a claimer that never handled its timer lets it fire again afterwards.
        again = await stores[2].claim_due(T0 + 105.1, 5.0, 100)
        assert sorted(again) == sorted(room.code for room in rooms)
    finally:
        for c in clients:
            await c.aclose()


async def test_reschedule_only_touches_an_unchanged_room(client: RedisClient) -> None:
    store = RedisRoomStore(client, ttl_s=60, prefix=prefix())
    room = new_room()
    await store.create(room, T0)
    stale = await store.load(room.code)
    assert stale is not None
    state, events = engine.apply(stale.state, Ready(T0, 1, True))
    await store.save(stale, state, events, T0 + 50)
    await store.reschedule(stale, T0 + 1)  # someone else saved meanwhile: ignored
    assert await store.claim_due(T0 + 10, 5.0, 10) == []
    current = await store.load(room.code)
    assert current is not None
    await store.reschedule(current, None)
    assert await store.claim_due(T0 + 100, 5.0, 10) == []


@pytest.mark.parametrize("cluster", [False, True], ids=["single", "cluster"])
async def test_redis_restart_gives_a_clear_error_then_recovers(
    tmp_path: Path, cluster: bool
) -> None:
    server: LocalRedisServer | LocalRedisCluster
    if cluster:
        server = LocalRedisCluster.on_free_ports(tmp_path / "cluster")
    else:
        server = LocalRedisServer(tmp_path / "redis", free_port())
    server.start()
    redis_client = open_redis(server.url, cluster=cluster)
    store = RedisRoomStore(redis_client, ttl_s=60, prefix=prefix())
    collector = Collector()
    feed = await store.open_feed(collector.deliver, collector.on_status)
    try:
        room = new_room()
        await store.create(room, None)
        await feed.subscribe(room.code)
        server.stop()
        with pytest.raises(StoreUnavailable, match="Redis"):
            await store.load(room.code)
        async with asyncio.timeout(5):
            await collector.wait_status([False])
        server.start()
        async with asyncio.timeout(10):
            await collector.wait_status([False, True])
        # The room survived (the append-only file), the same client works again, and the
        # feed is subscribed again without anyone asking.
        stored = await store.load(room.code)
        assert stored is not None
        assert stored.state == room
        state, events = engine.apply(stored.state, Ready(T0, 1, True))
        assert await store.save(stored, state, events, None)
        frames = await collector.wait_for(room.code, 1)
        assert frames[0]["type"] == "player_ready"
    finally:
        await feed.close()
        await redis_client.aclose()
        server.stop()


async def test_on_a_cluster_a_rooms_keys_share_a_slot_and_rooms_spread_over_masters(
    redis_cluster: LocalRedisCluster,
) -> None:
    redis_client = open_redis(redis_cluster.url, cluster=True)
    assert isinstance(redis_client, RedisCluster)
    store = RedisRoomStore(redis_client, ttl_s=60, prefix=prefix())
    try:
        rooms = [new_room() for _ in range(40)]
        masters = set()
        for room in rooms:
            await store.create(room, T0)
            names = [store.keys.room(room.code), store.keys.timers_of(room.code)]
            names.append(store.keys.channel(room.code))
            assert len({key_slot(name.encode()) for name in names}) == 1
            node = redis_client.get_node_from_key(names[0])
            assert node is not None
            masters.add(node.name)
        assert len(masters) == 3
        assert await store.running_rooms() == len(rooms)
    finally:
        await redis_client.aclose()
