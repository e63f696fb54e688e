"""The Redis room store: state + version with compare-and-set in Lua, pub/sub fan-out, TTL.

Works on one Redis or on a Redis Cluster (``REDIS_CLUSTER=true``): the key names
(:mod:`redis_keys`) put everything one save touches in one hash slot, and the save publishes
with ``SPUBLISH`` (sharded pub/sub) on a cluster. Every Redis error becomes
:class:`StoreUnavailable` so callers can tell clients clearly; the client reconnects by itself
on the next command once Redis is back. The feed is :class:`redis_feed.RedisFeed`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from redis.asyncio.cluster import RedisCluster

from graph_api.battle.game.events import Event
from graph_api.battle.game.state import RoomState
from graph_api.battle.store import redis_scripts
from graph_api.battle.store.redis_feed import RedisFeed
from graph_api.battle.store.redis_keys import RoomKeys
from graph_api.battle.store.room_store import (
    Deliver,
    Feed,
    OnStatus,
    Stored,
    StoreUnavailable,
    encode_events,
)
from graph_api.observability.metrics import count_backend_error
from graph_api.redis_clients import DEFAULT_CONNECTIONS, REDIS_ERRORS, RedisClient

log = logging.getLogger(__name__)
DEFAULT_PREFIX = "puckpath:battle:"


@contextlib.asynccontextmanager
async def _translated() -> AsyncIterator[None]:
    try:
        yield
    except REDIS_ERRORS as exc:
        count_backend_error("redis", exc)
        raise StoreUnavailable(f"the room store (Redis) is not reachable: {exc}") from exc


def _deadline_arg(deadline: float | None) -> str:
    return "" if deadline is None else repr(deadline)


class RedisRoomStore:
    """Rooms in Redis, shared by every worker."""

    def __init__(
        self,
        client: RedisClient,
        ttl_s: int,
        prefix: str = DEFAULT_PREFIX,
        max_calls: int = DEFAULT_CONNECTIONS,
    ):
        self._client = client
        self._ttl = ttl_s
        sharded = isinstance(client, RedisCluster)
        self.keys = RoomKeys.for_cluster(prefix) if sharded else RoomKeys(prefix)
        self._publish = "SPUBLISH" if sharded else "PUBLISH"
        # A cluster client fails (MaxConnectionsError) instead of waiting for a connection,
        # and connecting to the masters from many tasks at once races in redis-py 8.1: learn
        # the cluster's layout once, then hold back calls beyond the pool's size.
        self._gate = asyncio.Semaphore(max_calls) if sharded else None
        self._layout_known = not sharded
        self._layout_lock = asyncio.Lock()
        self._create = client.register_script(redis_scripts.CREATE)
        self._save = client.register_script(redis_scripts.SAVE)
        self._reschedule = client.register_script(redis_scripts.RESCHEDULE)
        self._claim = client.register_script(redis_scripts.CLAIM_DUE)

    @contextlib.asynccontextmanager
    async def _calling(self) -> AsyncIterator[None]:
        async with _translated():
            if not self._layout_known:
                async with self._layout_lock:
                    if not self._layout_known:
                        assert isinstance(self._client, RedisCluster)
                        await self._client.initialize()
                        # On every master, before a burst of first calls needs them.
                        for script in redis_scripts.ALL:
                            await self._client.script_load(script)
                        self._layout_known = True
            if self._gate is None:
                yield
            else:
                async with self._gate:
                    yield

    def room_key(self, code: str) -> str:
        return self.keys.room(code)

    async def create(self, state: RoomState, deadline: float | None) -> bool:
        keys = [self.room_key(state.code), self.keys.timers_of(state.code)]
        args = [state.model_dump_json(), str(self._ttl), _deadline_arg(deadline), state.code]
        async with self._calling():
            created = await self._create(keys=keys, args=args)
        return bool(created)

    async def load(self, code: str) -> Stored | None:
        async with self._calling():
            raw = await self._client.hmget(self.room_key(code), ["state", "version"])
        state_json, version = raw
        if state_json is None or version is None:
            return None
        return Stored(RoomState.model_validate_json(state_json), int(version))

    async def save(
        self, stored: Stored, state: RoomState, events: list[Event], deadline: float | None
    ) -> bool:
        keys = [self.room_key(state.code), self.keys.timers_of(state.code)]
        payload = encode_events(events) if events else ""
        args = [
            str(stored.version),
            state.model_dump_json(),
            str(self._ttl),
            _deadline_arg(deadline),
            state.code,
            self.keys.channel(state.code),
            payload,
            self._publish,
        ]
        async with self._calling():
            result = await self._save(keys=keys, args=args)
        return int(result) > 0

    async def reschedule(self, stored: Stored, deadline: float | None) -> None:
        code = stored.state.code
        keys = [self.room_key(code), self.keys.timers_of(code)]
        async with self._calling():
            await self._reschedule(
                keys=keys, args=[str(stored.version), _deadline_arg(deadline), code]
            )

    async def claim_due(self, now: float, lease_s: float, limit: int) -> list[str]:
        args: list[str | int] = [repr(now), repr(now + lease_s), limit]
        found = await asyncio.gather(
            *(self._claim_from(timers, args) for timers in self.keys.all_timers())
        )
        return [
            code.decode() if isinstance(code, bytes) else str(code) for due in found for code in due
        ]

    async def _claim_from(self, timers: str, args: list[str | int]) -> list[bytes | str]:
        async with self._calling():
            due = await self._claim(keys=[timers], args=args)
        return list(due)

    async def forget(self, code: str) -> None:
        async with self._calling():
            await self._client.zrem(self.keys.timers_of(code), code)

    async def running_rooms(self) -> int:
        async with self._calling():
            counts = [await self._client.zcard(timers) for timers in self.keys.all_timers()]
        return sum(int(count) for count in counts)

    async def open_feed(self, deliver: Deliver, on_status: OnStatus) -> Feed:
        feed = RedisFeed(self._client, self.keys, deliver, on_status)
        feed.start()
        return feed

    async def close(self) -> None:
        return None
