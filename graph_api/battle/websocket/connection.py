"""One WebSocket in a room: the join handshake, then a receiver task and a sender task.

The receiver turns frames into service calls and never lets bad input through: binary,
oversized, malformed or too deeply nested frames, floods, unknown types, invalid fields and
rejected actions all get an error frame (:meth:`BattleConnection._report`, the one place an
exception becomes a frame). Before the join every error closes the socket (1008, or 1013
when the room store is down); after it, repeated abuse closes it (1008).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, NoReturn

from starlette.websockets import WebSocket, WebSocketDisconnect

from graph_api.battle.game.events import Rejected
from graph_api.battle.game.room_code import is_room_code
from graph_api.battle.game.state import PROTOCOL_VERSION, RoomState
from graph_api.battle.service.battle_service import RoomNotFound
from graph_api.battle.service.guesses import PlayerInput
from graph_api.battle.websocket import close_codes
from graph_api.battle.websocket.outbound import Outbound
from graph_api.battle.websocket.protocol import (
    ClientFrame,
    FrameError,
    GuessFrame,
    JoinFrame,
    LeaveFrame,
    PingFrame,
    ReadyFrame,
    StartFrame,
    error_frame,
    error_frame_for,
    parse_frame,
    welcome_frame,
)
from graph_api.errors import AppError, NotFound, Unavailable
from graph_api.observability.metrics import observe_guess_broadcast
from graph_api.settings import BattleSettings

if TYPE_CHECKING:
    from graph_api.battle.runtime import BattleRuntime
    from graph_api.battle.store.room_store import RoomStore

log = logging.getLogger(__name__)


class RoomLost(NotFound):
    """The room of a joined connection no longer exists."""

    code = "room_lost"


class Violation(FrameError):
    """A frame refused for its size or the rate; enough of them close the connection."""


@dataclass
class TokenBucket:
    """``rate`` frames per second with bursts of ``burst``."""

    rate: float
    burst: float
    tokens: float = -1.0
    updated: float = 0.0

    def take(self, now: float) -> bool:
        if self.tokens < 0:
            self.tokens, self.updated = self.burst, now
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class Closed(Exception):
    """The connection is being closed; stop reading."""


class BattleConnection:
    def __init__(self, runtime: BattleRuntime, websocket: WebSocket, code: str) -> None:
        self.runtime = runtime
        self.service = runtime.service
        self.limits: BattleSettings = runtime.settings
        self.ws = websocket
        self.code = code
        self.out = Outbound(websocket, partial(_room_state, runtime.service.store, code))
        self.bucket = TokenBucket(self.limits.rate_per_s, self.limits.rate_burst)
        self.violations = 0
        self.joined = False
        self.seat: int | None = None
        self.session: int | None = None
        self.attached = False

    async def run(self) -> None:
        await self.ws.accept()
        sender = asyncio.create_task(self.out.run())
        try:
            await self._serve()
        except Closed:
            pass
        except Exception:  # never let one socket take the worker down
            log.exception("battle connection in room %s failed", self.code)
            self.out.send(error_frame("internal_error", "the server failed on this connection"))
            self.out.close(close_codes.INTERNAL_ERROR, "internal error")
        finally:
            await self._cleanup(sender)

    async def _serve(self) -> None:
        try:
            await self._handshake()
        except AppError as exc:
            self._report(exc)
        self.joined = True
        while not self.out.closed:
            received = await self._receive()
            if received is None:
                return
            raw, received_at = received
            frame: ClientFrame | None = None
            try:
                frame = self._read(raw)
                await self._dispatch(frame, received_at)
            except AppError as exc:
                self._report(exc, frame.ref if frame is not None else None)

    def _report(self, exc: AppError, ref: str | None = None) -> None:
        """Tell the client why; close when the connection cannot go on (then raise Closed)."""
        if self.joined and isinstance(exc, RoomNotFound):
            exc = RoomLost("the room no longer exists")
        self.out.send(error_frame_for(exc, ref))
        close = self._close_code(exc)
        if close is not None:
            self.out.close(close, exc.code)
            raise Closed

    def _close_code(self, exc: AppError) -> int | None:
        if not self.joined:
            unavailable = isinstance(exc, Unavailable)
            return close_codes.TRY_AGAIN_LATER if unavailable else close_codes.POLICY_VIOLATION
        if isinstance(exc, RoomLost):
            return close_codes.ROOM_LOST
        if isinstance(exc, Violation) and self.violations >= self.limits.max_violations:
            return close_codes.POLICY_VIOLATION
        return None

    async def _receive(self) -> tuple[str | bytes, float] | None:
        """The next frame and when it arrived; None once the client has gone."""
        try:
            message = await self.ws.receive()
        except (WebSocketDisconnect, RuntimeError):
            return None
        received_at = time.time()
        raw = _payload(message)
        return None if raw is None else (raw, received_at)

    def _read(self, raw: str | bytes) -> ClientFrame:
        """The frame, or :class:`FrameError` (a :class:`Violation` for size and rate)."""
        size = len(raw) if isinstance(raw, bytes) else len(raw.encode(errors="replace"))
        if size > self.limits.max_frame_bytes:
            self._violation(
                "frame_too_large", f"frames are at most {self.limits.max_frame_bytes} bytes"
            )
        if self.joined and not self.bucket.take(time.monotonic()):
            self._violation("rate_limited", "too many frames; slow down")
        if isinstance(raw, bytes):
            raise FrameError("bad_frame", "frames are JSON text, not binary")
        return parse_frame(raw)

    def _violation(self, code: str, detail: str) -> NoReturn:
        self.violations += 1
        raise Violation(code, detail)

    async def _handshake(self) -> None:
        if not is_room_code(self.code):
            raise RoomNotFound("that is not a room code")
        try:
            async with asyncio.timeout(self.limits.join_timeout_s):
                received = await self._receive()
        except TimeoutError:
            raise FrameError("join_timeout", "send a join frame first") from None
        if received is None:
            raise Closed
        frame = self._read(received[0])
        if not isinstance(frame, JoinFrame):
            raise FrameError("join_first", "the first frame must be a join", frame.ref)
        if frame.v != PROTOCOL_VERSION:
            detail = f"this server speaks version {PROTOCOL_VERSION}"
            raise FrameError("unsupported_version", detail, frame.ref)
        await self._join(frame)

    async def _join(self, frame: JoinFrame) -> None:
        seat: int | None = None
        if frame.token is not None:
            seat = await self.service.authenticate(self.code, frame.token)
        else:
            await self.service.load(self.code)
        await self.runtime.hub.attach(self.code, self.out)
        self.attached = True
        token = None
        if frame.name is not None:
            seated = await self.service.add_player(self.code, frame.name, connected=True)
            seat, token, self.session = seated.seat, seated.token, seated.session
        elif seat is not None:
            applied = await self.service.connect(self.code, seat)
            found = applied.state.seat_of(seat)
            self.session = found.session if found else None
        self.seat = seat
        self.out.seat, self.out.session = seat, self.session
        role = "spectator" if seat is None else "player"
        self.out.send(welcome_frame(self.code, role, seat, self.session, token))
        self.out.resync()

    async def _dispatch(self, frame: ClientFrame, received_at: float) -> None:
        if isinstance(frame, PingFrame):
            self.out.send({"v": PROTOCOL_VERSION, "type": "pong", "ref": frame.ref})
            return
        if isinstance(frame, JoinFrame):
            raise Rejected("already_joined", "this connection has joined already")
        seat = self.seat
        if seat is None:
            raise Rejected("read_only", "spectators cannot act")
        if isinstance(frame, ReadyFrame):
            await self.service.ready(self.code, seat, frame.ready)
        elif isinstance(frame, StartFrame):
            await self.service.start(self.code, seat)
        elif isinstance(frame, GuessFrame):
            await self._guess(frame, seat, received_at)
        elif isinstance(frame, LeaveFrame):
            await self.service.leave(self.code, seat)
            self.seat = None
            self.out.close(close_codes.NORMAL, "left the room")
            raise Closed

    async def _guess(self, frame: GuessFrame, seat: int, received_at: float) -> None:
        if frame.chain is not None:
            answers = [answer.answer() for answer in frame.chain]
            await self.service.submit(self.code, seat, answers, received_at)
            observe_guess_broadcast("race", received_at)
        else:
            answer = PlayerInput(frame.player_id, frame.text)
            await self.service.guess(self.code, seat, answer, frame.turn, received_at)
            observe_guess_broadcast("chain", received_at)

    async def _cleanup(self, sender: asyncio.Task[None]) -> None:
        if self.attached:
            await self.runtime.hub.detach(self.code, self.out)
        if self.seat is not None and self.session is not None:
            with contextlib.suppress(Exception):
                await self.service.disconnect(self.code, self.seat, self.session)
        if not self.out.closed:
            self.out.close(close_codes.NORMAL, "bye")
        with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(sender, timeout=2.0)
        if not sender.done():
            sender.cancel()


async def _room_state(store: RoomStore, code: str) -> RoomState | None:
    """The room's state now (the outbound queue's loader; a function, not a method of the
    connection, so that connection and queue hold no reference cycle: closed, both are freed
    at once instead of waiting in the collector's older generations)."""
    stored = await store.load(code)
    return stored.state if stored else None


def _payload(message: Mapping[str, Any]) -> str | bytes | None:
    """A received message's text or bytes; None when it is the disconnect."""
    if message["type"] == "websocket.disconnect":
        return None
    text = message.get("text")
    if isinstance(text, str):
        return text
    data = message.get("bytes")
    return data if isinstance(data, bytes) else b""
