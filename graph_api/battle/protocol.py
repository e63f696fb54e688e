"""The client side of the WebSocket protocol (version 1): parsing frames, building replies.

See ``docs/battle-protocol.md``. Every client frame is a JSON object with a ``type``; an
optional ``ref`` (any short string) is echoed in the error frame a request causes.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from graph_api.battle.guesses import MAX_RACE_CHAIN, PlayerInput
from graph_api.battle.state import PROTOCOL_VERSION, RoomState, public_view
from graph_api.hardening.names import SeatName

PlayerId = Annotated[str, Field(min_length=1, max_length=32)]
FreeText = Annotated[str, Field(min_length=1, max_length=100)]
Ref = Annotated[str, Field(max_length=64)]


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


class FrameError(Exception):
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def parse_frame(raw: str | bytes) -> ClientFrame:
    """A validated client frame, or :class:`FrameError` (bad_json, unknown_type, bad_frame)."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise FrameError("bad_json", "the frame is not valid JSON") from None
    if not isinstance(data, dict):
        raise FrameError("bad_frame", "a frame is a JSON object")
    kind = data.get("type")
    if kind not in FRAME_TYPES:
        raise FrameError("unknown_type", f"unknown frame type {kind!r}; known: {FRAME_TYPES}")
    try:
        return _ADAPTER.validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())[1:])
        raise FrameError("bad_frame", f"{where or kind}: {first.get('msg', 'invalid')}") from None


def frame_ref(raw: str | bytes) -> str | None:
    """The ``ref`` of a frame that failed to validate, if it has a usable one."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    ref = data.get("ref") if isinstance(data, dict) else None
    return ref if isinstance(ref, str) and len(ref) <= 64 else None


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
