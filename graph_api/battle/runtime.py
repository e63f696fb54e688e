"""Everything a worker needs for battles, started and stopped with the app."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff

from graph_api.battle.hub import Hub
from graph_api.battle.redis_store import RedisRoomStore
from graph_api.battle.referee import Referee
from graph_api.battle.service import BattleService, Clock
from graph_api.battle.state import RoomRules
from graph_api.battle.store import MemoryRoomStore, RoomStore
from graph_api.battle.timers import TimerLoop
from graph_api.errors import Unavailable
from graph_api.settings import BattleSettings, Settings

log = logging.getLogger(__name__)


def default_rules(settings: BattleSettings) -> RoomRules:
    return RoomRules(
        turn_seconds=settings.turn_seconds,
        race_seconds=settings.race_seconds,
        lives=settings.lives,
        hub_limit=settings.hub_limit,
        max_players=settings.max_players,
    )


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


STOP_WAIT_S = 5.0


class BattleRuntime:
    def __init__(
        self,
        settings: BattleSettings,
        store: RoomStore,
        referee: Referee,
        clock: Clock = time.time,
        redis_client: aioredis.Redis | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.hub = Hub()
        self.service = BattleService(
            store, referee, default_rules(settings), settings.grace_seconds, clock
        )
        self.timers = TimerLoop(
            store, self.service, settings.timer_poll_s, settings.timer_lease_s, clock
        )
        self._redis = redis_client
        self._timer_task: asyncio.Task[None] | None = None

    @classmethod
    def build(cls, settings: Settings, referee: Referee) -> BattleRuntime:
        battle = settings.battle
        if battle.store == "memory":
            return cls(battle, MemoryRoomStore(), referee)
        if not settings.redis.url:
            raise Unavailable("battles need Redis: set REDIS_URL (or BATTLE_STORE=memory)")
        client = battle_redis(settings.redis.url, battle.redis_connections)
        store = RedisRoomStore(client, battle.room_ttl_s, battle.redis_prefix)
        return cls(battle, store, referee, redis_client=client)

    async def start(self) -> None:
        await self.hub.open(self.store)
        self._timer_task = asyncio.create_task(self.timers.run(), name="battle-timers")

    async def stop(self) -> None:
        if self._timer_task is not None:
            self._timer_task.cancel()
            # Bounded: a cancelled task stuck in a Redis call must not hold up shutdown.
            await asyncio.wait({self._timer_task}, timeout=STOP_WAIT_S)
        await self.hub.close()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.service.drain(), timeout=5.0)
        await self.store.close()
        if self._redis is not None:
            await self._redis.aclose()
