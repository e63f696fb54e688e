"""The Redis room store: state + version with compare-and-set in Lua, pub/sub fan-out, TTL.

Every Redis error becomes :class:`StoreUnavailable` so callers can tell clients clearly; the
client reconnects by itself on the next command once Redis is back. The feed keeps one
pub/sub connection per worker, subscribes per room, and after losing its connection it
reconnects, subscribes again and reports ``on_status(True)`` so connections re-sync.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import redis.asyncio as aioredis
import redis.exceptions
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff

from graph_api.battle.game.events import Event
from graph_api.battle.game.state import RoomState
from graph_api.battle.store import redis_scripts
from graph_api.battle.store.room_store import (
    Deliver,
    Feed,
    OnStatus,
    Stored,
    StoreUnavailable,
    encode_events,
)
from graph_api.observability.metrics import count_backend_error

log = logging.getLogger(__name__)
DEFAULT_PREFIX = "puckpath:battle:"
REDIS_ERRORS = (redis.exceptions.RedisError, OSError)
CONNECT_WAIT_S = 2.0


def battle_redis(url: str, max_connections: int = 64) -> aioredis.Redis:
    """A client with a bounded pool (a burst of actions waits for a connection instead of
    opening hundreds) that fails fast while Redis is down and reconnects once it is back."""
    pool = aioredis.BlockingConnectionPool.from_url(
        url,
        max_connections=max_connections,
        timeout=5.0,
        socket_connect_timeout=2.0,
        socket_timeout=5.0,
        health_check_interval=5,
        retry=Retry(ExponentialBackoff(cap=0.1, base=0.02), 1),
    )
    return aioredis.Redis.from_pool(pool)


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

    def __init__(self, client: aioredis.Redis, ttl_s: int, prefix: str = DEFAULT_PREFIX):
        self._client = client
        self._ttl = ttl_s
        self._prefix = prefix
        self._timers = f"{prefix}timers"
        self._create = client.register_script(redis_scripts.CREATE)
        self._save = client.register_script(redis_scripts.SAVE)
        self._reschedule = client.register_script(redis_scripts.RESCHEDULE)
        self._claim = client.register_script(redis_scripts.CLAIM_DUE)

    def room_key(self, code: str) -> str:
        return f"{self._prefix}room:{code}"

    def channel(self, code: str) -> str:
        return f"{self._prefix}room:{code}:events"

    def code_of(self, channel: str) -> str:
        return channel.removeprefix(f"{self._prefix}room:").removesuffix(":events")

    async def create(self, state: RoomState, deadline: float | None) -> bool:
        keys = [self.room_key(state.code), self._timers]
        args = [state.model_dump_json(), str(self._ttl), _deadline_arg(deadline), state.code]
        async with _translated():
            created = await self._create(keys=keys, args=args)
        return bool(created)

    async def load(self, code: str) -> Stored | None:
        async with _translated():
            raw = await self._client.hmget(self.room_key(code), ["state", "version"])
        state_json, version = raw
        if state_json is None or version is None:
            return None
        return Stored(RoomState.model_validate_json(state_json), int(version))

    async def save(
        self, stored: Stored, state: RoomState, events: list[Event], deadline: float | None
    ) -> bool:
        keys = [self.room_key(state.code), self._timers]
        payload = encode_events(events) if events else ""
        args = [
            str(stored.version),
            state.model_dump_json(),
            str(self._ttl),
            _deadline_arg(deadline),
            state.code,
            self.channel(state.code),
            payload,
        ]
        async with _translated():
            result = await self._save(keys=keys, args=args)
        return int(result) > 0

    async def reschedule(self, stored: Stored, deadline: float | None) -> None:
        code = stored.state.code
        keys = [self.room_key(code), self._timers]
        async with _translated():
            await self._reschedule(
                keys=keys, args=[str(stored.version), _deadline_arg(deadline), code]
            )

    async def claim_due(self, now: float, lease_s: float, limit: int) -> list[str]:
        async with _translated():
            due = await self._claim(
                keys=[self._timers], args=[repr(now), repr(now + lease_s), limit]
            )
        return [code.decode() if isinstance(code, bytes) else str(code) for code in due]

    async def forget(self, code: str) -> None:
        async with _translated():
            await self._client.zrem(self._timers, code)

    async def running_rooms(self) -> int:
        async with _translated():
            return int(await self._client.zcard(self._timers))

    async def open_feed(self, deliver: Deliver, on_status: OnStatus) -> Feed:
        feed = RedisFeed(self._client, self, deliver, on_status)
        feed.start()
        return feed

    async def close(self) -> None:
        return None


class RedisFeed:
    """One pub/sub connection per worker; per-room channels subscribed while in use."""

    def __init__(
        self, client: aioredis.Redis, store: RedisRoomStore, deliver: Deliver, on_status: OnStatus
    ) -> None:
        self._client = client
        self._store = store
        self._deliver = deliver
        self._on_status = on_status
        self._codes: dict[str, int] = {}
        self._confirmed: dict[str, asyncio.Event] = {}
        self._pubsub: Any = None
        self._up = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._closing = False

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="battle-feed")

    async def subscribe(self, code: str) -> None:
        """Count one more user of the room's channel; return once Redis confirmed it."""
        channel = self._store.channel(code)
        confirmed = self._confirmed.setdefault(channel, asyncio.Event())
        first = code not in self._codes
        self._codes[code] = self._codes.get(code, 0) + 1
        try:
            await asyncio.wait_for(self._up.wait(), timeout=CONNECT_WAIT_S)
            if self._pubsub is None:
                raise StoreUnavailable("the room store (Redis) is not reachable right now")
            if first:
                async with _translated():
                    await self._pubsub.subscribe(channel)
            await asyncio.wait_for(confirmed.wait(), timeout=5.0)
        except (StoreUnavailable, TimeoutError):
            await self.unsubscribe(code)
            raise StoreUnavailable("could not subscribe to the room's events") from None

    async def unsubscribe(self, code: str) -> None:
        left = self._codes.get(code, 0) - 1
        if left > 0:
            self._codes[code] = left
            return
        self._codes.pop(code, None)
        channel = self._store.channel(code)
        self._confirmed.pop(channel, None)
        if self._pubsub is not None and self._up.is_set():
            with contextlib.suppress(*REDIS_ERRORS):
                await self._pubsub.unsubscribe(channel)

    async def close(self) -> None:
        self._closing = True
        if self._task is not None:
            self._task.cancel()
            # Bounded: a cancelled listener stuck in a Redis call must not hold up shutdown.
            await asyncio.wait({self._task}, timeout=5.0)
        await self._drop_pubsub()

    async def _run(self) -> None:
        backoff = 0.1
        was_down = False
        while not self._closing:
            try:
                await self._connect()
                if was_down:
                    log.warning("battle feed: Redis is back, re-syncing rooms")
                    await self._on_status(True)
                was_down = False
                backoff = 0.1
                await self._read_forever()
            except REDIS_ERRORS as exc:
                if not was_down:
                    log.warning("battle feed: lost Redis (%s); retrying", exc)
                    self._up.clear()
                    was_down = True
                    await self._on_status(False)
                await self._drop_pubsub()
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 2.0)

    async def _connect(self) -> None:
        pubsub = self._client.pubsub()
        self._pubsub = pubsub
        channels = [self._store.channel(code) for code in self._codes]
        await pubsub.subscribe(f"{self._store.channel('_worker')}", *channels)
        self._up.set()

    async def _read_forever(self) -> None:
        while not self._closing:
            message = await self._pubsub.get_message(timeout=1.0)
            if message is None:
                continue
            channel = message["channel"]
            channel = channel.decode() if isinstance(channel, bytes) else channel
            kind = message["type"]
            if kind == "subscribe":
                confirmed = self._confirmed.get(channel)
                if confirmed is not None:
                    confirmed.set()
            elif kind == "message":
                data = message["data"]
                payload = data.decode() if isinstance(data, bytes) else str(data)
                self._deliver(self._store.code_of(channel), payload)

    async def _drop_pubsub(self) -> None:
        pubsub, self._pubsub = self._pubsub, None
        for confirmed in self._confirmed.values():
            confirmed.clear()
        if pubsub is not None:
            with contextlib.suppress(*REDIS_ERRORS):
                await pubsub.aclose()
