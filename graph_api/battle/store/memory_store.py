"""Rooms in this process only (one worker, tests): the :class:`RoomStore` semantics of the
Redis store without its TTL."""

from __future__ import annotations

import asyncio

from graph_api.battle.game.events import Event
from graph_api.battle.game.state import RoomState
from graph_api.battle.store.room_store import Deliver, Feed, OnStatus, Stored, encode_events


class _MemoryFeed:
    def __init__(self, store: MemoryRoomStore, deliver: Deliver) -> None:
        self._store = store
        self.deliver = deliver
        self.codes: dict[str, int] = {}

    async def subscribe(self, code: str) -> None:
        self.codes[code] = self.codes.get(code, 0) + 1

    async def unsubscribe(self, code: str) -> None:
        left = self.codes.get(code, 0) - 1
        if left > 0:
            self.codes[code] = left
        else:
            self.codes.pop(code, None)

    async def close(self) -> None:
        self._store.feeds.discard(self)


class MemoryRoomStore:
    """Rooms in this process only (one worker, tests). Same semantics as Redis, no TTL."""

    def __init__(self) -> None:
        self.rooms: dict[str, tuple[str, int]] = {}
        self.deadlines: dict[str, float] = {}
        self.feeds: set[_MemoryFeed] = set()
        self.conflicts = 0

    async def create(self, state: RoomState, deadline: float | None) -> bool:
        if state.code in self.rooms:
            return False
        self.rooms[state.code] = (state.model_dump_json(), 1)
        self._set_deadline(state.code, deadline)
        return True

    async def load(self, code: str) -> Stored | None:
        found = self.rooms.get(code)
        await asyncio.sleep(0)  # like any real store, other tasks run before the answer arrives
        if found is None:
            return None
        return Stored(RoomState.model_validate_json(found[0]), found[1])

    async def save(
        self, stored: Stored, state: RoomState, events: list[Event], deadline: float | None
    ) -> bool:
        current = self.rooms.get(state.code)
        if current is None or current[1] != stored.version:
            self.conflicts += 1
            return False
        self.rooms[state.code] = (state.model_dump_json(), stored.version + 1)
        self._set_deadline(state.code, deadline)
        if events:
            payload = encode_events(events)
            for feed in list(self.feeds):
                if state.code in feed.codes:
                    feed.deliver(state.code, payload)
        return True

    async def reschedule(self, stored: Stored, deadline: float | None) -> None:
        current = self.rooms.get(stored.state.code)
        if current is None:
            self.deadlines.pop(stored.state.code, None)
        elif current[1] == stored.version:
            self._set_deadline(stored.state.code, deadline)

    async def claim_due(self, now: float, lease_s: float, limit: int) -> list[str]:
        due = sorted((d, code) for code, d in self.deadlines.items() if d <= now)[:limit]
        for _, code in due:
            self.deadlines[code] = now + lease_s
        return [code for _, code in due]

    async def forget(self, code: str) -> None:
        self.deadlines.pop(code, None)

    async def running_rooms(self) -> int:
        return len(self.deadlines)

    async def open_feed(self, deliver: Deliver, on_status: OnStatus) -> Feed:
        feed = _MemoryFeed(self, deliver)
        self.feeds.add(feed)
        return feed

    async def close(self) -> None:
        self.feeds.clear()

    def _set_deadline(self, code: str, deadline: float | None) -> None:
        if deadline is None:
            self.deadlines.pop(code, None)
        else:
            self.deadlines[code] = deadline
