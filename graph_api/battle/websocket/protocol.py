"""The client side of the WebSocket protocol (version 1): parsing frames, building replies.

See ``docs/battle-protocol.md``. Every client frame is a JSON object with a ``type``; an
optional ``ref`` (any short string) is echoed in the error frame a request causes.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from graph_api.battle.game.events import Rejected
from graph_api.battle.game.state import PROTOCOL_VERSION, RoomState, public_view
from graph_api.battle.service.guesses import MAX_RACE_CHAIN, PlayerInput
from graph_api.errors import AppError, InvalidInput
from graph_api.hardening.names import SeatName

PlayerId = Annotated[str, Field(min_length=1, max_length=32)]
FreeText = Annotated[str, Field(min_length=1, max_length=100)]
MAX_REF = 64
Ref = Annotated[str, Field(max_length=MAX_REF)]


class _Frame(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ref: Ref | None = None


class JoinFrame(_Frame):
    type: Literal["join"]
    v: int
    token: Annotated[str, Field(min_length=1, max_length=128)] | None = None
    name: SeatName | None = None
    spectate: bool = False

    @model_validator(mode="after")
    def _one_way_in(self) -> JoinFrame:
        if sum([self.token is not None, self.name is not None, self.spectate]) != 1:
            raise ValueError("give exactly one of token, name or spectate=true")
        return self


class ReadyFrame(_Frame):
    type: Literal["ready"]
    ready: bool = True


class StartFrame(_Frame):
    type: Literal["start"]


class PlayerAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    player_id: PlayerId | None = None
    text: FreeText | None = None

    @model_validator(mode="after")
    def _one_of(self) -> PlayerAnswer:
        if (self.player_id is None) == (self.text is None):
            raise ValueError("name a player by player_id or by text")
        return self

    def answer(self) -> PlayerInput:
        return PlayerInput(self.player_id, self.text)


class GuessFrame(_Frame):
    type: Literal["guess"]
    player_id: PlayerId | None = None
    text: FreeText | None = None
    chain: Annotated[list[PlayerAnswer], Field(min_length=2, max_length=MAX_RACE_CHAIN)] | None = (
        None
    )
    turn: int | None = None

    @model_validator(mode="after")
    def _one_of(self) -> GuessFrame:
        if sum(x is not None for x in (self.player_id, self.text, self.chain)) != 1:
            raise ValueError("give exactly one of player_id, text (chain) or chain (race)")
        return self


class LeaveFrame(_Frame):
    type: Literal["leave"]


class PingFrame(_Frame):
    type: Literal["ping"]


ClientFrame = Annotated[
    JoinFrame | ReadyFrame | StartFrame | GuessFrame | LeaveFrame | PingFrame,
    Field(discriminator="type"),
]
_ADAPTER: TypeAdapter[ClientFrame] = TypeAdapter(ClientFrame)
FRAME_TYPES = ("join", "ready", "start", "guess", "leave", "ping")


class FrameError(InvalidInput):
    """A client frame the protocol does not accept (its ``code`` says why); ``ref`` is the
    frame's own ``ref`` when it had a usable one."""

    def __init__(self, code: str, detail: str, ref: str | None = None) -> None:
        super().__init__(detail)
        self.code = code
        self.ref = ref


def parse_frame(raw: str) -> ClientFrame:
    """A validated client frame, or :class:`FrameError` (bad_json, unknown_type, bad_frame)."""
    try:
        data = json.loads(raw)
    except ValueError:
        raise FrameError("bad_json", "the frame is not valid JSON") from None
    except RecursionError:
        raise FrameError("bad_json", "the frame nests too deeply") from None
    if not isinstance(data, dict):
        raise FrameError("bad_frame", "a frame is a JSON object")
    ref = _usable_ref(data.get("ref"))
    kind = data.get("type")
    if kind not in FRAME_TYPES:
        known = ", ".join(FRAME_TYPES)
        raise FrameError("unknown_type", f"unknown frame type {kind!r}; known: {known}", ref)
    try:
        return _ADAPTER.validate_python(data)
    except ValidationError as exc:
        first = exc.errors(include_input=False, include_url=False)[0]
        where = ".".join(str(part) for part in first.get("loc", ())[1:])
        raise FrameError("bad_frame", f"{where or kind}: {first['msg']}", ref) from None


def _usable_ref(ref: object) -> str | None:
    """A frame's ``ref`` if it can be echoed: a short string of real characters."""
    if not isinstance(ref, str) or len(ref) > MAX_REF:
        return None
    try:
        ref.encode()
    except UnicodeEncodeError:  # a lone surrogate from a JSON escape
        return None
    return ref


def error_frame_for(exc: AppError, ref: str | None = None) -> dict[str, Any]:
    """The error frame that tells a client about ``exc`` (the one translation)."""
    if isinstance(exc, FrameError):
        ref = exc.ref
    extra = exc.extra if isinstance(exc, Rejected) else {}
    return error_frame(exc.code, str(exc.detail), ref, **extra)


def error_frame(code: str, detail: str, ref: str | None = None, **extra: Any) -> dict[str, Any]:
    frame: dict[str, Any] = {"v": PROTOCOL_VERSION, "type": "error", "code": code, "detail": detail}
    if ref is not None:
        frame["ref"] = ref
    frame.update(extra)
    return frame


def snapshot_frame(state: RoomState) -> dict[str, Any]:
    return {"v": PROTOCOL_VERSION, "type": "snapshot", "seq": state.seq, "room": public_view(state)}


def welcome_frame(
    code: str, role: str, seat: int | None, session: int | None, token: str | None
) -> dict[str, Any]:
    frame: dict[str, Any] = {
        "v": PROTOCOL_VERSION,
        "type": "welcome",
        "room": code,
        "role": role,
        "seat": seat,
        "session": session,
    }
    if token is not None:
        frame["token"] = token
    return frame
