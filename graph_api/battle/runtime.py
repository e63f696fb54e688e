"""Everything a worker needs for battles: the store, the service, the hub of live sockets
and the timer loop. The app's composition root builds it (:meth:`BattleRuntime.build`) and
starts and stops it with the app."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from graph_api.battle.game.rules import RoomRules
from graph_api.battle.service.battle_service import BattleService, Clock
from graph_api.battle.service.oracle import GraphOracle
from graph_api.battle.store.memory_store import MemoryRoomStore
from graph_api.battle.store.redis_store import RedisRoomStore
from graph_api.battle.store.room_store import RoomStore
from graph_api.battle.store.timers import TimerLoop
from graph_api.battle.websocket.hub import Hub
from graph_api.redis_clients import RedisClient
from graph_api.settings import BattleSettings

log = logging.getLogger(__name__)


def default_rules(settings: BattleSettings) -> RoomRules:
    return RoomRules(
        turn_seconds=settings.turn_seconds,
        race_seconds=settings.race_seconds,
        lives=settings.lives,
        hub_limit=settings.hub_limit,
        max_players=settings.max_players,
    )


STOP_WAIT_S = 5.0


class BattleRuntime:
    def __init__(
        self,
        settings: BattleSettings,
        store: RoomStore,
        oracle: GraphOracle,
        clock: Clock = time.time,
    ) -> None:
        self.settings = settings
        self.store = store
        self.hub = Hub()
        self.service = BattleService(
            store, oracle, default_rules(settings), settings.grace_seconds, clock
        )
        self.timers = TimerLoop(
            store, self.service.on_timer, settings.timer_poll_s, settings.timer_lease_s, clock
        )
        self._timer_task: asyncio.Task[None] | None = None

    @classmethod
    def build(
        cls, settings: BattleSettings, oracle: GraphOracle, redis: RedisClient | None
    ) -> BattleRuntime:
        """Rooms in Redis through the given pool (the composition root owns and closes it),
        or in this process when there is none (``BATTLE_STORE=memory``)."""
        if redis is None:
            return cls(settings, MemoryRoomStore(), oracle)
        return cls(
            settings,
            RedisRoomStore(
                redis, settings.room_ttl_s, settings.redis_prefix, settings.redis_connections
            ),
            oracle,
        )

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
