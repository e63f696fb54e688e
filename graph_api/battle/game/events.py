"""Events the engine emits and the rejection it raises for an action that is not allowed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph_api.battle.game.state import PROTOCOL_VERSION, RoomState, Standing
from graph_api.errors import AppError


@dataclass(frozen=True)
class Event:
    """One numbered thing that happened in a room; ``seq`` increases by one per event."""

    type: str
    seq: int
    data: dict[str, Any]

    def frame(self) -> dict[str, Any]:
        """The event as a server frame of the protocol."""
        return {"v": PROTOCOL_VERSION, "type": self.type, "seq": self.seq, **self.data}


class Rejected(AppError):
    """The action is not allowed now; the state is unchanged.

    An error frame on the WebSocket (``extra`` adds fields to it); over HTTP the answer has
    ``status`` (409 unless the rejection says otherwise).
    """

    status_code = 409

    def __init__(self, code: str, detail: str, *, status: int = 409, **extra: Any) -> None:
        super().__init__(detail)
        self.code = code
        self.status_code = status
        self.extra = extra


@dataclass
class Outbox:
    """The state being changed by one action and the events it produced so far."""

    state: RoomState
    events: list[Event] = field(default_factory=list)

    def emit(self, type_: str, **data: Any) -> None:
        self.state.seq += 1
        self.events.append(Event(type_, self.state.seq, data))


def require_lobby(state: RoomState, refused: str) -> None:
    """Raise :class:`Rejected` unless the room is still in its lobby (``refused``: why not)."""
    if state.phase == "playing":
        raise Rejected("game_started", f"the game has started; {refused}")
    if state.phase == "finished":
        raise Rejected("game_finished", f"the game is over; {refused}")


def require_playing(state: RoomState) -> None:
    """Raise :class:`Rejected` unless a game is running."""
    if state.phase == "lobby":
        raise Rejected("not_started", "the game has not started yet")
    if state.phase == "finished":
        raise Rejected("game_finished", "the game is over")


def finish_game(out: Outbox, now: float, winner: int | None, standings: list[Standing]) -> None:
    """End the game: no more turns or deadlines; the result follows with the analysis."""
    state = out.state
    state.phase = "finished"
    state.finished_at = now
    state.turn_seat = None
    state.turn_deadline = None
    state.winner = winner
    state.standings = standings
    out.emit("game_over", winner=winner, standings=[s.model_dump(mode="json") for s in standings])
