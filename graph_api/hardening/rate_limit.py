"""Per-client-address limits, shared by every worker through Redis.

Two are built by the composition root (``graph_api/services.py``, which also closes the pool):
seat-issuing requests (each address may create and join rooms at most
``SECURITY_ROOM_RATE_LIMIT`` times, creating and joining counted apart) and daily puzzle
attempts (``SECURITY_DAILY_ATTEMPT_RATE_LIMIT`` chains per address, whatever anonymous ids it
sends them under). Limits are in the `limits` library's notation, e.g. ``10/minute`` or
``10/minute;60/hour``. The counters live in Redis, in the composition root's pool, so every
worker shares them; beyond the limit the answer is 429 ``rate_limited`` with ``Retry-After``.
If the counters cannot be reached the request is let through (the store behind the request
answers for itself).
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from typing import Any

import redis.asyncio as aioredis
from fastapi import Request
from limits import RateLimitItem, parse_many
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from limits.storage import storage_from_string

from graph_api.errors import TooManyRequests
from graph_api.observability.metrics import count_backend_error, metrics
from graph_api.redis_clients import RedisClient

log = logging.getLogger(__name__)
KEY_PREFIX = "puckpath:limits"


SEATS = "requests to {action} rooms"
DAILY_ATTEMPTS = "daily puzzle attempts"


def client_address(request: Request) -> str:
    """The address a limit counts a request against."""
    return request.client.host if request.client else "unknown"


class AddressRateLimit:
    """A per-client-address limit on some requests, shared by every worker."""

    def __init__(
        self,
        limit: str,
        redis: RedisClient | None,
        *,
        counted: str = SEATS,
        cluster_url: str | None = None,
    ) -> None:
        """``counted`` names what is counted in the 429's detail (``{action}``: the action
        checked). ``redis``: the composition root's pool (its connections are shared, and closed
        with it); on a Redis Cluster (``cluster_url``: REDIS_URL with REDIS_CLUSTER=true) the
        library's own cluster client; None keeps the counters in this process
        (BATTLE_STORE=memory, tests)."""
        self.items: list[RateLimitItem] = parse_many(limit)
        self.counted = counted
        # A cluster client that connects to its masters from many requests at once fails now
        # and then in redis-py 8.1 (AttributeError, not a storage error): the first request
        # connects it alone (graph_api/battle/store/redis_store.py does the same).
        self._connected = cluster_url is None
        self._connecting = asyncio.Lock()
        if cluster_url is not None:
            # limits names a cluster by its scheme: async+redis+cluster://host:port
            node = cluster_url.partition("://")[2].split("/")[0]
            storage = storage_from_string(
                f"async+redis+cluster://{node}",
                implementation="redispy",
                key_prefix=KEY_PREFIX,
                wrap_exceptions=True,
            )
            assert isinstance(storage, Storage)  # an async+ scheme gives an asyncio storage
            self.storage: Storage = storage
        elif isinstance(redis, aioredis.Redis):
            shared: dict[str, Any] = {"connection_pool": redis.connection_pool}
            self.storage = RedisStorage(
                "async+redis://",
                implementation="redispy",
                key_prefix=KEY_PREFIX,
                wrap_exceptions=True,
                **shared,
            )
        else:
            self.storage = MemoryStorage()
        self.limiter = MovingWindowRateLimiter(self.storage)

    async def check(self, action: str, client: str) -> None:
        """Count one ``action`` by ``client``; TooManyRequests beyond the limit."""
        try:
            if not self._connected:
                async with self._connecting:
                    if not self._connected:
                        await self.storage.check()
                        self._connected = True
            for item in self.items:
                if not await self.limiter.hit(item, action, client):
                    stats = await self.limiter.get_window_stats(item, action, client)
                    retry_after = max(1, math.ceil(stats.reset_time - time.time()))
                    metrics().rate_limited.labels(action).inc()
                    counted = self.counted.format(action=action)
                    raise TooManyRequests(
                        f"too many {counted} from this address; try again in {retry_after} s",
                        retry_after,
                    )
        except StorageError as exc:
            count_backend_error("redis", exc)
            log.warning("rate limit counters unavailable, letting the request through: %s", exc)
