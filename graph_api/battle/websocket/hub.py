"""This worker's live connections, by room, fed by the store's event feed.

The hub subscribes to a room's feed while at least one local connection is in the room,
and hands every published batch of event frames to each of them. When the feed loses its
connection the hub tells every connection; when it is back, every connection re-syncs.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from dataclasses import dataclass
from typing import Any, Protocol

from graph_api.battle.store.room_store import Feed, RoomStore

log = logging.getLogger(__name__)
_DECODER = json.JSONDecoder()


@dataclass(frozen=True)
class EncodedFrame:
    """An event frame as data (to inspect) and as text (encoded once per worker)."""

    data: dict[str, Any]
    text: str


class Listener(Protocol):
    def push_events(self, frames: list[EncodedFrame]) -> None: ...

    def store_status(self, up: bool) -> None: ...

    def server_restarting(self) -> None: ...


class Hub:
    def __init__(self) -> None:
        self._rooms: dict[str, set[Listener]] = {}
        self._feed: Feed | None = None
        self._emptied = asyncio.Event()

    async def open(self, store: RoomStore) -> None:
        self._feed = await store.open_feed(self._deliver, self._on_status)

    async def close(self) -> None:
        if self._feed is not None:
            await self._feed.close()
            self._feed = None

    @property
    def connections(self) -> int:
        return sum(len(listeners) for listeners in self._rooms.values())

    async def attach(self, code: str, listener: Listener) -> None:
        assert self._feed is not None, "the hub is not open"
        self._rooms.setdefault(code, set()).add(listener)
        try:
            await self._feed.subscribe(code)
        except BaseException:
            self._forget(code, listener)
            raise

    async def detach(self, code: str, listener: Listener) -> None:
        if self._forget(code, listener) and self._feed is not None:
            await self._feed.unsubscribe(code)

    def _forget(self, code: str, listener: Listener) -> bool:
        listeners = self._rooms.get(code)
        if listeners is None or listener not in listeners:
            return False
        listeners.discard(listener)
        if not listeners:
            del self._rooms[code]
            if not self._rooms:
                self._emptied.set()
        return True

    async def announce_restart(self, wait_s: float) -> None:
        """This worker is shutting down: every live connection is told so and closed; wait
        (at most ``wait_s``) until they have gone."""
        for listeners in list(self._rooms.values()):
            for listener in list(listeners):
                listener.server_restarting()
        if self._rooms:
            self._emptied.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._emptied.wait(), wait_s)

    def _deliver(self, code: str, payload: str) -> None:
        listeners = self._rooms.get(code)
        if not listeners:
            return
        try:
            frames = split_frames(payload)
        except ValueError:
            log.error("room %s: unreadable event payload dropped", code)
            return
        for listener in list(listeners):
            listener.push_events(frames)

    async def _on_status(self, up: bool) -> None:
        for listeners in list(self._rooms.values()):
            for listener in list(listeners):
                listener.store_status(up)


def split_frames(payload: str) -> list[EncodedFrame]:
    """The frames of a published batch (a JSON array of objects), each with its own text cut
    out of the payload: the publisher encoded every frame compactly once
    (:func:`~graph_api.battle.store.room_store.encode_events`), so no worker encodes it again.
    A payload in another layout is decoded and its frames encoded here; ValueError when it is
    not a JSON array of objects."""
    try:
        return _cut(payload)
    except ValueError:
        decoded = json.loads(payload)
    if not isinstance(decoded, list) or not all(isinstance(f, dict) for f in decoded):
        raise ValueError("not a JSON array of objects")
    return [EncodedFrame(f, json.dumps(f, separators=(",", ":"))) for f in decoded]


def _cut(payload: str) -> list[EncodedFrame]:
    """The compact layout's frames, or ValueError for anything else."""
    if payload == "[]":
        return []
    if not payload.startswith("["):
        raise ValueError("not a compact array of objects")
    frames: list[EncodedFrame] = []
    at, last = 1, len(payload) - 1
    while True:
        frame, end = _DECODER.raw_decode(payload, at)
        if not isinstance(frame, dict) or end > last:
            raise ValueError("not a compact array of objects")
        frames.append(EncodedFrame(frame, payload[at:end]))
        if payload[end] == "]" and end == last:
            return frames
        if payload[end] != ",":
            raise ValueError("not a compact array of objects")
        at = end + 1
