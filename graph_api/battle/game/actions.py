"""What can happen to a room. Every action carries ``now`` (epoch seconds) as a value.

Graph facts an action depends on (who a free-text name is, whether two players were
teammates, the challenge) are looked up by the service *before* the action is built, so the
engine stays pure: it only compares them with the state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph_api.battle.game.state import PlayerRef


@dataclass(frozen=True)
class Join:
    """A new person takes a seat (lobby only)."""

    now: float
    name: str
    token_hash: str
    connected: bool = False


@dataclass(frozen=True)
class Connect:
    """A seated person's WebSocket connects (first time or a reconnect)."""

    now: float
    seat: int


@dataclass(frozen=True)
class Disconnect:
    """A WebSocket of a seat closed; ``session`` says which connection it was."""

    now: float
    seat: int
    session: int
    grace_seconds: float


@dataclass(frozen=True)
class Leave:
    """A seated person leaves for good (forfeits a running game)."""

    now: float
    seat: int


@dataclass(frozen=True)
class Ready:
    now: float
    seat: int
    ready: bool


@dataclass(frozen=True)
class Start:
    """The host starts the game with a challenge from the generator."""

    now: float
    seat: int
    start: PlayerRef
    target: PlayerRef | None = None
    optimal_hops: int | None = None


@dataclass(frozen=True)
class ChainGuess:
    """A chain-mode answer, checked against the link it was validated for.

    ``shared`` lists the team-seasons the named player shared with ``link_id`` under the
    room's rules; ``None`` means they were not teammates.
    """

    now: float
    seat: int
    turn: int
    link_id: str
    player: PlayerRef
    shared: tuple[str, ...] | None


@dataclass(frozen=True)
class RaceSubmit:
    """A race-mode chain start -> ... -> target with the verdict of every hop."""

    now: float
    seat: int
    chain: tuple[PlayerRef, ...]
    hop_valid: tuple[bool, ...]


@dataclass(frozen=True)
class Tick:
    """Time passed: expire turns, races and reconnect grace periods that are due."""

    now: float


@dataclass(frozen=True)
class Conclude:
    """Attach the post-game analysis and publish the result (once)."""

    now: float
    analysis: dict[str, Any] | None


Action = (
    Join | Connect | Disconnect | Leave | Ready | Start | ChainGuess | RaceSubmit | Tick | Conclude
)
