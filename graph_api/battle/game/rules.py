"""The rules a room is played by: :class:`RoomRules` (the rules of a room) and
:class:`RuleChoices` (what a host may choose in ``POST /battles``).

Their bounds are written once, in ``graph_api/models/room_bounds.py``, which the ``BATTLE_*``
defaults of ``graph_api.settings.BattleSettings`` use too (so settings never import the game).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graph_api.models.challenges import Difficulty
from graph_api.models.room_bounds import (
    DEFAULT_HUB_LIMIT,
    DEFAULT_LIVES,
    DEFAULT_MAX_PLAYERS,
    DEFAULT_RACE_SECONDS,
    DEFAULT_TURN_SECONDS,
    HubLimit,
    Lives,
    MaxPlayers,
    MinGames,
    RaceSeconds,
    StartPlayerId,
    TurnSeconds,
)
from graph_api.models.seasons import Season

Mode = Literal["chain", "race"]


def check_window(from_season: int | None, to_season: int | None) -> None:
    """A season window is in order (either end may be open)."""
    if from_season and to_season and from_season > to_season:
        raise ValueError(f"from_season {from_season} is after to_season {to_season}")


class RoomRules(BaseModel):
    """What the host chose when creating the room (the rest from the server's defaults)."""

    mode: Mode = "chain"
    difficulty: Difficulty = "medium"
    turn_seconds: TurnSeconds = DEFAULT_TURN_SECONDS
    lives: Lives = DEFAULT_LIVES
    hub_limit: HubLimit = DEFAULT_HUB_LIMIT
    race_seconds: RaceSeconds = DEFAULT_RACE_SECONDS
    from_season: Season | None = None
    to_season: Season | None = None
    played_together: bool = False
    min_games: MinGames = 1
    max_players: MaxPlayers = DEFAULT_MAX_PLAYERS
    start_player_id: StartPlayerId | None = None

    @model_validator(mode="after")
    def _window_in_order(self) -> RoomRules:
        check_window(self.from_season, self.to_season)
        return self

    @property
    def min_games_together(self) -> int:
        """The "played together" minimum, 0 when any shared team-season counts."""
        return self.min_games if self.played_together else 0


class RuleChoices(BaseModel):
    """The rules a host may choose; each one left out takes the server's default.

    Strict: a JSON ``false`` is not season 0 and ``"3"`` is not three lives.
    """

    model_config = ConfigDict(strict=True)

    mode: Mode = "chain"
    difficulty: Difficulty = "medium"
    turn_seconds: TurnSeconds | None = Field(
        default=None, description="Chain: seconds per turn (default BATTLE_TURN_SECONDS)."
    )
    race_seconds: RaceSeconds | None = Field(
        default=None, description="Race: seconds on the clock (default BATTLE_RACE_SECONDS)."
    )
    lives: Lives | None = Field(
        default=None, description="Lives (chain) or attempts (race) per player (BATTLE_LIVES)."
    )
    hub_limit: HubLimit | None = Field(
        default=None, description="Chain: uses of one team-season as a link (BATTLE_HUB_LIMIT)."
    )
    max_players: MaxPlayers | None = Field(
        default=None, description="Seats in the room (default BATTLE_MAX_PLAYERS)."
    )
    from_season: Season | None = Field(default=None, description="e.g. 19901991 (8 digits)")
    to_season: Season | None = Field(default=None, description="e.g. 19992000 (8 digits)")
    played_together: bool = Field(
        default=False, description="Only links with games actually played together count."
    )
    min_games: MinGames = Field(default=1, description="With played_together.")
    start_player_id: StartPlayerId | None = Field(
        default=None, description="Chain mode: the first player (else random)."
    )

    @model_validator(mode="after")
    def _window_in_order(self) -> RuleChoices:
        check_window(self.from_season, self.to_season)
        return self

    def over(self, defaults: RoomRules) -> RoomRules:
        """The room's rules: these choices over the server's defaults."""
        chosen = self.model_dump(exclude_none=True, include=set(RuleChoices.model_fields))
        return RoomRules.model_validate({**defaults.model_dump(), **chosen})
