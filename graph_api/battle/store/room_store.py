"""Where rooms live: the :class:`RoomStore` protocol every store implements.

A store keeps each room's state with a version number. ``save`` is a compare-and-set: it
writes only if the version is still the one that was loaded, and in the same atomic step
sets the room's timer deadline and publishes the action's events on the room's feed, so
every subscriber sees the events of one room in the order the saves happened.

Timers: one deadline per room. ``claim_due`` hands each due room to exactly one caller and
pushes its deadline out by a lease; the claimer's next save (or ``reschedule``) sets the real
next deadline, and a claimer that dies lets the timer fire again after the lease.

:class:`redis_store.RedisRoomStore` is the multi-worker implementation,
:class:`memory_store.MemoryRoomStore` the single-process one.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from graph_api.battle.game.events import Event
from graph_api.battle.game.state import RoomState
from graph_api.errors import Unavailable

# deliver(room_code, payload): payload is the JSON list of the frames of one save.
Deliver = Callable[[str, str], None]
# on_status(up): the feed lost (False) or regained (True) its connection.
OnStatus = Callable[[bool], Awaitable[None]]


class StoreUnavailable(Unavailable):
    """The room store (Redis) cannot be reached right now."""

    code = "store_unavailable"


@dataclass(frozen=True)
class Stored:
    state: RoomState
    version: int


class Feed(Protocol):
    """A worker's subscription to the event feeds of the rooms it serves."""

    async def subscribe(self, code: str) -> None: ...

    async def unsubscribe(self, code: str) -> None: ...

    async def close(self) -> None: ...


class RoomStore(Protocol):
    async def create(self, state: RoomState, deadline: float | None) -> bool:
        """Store a new room; False if the code is taken."""
        ...

    async def load(self, code: str) -> Stored | None: ...

    async def save(
        self, stored: Stored, state: RoomState, events: list[Event], deadline: float | None
    ) -> bool:
        """Compare-and-set on ``stored.version``; False if someone else saved first."""
        ...

    async def reschedule(self, stored: Stored, deadline: float | None) -> None:
        """Set the timer of an unchanged room (only if it is still at ``stored.version``)."""
        ...

    async def claim_due(self, now: float, lease_s: float, limit: int) -> list[str]: ...

    async def forget(self, code: str) -> None:
        """Drop the timer of a room that no longer exists."""
        ...

    async def running_rooms(self) -> int:
        """Rooms with a timer set: a game under way or a seat in its grace period."""
        ...

    async def open_feed(self, deliver: Deliver, on_status: OnStatus) -> Feed: ...

    async def close(self) -> None: ...


def encode_events(events: list[Event]) -> str:
    return json.dumps([event.frame() for event in events], separators=(",", ":"))
