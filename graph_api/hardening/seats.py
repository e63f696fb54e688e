"""Answers that hand out a seat token: never cached, and rate-limited per client.

``POST /battles`` and ``POST /battles/{code}/players`` carry a seat token, so they are sent
with ``Cache-Control: no-store``. Each client address may create and join rooms at most
``SECURITY_ROOM_RATE_LIMIT`` times (the `limits` library's notation, e.g. ``10/minute`` or
``10/minute;60/hour``; creating and joining are counted apart). The counters live in Redis,
so every worker shares them; beyond the limit the answer is 429 ``rate_limited`` with
``Retry-After``. If the counters cannot be reached the request is let through (the room
store answers for itself).
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Depends, Request, Response
from limits import RateLimitItem, parse_many
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from limits.storage import storage_from_string

from graph_api.errors import TooManyRequests
from graph_api.observability.metrics import count_backend_error, metrics
from graph_api.routes.responses import error_response

log = logging.getLogger(__name__)
NO_STORE = "no-store"
KEY_PREFIX = "puckpath:limits"


class SeatRateLimit:
    """The per-client limit on seat-issuing requests, shared by every worker."""

    def __init__(self, limit: str, redis_url: str | None, *, cluster: bool = False) -> None:
        self.items: list[RateLimitItem] = parse_many(limit)
        if redis_url:
            # limits names a cluster by its scheme: async+redis+cluster://host:port
            node = redis_url.partition("://")[2].split("/")[0]
            uri = f"async+redis+cluster://{node}" if cluster else f"async+{redis_url}"
            storage = storage_from_string(
                uri, implementation="redispy", key_prefix=KEY_PREFIX, wrap_exceptions=True
            )
            assert isinstance(storage, Storage)  # an async+ scheme gives an asyncio storage
            self.storage: Storage = storage
        else:  # one process (tests, BATTLE_STORE=memory without Redis)
            self.storage = MemoryStorage()
        self.limiter = MovingWindowRateLimiter(self.storage)
        # A cluster client that connects to its masters from many requests at once fails now
        # and then in redis-py 8.1 (AttributeError, not a storage error): the first request
        # connects it alone (graph_api/battle/store/redis_store.py does the same).
        self._connected = not cluster
        self._connecting = asyncio.Lock()

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
                    raise TooManyRequests(
                        f"too many requests to {action} rooms from this address; try "
                        f"again in {retry_after} s",
                        retry_after,
                    )
        except StorageError as exc:
            count_backend_error("redis", exc)
            log.warning("rate limit counters unavailable, letting the request through: %s", exc)


# The statuses these routes add, for their OpenAPI ``responses``.
SEAT_ERRORS: dict[int | str, dict[str, Any]] = {
    413: error_response(
        "The request body is larger than SECURITY_MAX_BODY_BYTES",
        "payload_too_large",
        "request bodies are at most 65536 bytes",
    ),
    429: {
        **error_response(
            "This address created or joined too many rooms (SECURITY_ROOM_RATE_LIMIT)",
            "rate_limited",
            "too many requests to create rooms from this address; try again in 42 s",
        ),
        "headers": {
            "Retry-After": {
                "description": "Seconds to wait before trying again",
                "schema": {"type": "integer"},
            }
        },
    },
}


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def seat_issuing(action: str) -> list[Any]:
    """Route dependencies of a request that hands out a seat token (create or join)."""

    async def guard(request: Request, response: Response) -> None:
        response.headers["Cache-Control"] = NO_STORE
        # create_app installs the limit; an app that mounts the battle routes alone has none.
        limit: SeatRateLimit | None = getattr(request.app.state, "seat_rate_limit", None)
        if limit is not None:
            await limit.check(action, _client(request))

    dependency: Callable[..., Coroutine[Any, Any, None]] = guard
    return [Depends(dependency)]
