"""Each worker's timer loop: claim due room timers (each goes to exactly one worker) and
hand each to ``on_due`` (the service, which ticks the room or publishes a finished game's
result)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from graph_api.battle.store.room_store import RoomStore, StoreUnavailable

log = logging.getLogger(__name__)
CLAIM_BATCH = 100
OnDue = Callable[[str], Awaitable[None]]


class TimerLoop:
    def __init__(
        self,
        store: RoomStore,
        on_due: OnDue,
        poll_s: float,
        lease_s: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._store = store
        self._on_due = on_due
        self._poll_s = poll_s
        self._lease_s = lease_s
        self._clock = clock
        self._running: set[asyncio.Task[None]] = set()
        self.fired = 0

    async def run(self) -> None:
        while True:
            try:
                due = await self._store.claim_due(self._clock(), self._lease_s, CLAIM_BATCH)
            except StoreUnavailable:
                await asyncio.sleep(max(self._poll_s, 0.5))
                continue
            for code in due:
                task = asyncio.create_task(self._fire(code))
                self._running.add(task)
                task.add_done_callback(self._running.discard)
            await asyncio.sleep(self._poll_s)

    async def _fire(self, code: str) -> None:
        self.fired += 1
        try:
            await self._on_due(code)
        except Exception as exc:  # the lease makes the timer fire again later
            log.warning("timer of room %s failed: %s", code, exc)
