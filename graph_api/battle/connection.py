"""One WebSocket in a room: the join handshake, then a receiver task and a sender task.

The receiver turns frames into service calls and never lets bad input through: oversized
frames, floods, malformed JSON, unknown types, invalid fields and rejected actions all get
an error frame; repeated abuse, a bad token or a missing join get a policy close (1008).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

from starlette.websockets import WebSocket, WebSocketDisconnect

from graph_api.battle.events import Rejected
from graph_api.battle.guesses import PlayerInput
from graph_api.battle.outbound import Outbound
from graph_api.battle.protocol import (
    ClientFrame,
    FrameError,
    GuessFrame,
    JoinFrame,
    LeaveFrame,
    PingFrame,
    ReadyFrame,
    StartFrame,
    error_frame,
    frame_ref,
    parse_frame,
    welcome_frame,
)
from graph_api.battle.service import RoomNotFound, is_room_code
from graph_api.battle.state import PROTOCOL_VERSION, RoomState
from graph_api.battle.store import StoreUnavailable
from graph_api.errors import AppError
from graph_api.observability.metrics import observe_guess_broadcast
from graph_api.settings import BattleSettings

if TYPE_CHECKING:
    from graph_api.battle.runtime import BattleRuntime

log = logging.getLogger(__name__)
POLICY = 1008
TRY_AGAIN = 1013


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
        self.out = Outbound(websocket, self._load_state)
        self.bucket = TokenBucket(self.limits.rate_per_s, self.limits.rate_burst)
        self.violations = 0
        self.seat: int | None = None
        self.session: int | None = None
        self.attached = False

    async def run(self) -> None:
        await self.ws.accept()
        sender = asyncio.create_task(self.out.run())
        try:
            if await self._handshake():
                await self._receive_loop()
        except Closed:
            pass
        except Exception:  # never let one socket take the worker down
            log.exception("battle connection in room %s failed", self.code)
            self.out.send(error_frame("internal_error", "the server failed on this connection"))
            self.out.close(1011, "internal error")
        finally:
            await self._cleanup(sender)

    async def _load_state(self) -> RoomState | None:
        stored = await self.service.store.load(self.code)
        return stored.state if stored else None

    def _refuse(self, code: str, detail: str, close: int = POLICY) -> NoReturn:
        self.out.send(error_frame(code, detail))
        self.out.close(close, code)
        raise Closed

    async def _handshake(self) -> bool:
        if not is_room_code(self.code):
            self._refuse("room_not_found", "that is not a room code")
        try:
            async with asyncio.timeout(self.limits.join_timeout_s):
                message = await self.ws.receive()
        except TimeoutError:
            self._refuse("join_timeout", "send a join frame first")
        raw = self._raw(message)
        if raw is None:
            return False
        try:
            frame = parse_frame(raw)
        except FrameError as exc:
            self._refuse(exc.code, exc.detail)
        if not isinstance(frame, JoinFrame):
            self._refuse("join_first", "the first frame must be a join")
        if frame.v != PROTOCOL_VERSION:
            self._refuse("unsupported_version", f"this server speaks version {PROTOCOL_VERSION}")
        try:
            await self._join(frame)
        except RoomNotFound as exc:
            self._refuse("room_not_found", str(exc.detail))
        except Rejected as exc:
            self._refuse(exc.code, exc.detail)
        except StoreUnavailable as exc:
            self._refuse("store_unavailable", str(exc), TRY_AGAIN)
        return True

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

    def _raw(self, message: Mapping[str, Any]) -> str | bytes | None:
        if message["type"] == "websocket.disconnect":
            return None
        text = message.get("text")
        if isinstance(text, str):
            return text
        data = message.get("bytes")
        return data if isinstance(data, bytes) else b""

    async def _receive_loop(self) -> None:
        while not self.out.closed:
            try:
                message = await self.ws.receive()
            except (WebSocketDisconnect, RuntimeError):
                return
            raw = self._raw(message)
            if raw is None:
                return
            received_at = time.time()
            size = len(raw.encode()) if isinstance(raw, str) else len(raw)
            if size > self.limits.max_frame_bytes:
                self._violation(
                    "frame_too_large", f"frames are at most {self.limits.max_frame_bytes} bytes"
                )
                continue
            if not self.bucket.take(time.monotonic()):
                self._violation("rate_limited", "too many frames; slow down")
                continue
            try:
                frame = parse_frame(raw)
            except FrameError as exc:
                self.out.send(error_frame(exc.code, exc.detail, frame_ref(raw)))
                continue
            await self._handle(frame, received_at)

    def _violation(self, code: str, detail: str) -> None:
        self.violations += 1
        self.out.send(error_frame(code, detail))
        if self.violations >= self.limits.max_violations:
            self.out.close(POLICY, code)
            raise Closed

    async def _handle(self, frame: ClientFrame, received_at: float) -> None:
        try:
            await self._dispatch(frame, received_at)
        except Rejected as exc:
            self.out.send(error_frame(exc.code, exc.detail, frame.ref, **exc.extra))
        except RoomNotFound:
            self.out.send(error_frame("room_lost", "the room no longer exists", frame.ref))
            self.out.close(4404, "room lost")
            raise Closed from None
        except StoreUnavailable as exc:
            self.out.send(error_frame("store_unavailable", str(exc), frame.ref))
        except AppError as exc:
            self.out.send(error_frame(exc.code, str(exc.detail), frame.ref))

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
            self.out.close(1000, "left the room")
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
            self.out.close(1000, "bye")
        with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(sender, timeout=2.0)
        if not sender.done():
            sender.cancel()
