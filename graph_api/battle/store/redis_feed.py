"""A worker's feed of room events from Redis: the rooms it serves, subscribed while in use.

One Redis: one pub/sub connection (``SUBSCRIBE``). A Redis Cluster: sharded pub/sub
(``SSUBSCRIBE``, Redis 7), one connection per master, each room's channel on the master that
owns its slot. A connection always holds one channel of its own (no room uses it), so it
stays subscribed between rooms.

After losing a connection (or being told a channel moved to another master) the feed
reconnects everything, reads the cluster's layout again, subscribes again and reports
``on_status(True)`` so the connections re-sync.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from typing import Any

import redis.asyncio as aioredis
import redis.exceptions
from redis.asyncio.cluster import ClusterNode, RedisCluster
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from graph_api.battle.store.redis_keys import RoomKeys
from graph_api.battle.store.room_store import Deliver, OnStatus, StoreUnavailable
from graph_api.observability.metrics import count_backend_error
from graph_api.redis_clients import REDIS_ERRORS, RedisClient

log = logging.getLogger(__name__)
CONNECT_WAIT_S = 2.0
CONFIRM_WAIT_S = 5.0


class ChannelMoved(redis.exceptions.ConnectionError):
    """The cluster moved a subscribed channel's slot to another master."""


@dataclass
class _Link:
    """One pub/sub connection (to the one Redis, or to one master of a cluster)."""

    pubsub: Any
    name: str = ""
    client: aioredis.Redis | None = None  # a cluster master's own client, closed with it
    channels: set[str] = field(default_factory=set)


class RedisFeed:
    """Per-room channels subscribed while a local connection is in the room."""

    def __init__(
        self, client: RedisClient, keys: RoomKeys, deliver: Deliver, on_status: OnStatus
    ) -> None:
        self._client = client
        self._keys = keys
        self._sharded = isinstance(client, RedisCluster)
        self._deliver = deliver
        self._on_status = on_status
        self._codes: dict[str, int] = {}
        self._confirmed: dict[str, asyncio.Event] = {}
        self._links: dict[str, _Link] = {}
        self._up = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._closing = False

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="battle-feed")

    async def subscribe(self, code: str) -> None:
        """Count one more user of the room's channel; return once Redis confirmed it."""
        channel = self._keys.channel(code)
        confirmed = self._confirmed.setdefault(channel, asyncio.Event())
        first = code not in self._codes
        self._codes[code] = self._codes.get(code, 0) + 1
        try:
            await asyncio.wait_for(self._up.wait(), timeout=CONNECT_WAIT_S)
            if not self._links:
                raise StoreUnavailable("the room store (Redis) is not reachable right now")
            if first:
                await self._send_subscribe(channel)
            await asyncio.wait_for(confirmed.wait(), timeout=CONFIRM_WAIT_S)
        except (StoreUnavailable, TimeoutError):
            await self.unsubscribe(code)
            raise StoreUnavailable("could not subscribe to the room's events") from None

    async def unsubscribe(self, code: str) -> None:
        left = self._codes.get(code, 0) - 1
        if left > 0:
            self._codes[code] = left
            return
        self._codes.pop(code, None)
        channel = self._keys.channel(code)
        self._confirmed.pop(channel, None)
        link = self._link_of(channel)
        if link is None or not self._up.is_set():
            return
        link.channels.discard(channel)
        with contextlib.suppress(*REDIS_ERRORS):
            if self._sharded:
                await link.pubsub.sunsubscribe(channel)
            else:
                await link.pubsub.unsubscribe(channel)

    async def close(self) -> None:
        self._closing = True
        if self._task is not None:
            self._task.cancel()
            # Bounded: a cancelled listener stuck in a Redis call must not hold up shutdown.
            await asyncio.wait({self._task}, timeout=5.0)
        await self._drop_links()

    # --- the connections -------------------------------------------------------------------

    async def _send_subscribe(self, channel: str) -> None:
        link = self._link_of(channel)
        if link is None:
            raise StoreUnavailable("the room store (Redis) is not reachable right now")
        link.channels.add(channel)
        try:
            if self._sharded:
                await link.pubsub.ssubscribe(channel)
            else:
                await link.pubsub.subscribe(channel)
        except REDIS_ERRORS as exc:
            count_backend_error("redis", exc)
            raise StoreUnavailable(f"the room store (Redis) is not reachable: {exc}") from exc

    def _link_of(self, channel: str) -> _Link | None:
        if not self._sharded:
            return self._links.get("")
        assert isinstance(self._client, RedisCluster)
        node = self._client.get_node_from_key(channel)
        return None if node is None else self._links.get(node.name)

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
                await self._read_all()
            except REDIS_ERRORS as exc:
                if not was_down:
                    log.warning("battle feed: lost Redis (%s); retrying", exc)
                    self._up.clear()
                    was_down = True
                    await self._on_status(False)
                await self._drop_links()
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 2.0)

    async def _connect(self) -> None:
        channels = [self._keys.channel(code) for code in self._codes]
        if isinstance(self._client, RedisCluster):
            # Read the cluster's layout again: masters and slots may have changed.
            await self._client.initialize()
            for node in self._client.get_primaries():
                self._links[node.name] = self._node_link(node)
            for link in self._links.values():
                link.channels.add(self._keepalive_channel(link.name))
            for channel in channels:
                found = self._link_of(channel)
                assert found is not None
                found.channels.add(channel)
            for link in self._links.values():
                # One channel per command: a master refuses channels of several slots at once.
                for channel in link.channels:
                    await link.pubsub.ssubscribe(channel)
        else:
            link = _Link(self._client.pubsub())
            link.channels = {self._keys.worker_channel(), *channels}
            self._links[""] = link
            await link.pubsub.subscribe(*link.channels)
        self._up.set()

    def _node_link(self, node: ClusterNode) -> _Link:
        # No retries inside the connection: a lost connection must reach _run, which
        # subscribes everything again, one slot at a time.
        kwargs = {**node.connection_kwargs, "retry": Retry(NoBackoff(), 0)}
        pool = aioredis.ConnectionPool(connection_class=node.connection_class, **kwargs)
        client = aioredis.Redis.from_pool(pool)
        return _Link(client.pubsub(), node.name, client)

    def _keepalive_channel(self, node_name: str) -> str:
        """A channel of this feed's own whose slot the given master owns."""
        assert isinstance(self._client, RedisCluster)
        for i in range(10_000):
            channel = self._keys.worker_channel(f"{{k{i}}}:")
            node = self._client.get_node_from_key(channel)
            if node is not None and node.name == node_name:
                return channel
        raise redis.exceptions.ConnectionError(f"no slot of the cluster is on {node_name}")

    async def _read_all(self) -> None:
        readers = [asyncio.create_task(self._read(link)) for link in self._links.values()]
        try:
            done, _ = await asyncio.wait(readers, return_when=asyncio.FIRST_EXCEPTION)
            for task in done:
                task.result()
        finally:
            for task in readers:
                task.cancel()
            await asyncio.gather(*readers, return_exceptions=True)

    async def _read(self, link: _Link) -> None:
        while not self._closing:
            message = await link.pubsub.get_message(timeout=1.0)
            if message is None:
                continue
            channel = message["channel"]
            channel = channel.decode() if isinstance(channel, bytes) else str(channel)
            kind = message["type"]
            if kind in ("message", "smessage"):
                data = message["data"]
                payload = data.decode() if isinstance(data, bytes) else str(data)
                self._deliver(self._keys.code_of(channel), payload)
            elif kind in ("subscribe", "ssubscribe"):
                confirmed = self._confirmed.get(channel)
                if confirmed is not None:
                    confirmed.set()
            elif kind == "sunsubscribe" and channel in link.channels:
                # Not asked for: the cluster moved the channel's slot to another master.
                raise ChannelMoved(f"the cluster moved {channel} to another master")

    async def _drop_links(self) -> None:
        links, self._links = self._links, {}
        for confirmed in self._confirmed.values():
            confirmed.clear()
        for link in links.values():
            with contextlib.suppress(*REDIS_ERRORS):
                await link.pubsub.aclose()
            if link.client is not None:
                with contextlib.suppress(*REDIS_ERRORS):
                    await link.client.aclose()
