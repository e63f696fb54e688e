"""The sending half of one WebSocket: a queue drained by one task, in order.

Room events arrive from the hub in batches; the sender passes each event on exactly once and
in ``seq`` order. Events that come before the first snapshot wait for it; an event already
covered by the last snapshot is dropped; a gap (a lost message) triggers a fresh snapshot.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.websockets import WebSocket, WebSocketDisconnect

from graph_api.battle.game.state import RoomState
from graph_api.battle.store.room_store import StoreUnavailable
from graph_api.battle.websocket import close_codes
from graph_api.battle.websocket.hub import EncodedFrame
from graph_api.battle.websocket.protocol import error_frame, error_frame_for, snapshot_frame

log = logging.getLogger(__name__)
MAX_QUEUE = 2000
# load() -> the room now, or None when it no longer exists; StoreUnavailable when unknown.
Loader = Callable[[], Awaitable[RoomState | None]]


class Outbound:
    def __init__(self, websocket: WebSocket, load: Loader) -> None:
        self._ws = websocket
        self._load = load
        self._queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        self._last_seq: int | None = None
        self._early: list[EncodedFrame] = []
        self.seat: int | None = None
        self.session: int | None = None
        self.closed = False
        self._overflowed = False
        self.sent = 0

    # --- called from anywhere in the worker ---------------------------------------------------

    def push_events(self, frames: list[EncodedFrame]) -> None:
        self._put("events", frames)

    def send(self, frame: dict[str, Any]) -> None:
        self._put("frame", frame)

    def resync(self) -> None:
        self._put("resync", None)

    def close(self, code: int, reason: str) -> None:
        self._put("close", (code, reason))

    def store_status(self, up: bool) -> None:
        if up:
            self.resync()
        else:
            lost = "the server lost its room store (Redis); the room re-syncs when it is back"
            self.send(error_frame_for(StoreUnavailable(lost)))

    def server_restarting(self) -> None:
        restarting = "this server is restarting; reconnect with your token to keep your seat"
        self.send(error_frame("server_restarting", restarting))
        self.close(close_codes.SERVER_RESTARTING, "server restarting")

    def _put(self, kind: str, item: Any) -> None:
        if self._queue.qsize() >= MAX_QUEUE and kind != "close":
            if self._overflowed:
                return
            self._overflowed = True
            too_slow = error_frame("too_slow", "the client reads too slowly; reconnect")
            self._queue.put_nowait(("frame", too_slow))
            self._queue.put_nowait(("close", (close_codes.TRY_AGAIN_LATER, "too_slow")))
            return
        self._queue.put_nowait((kind, item))

    # --- the sender task -----------------------------------------------------------------------

    async def run(self) -> None:
        """Send until a close is queued; any send error ends the task quietly."""
        try:
            while not self.closed:
                kind, item = await self._queue.get()
                if kind == "frame":
                    await self._send(item)
                elif kind == "events":
                    for frame in item:
                        await self._event(frame)
                elif kind == "resync":
                    await self._resync()
                elif kind == "close":
                    await self._close(*item)
        except (RuntimeError, OSError, WebSocketDisconnect) as exc:  # the socket is gone
            log.debug("sender stopped: %s", exc)
            self.closed = True
        except Exception:  # never leave a socket half-alive: close it, log why
            log.exception("sender failed")
            self.closed = True
            with contextlib.suppress(Exception):
                await self._send(error_frame("internal_error", "the server failed to send"))
                await self._ws.close(close_codes.INTERNAL_ERROR, "internal error")

    async def _send(self, frame: dict[str, Any]) -> None:
        await self._ws.send_text(json.dumps(frame, separators=(",", ":")))
        self.sent += 1

    async def _close(self, code: int, reason: str) -> None:
        self.closed = True
        await self._ws.close(code, reason)

    async def _event(self, encoded: EncodedFrame) -> None:
        frame = encoded.data
        seq = frame.get("seq")
        if not isinstance(seq, int):
            return
        if self._last_seq is None:
            self._early.append(encoded)
            return
        if seq <= self._last_seq:
            return
        if seq > self._last_seq + 1:
            await self._resync()
            return
        await self._ws.send_text(encoded.text)
        self.sent += 1
        self._last_seq = seq
        self._watch(frame)

    def _watch(self, frame: dict[str, Any]) -> None:
        """Close this socket when a newer connection took over its seat."""
        if (
            frame["type"] == "presence"
            and self.seat is not None
            and frame.get("seat") == self.seat
            and frame.get("connected")
            and isinstance(frame.get("session"), int)
            and self.session is not None
            and frame["session"] > self.session
        ):
            self.send(error_frame("replaced", "this seat connected again elsewhere"))
            self.close(close_codes.REPLACED, "replaced by a newer connection")

    async def _resync(self) -> None:
        try:
            state = await self._load()
        except StoreUnavailable as exc:
            await self._send(error_frame_for(exc))
            return
        if state is None:
            await self._send(error_frame("room_lost", "the room no longer exists"))
            await self._close(close_codes.ROOM_LOST, "room lost")
            return
        await self._send(snapshot_frame(state))
        self._last_seq = state.seq
        early, self._early = self._early, []
        for encoded in sorted(early, key=lambda f: int(f.data["seq"])):
            await self._event(encoded)
