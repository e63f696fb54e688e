"""The daily puzzle's answers: the puzzle of a date, an attempt's verdict, the day's statistics."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from graph_api.models.challenges import Difficulty
from graph_api.models.refs import PlayerRef

# A random id the page makes once and keeps (localStorage); no account behind it.
AnonymousId = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{16,64}$"), Field(examples=["k3v9Qm2LxT8wRz4p"])
]
# A random id per sent chain: the same attempt posted twice is answered once.
AttemptId = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{8,64}$"), Field(examples=["a1b2c3d4e5"])
]
PlayerId = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class DailyPuzzle(BaseModel):
    """The pair of a date: the same for everyone, chosen by the rule in ``rule``."""

    date: dt.date
    source: PlayerRef = Field(alias="from")
    target: PlayerRef = Field(alias="to")
    par: int = Field(description="Links of the shortest chain between the two.")
    shortest_paths: int = Field(description="Number of distinct shortest chains.")
    difficulty: Difficulty
    rule: str = Field(description="How the pair of a date is chosen.")
    max_attempts: int = Field(description="Chains a player may send on this date.")
    max_chain: int = Field(description="Most players in a chain, both ends included.")
    open: bool = Field(description="Whether attempts are taken (only on today's puzzle, UTC).")
    optimal_paths: list[list[PlayerRef]] | None = Field(
        default=None,
        description="Shortest chains (up to DAILY_SHOWN_PATHS), for a past date only: "
        "today's stay secret.",
    )
    data_version: str | None = None

    model_config = {"populate_by_name": True}


class DailyAttemptIn(BaseModel):
    """A chain from the start player to the target player, by player id."""

    player: AnonymousId = Field(description="The sender's anonymous id (kept by the page).")
    attempt_id: AttemptId = Field(description="Random per chain: a repeat is answered once.")
    chain: list[PlayerId] = Field(
        min_length=2,
        max_length=25,
        description="Player ids from the start player to the target player, both included.",
    )


class ChainPlayer(BaseModel):
    """A player of a chain, as the chain names him."""

    id: str
    name: str


class LinkShare(BaseModel):
    """A link of a solved chain and the share of the day's solvers whose chain used it."""

    a: ChainPlayer
    b: ChainPlayer
    solvers: int = Field(description="Solvers whose chain has this link (either direction).")
    share: float = Field(ge=0, le=1, description="solvers / the day's solvers.")


class LengthCount(BaseModel):
    hops: int
    solvers: int


class DailyStats(BaseModel):
    """What everybody did on a date (shown to a player once his day is over)."""

    date: dt.date
    players: int = Field(description="Anonymous players who sent at least one chain.")
    solved: int = Field(description="Players with a valid chain.")
    lengths: list[LengthCount] = Field(description="Valid chains by length, shortest first.")
    top_links: list[LinkShare] = Field(description="The links used most, most used first.")


class DailyResult(BaseModel):
    """A player's day: his attempts so far and, once it is over, the day's statistics."""

    date: dt.date
    par: int
    attempts_used: int
    attempts_left: int
    finished: bool = Field(description="Solved, or out of attempts.")
    solved: bool
    chain: list[ChainPlayer] | None = Field(default=None, description="His valid chain.")
    hops: int | None = None
    over_par: int | None = Field(default=None, description="hops - par of his valid chain.")
    links: list[LinkShare] | None = Field(
        default=None, description="The rarity of each link of his valid chain."
    )
    rarity: float | None = Field(
        default=None,
        description="Sum of his links' shares in percent: lower is rarer "
        "(the Immaculate Grid's rarity score).",
    )
    stats: DailyStats | None = Field(default=None, description="Once his day is over.")


class DailyAttemptOut(DailyResult):
    """The verdict on one chain, with the player's day after it."""

    attempt_id: str
    valid: bool
    reason: str | None = Field(default=None, description="Why the chain is not valid.")
    hop_valid: list[bool] = Field(description="One verdict per link, in order.")
    sent: list[ChainPlayer] = Field(description="The chain as sent, players resolved.")
    repeated: bool = Field(description="True when this attempt_id was answered before.")
