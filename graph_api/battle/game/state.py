"""The state of one battle room: plain pydantic models, serialised to JSON in the room store.

Everything the engine needs to decide a rule lives here; nothing here does I/O. Times are
epoch seconds (``float``) handed to the engine by the caller, never read from a clock.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from graph_api.battle.game.rules import RoomRules

Phase = Literal["lobby", "playing", "finished"]
PROTOCOL_VERSION = 1


class PlayerRef(BaseModel):
    """An NHL player as the game shows it."""

    id: str
    name: str


class RaceEntry(BaseModel):
    """One race submission, already checked hop by hop against the graph."""

    chain: list[PlayerRef]
    hop_valid: list[bool]
    valid: bool
    reason: str | None = None
    hops: int
    score: int = 0
    elapsed: float
    at: float


class Seat(BaseModel):
    """A person playing in the room (spectators have no seat)."""

    seat: int
    name: str
    token_hash: str
    ready: bool = False
    connected: bool = False
    session: int = 0
    grace_deadline: float | None = None
    lives: int = 0
    alive: bool = True
    out_order: int | None = None
    out_reason: str | None = None
    attempts_left: int = 0
    entries: list[RaceEntry] = Field(default_factory=list)
    finished: bool = False


class ChainLink(BaseModel):
    """A player named in a chain game; ``seat`` is None for the starting player."""

    player: PlayerRef
    seat: int | None
    turn: int
    via: list[str] = Field(default_factory=list)


class Miss(BaseModel):
    """A turn that cost a life: the link to connect to and what went wrong."""

    seat: int
    turn: int
    link: PlayerRef
    verdict: str
    guessed: PlayerRef | None = None


class Standing(BaseModel):
    seat: int
    name: str
    rank: int
    score: int | None = None
    reason: str | None = None


class RoomState(BaseModel):
    """One room: lobby, game and result."""

    code: str
    rules: RoomRules
    created_at: float
    phase: Phase = "lobby"
    seats: list[Seat] = Field(default_factory=list)
    host: int | None = None
    next_seat: int = 1
    seq: int = 0
    start: PlayerRef | None = None
    target: PlayerRef | None = None
    optimal_hops: int | None = None
    started_at: float | None = None
    ends_at: float | None = None
    order: list[int] = Field(default_factory=list)
    turn: int = 0
    turn_seat: int | None = None
    turn_deadline: float | None = None
    chain: list[ChainLink] = Field(default_factory=list)
    link_uses: dict[str, int] = Field(default_factory=dict)
    misses: list[Miss] = Field(default_factory=list)
    eliminated: int = 0
    winner: int | None = None
    standings: list[Standing] = Field(default_factory=list)
    finished_at: float | None = None
    concluded: bool = False
    analysis: dict[str, Any] | None = None

    def seat_of(self, number: int) -> Seat | None:
        return next((seat for seat in self.seats if seat.seat == number), None)

    def alive_seats(self) -> list[Seat]:
        return [seat for seat in self.seats if seat.alive]

    @property
    def last_named(self) -> PlayerRef | None:
        return self.chain[-1].player if self.chain else None

    def named_ids(self) -> set[str]:
        return {link.player.id for link in self.chain}

    def named(self, player_id: str) -> PlayerRef | None:
        """The player of this id if he was named already in this game."""
        return next((link.player for link in self.chain if link.player.id == player_id), None)


def public_view(state: RoomState) -> dict[str, Any]:
    """The state as clients see it: no token hashes, nothing internal."""
    data = state.model_dump(mode="json")
    for seat in data["seats"]:
        del seat["token_hash"]
        del seat["session"]
    return data
