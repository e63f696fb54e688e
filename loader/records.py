"""The rows the loader writes: what every source is transformed into.

Node and per-team-season rows are pydantic models (validated once, a few thousand each).
The two bulk row kinds, one per game appearance and one per teammate pair (about 750,000
of each), are typed NamedTuples: validating them with pydantic would cost several seconds
of the import's one-minute budget, and their fields are parsed by the transforms already.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

Position = Literal["C", "L", "R", "D", "G"]
GameType = Literal["R", "P"]


class Row(BaseModel):
    """A row for one ``UNWIND $rows`` statement; ``params()`` is what is sent."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    def params(self) -> dict[str, Any]:
        return self.model_dump()


class PlayerRecord(Row):
    id: str
    name: str
    search_name: str
    first_name: str
    last_name: str
    birth_date: date | None = None
    # Where he was born, all three from one source (loader/birth_places.py).
    birth_city: str | None = None
    birth_state: str | None = None
    birth_country: str | None = None
    position: Position | None = None
    nhl_id: int | None = None
    databank_id: str | None = None


class TeamSeasonRecord(Row):
    id: str
    code: str
    season: int
    name: str
    team_id: str
    databank_code: str | None = None


class GameRecord(Row):
    id: int
    season: int
    game_type: GameType
    date: date
    home: str
    away: str
    home_goals: int = Field(ge=0)
    away_goals: int = Field(ge=0)
    venue: str | None = None

    @property
    def home_team_season(self) -> str:
        return team_season_id(self.home, self.season)

    @property
    def away_team_season(self) -> str:
        return team_season_id(self.away, self.season)

    def params(self) -> dict[str, Any]:
        values = self.model_dump()
        values["home_team_season"] = self.home_team_season
        values["away_team_season"] = self.away_team_season
        return values


class PlayedForRecord(Row):
    """Season totals of one player for one team-season (summed over stints)."""

    player: str
    team_season: str
    games: int = 0
    goals: int = 0
    assists: int = 0
    points: int = 0
    pim: int = 0
    playoff_games: int = 0
    playoff_goals: int = 0
    playoff_assists: int = 0
    position: Position | None = None
    sources: tuple[str, ...] = ()


class Appearance(NamedTuple):
    """One player dressed for one team in one game (a ``PLAYED_IN`` row)."""

    player: str
    game: int
    team_season: str
    team: str
    toi_seconds: int
    goals: int | None
    assists: int | None
    position: str | None
    is_goalie: bool
    playoff: bool

    @property
    def played(self) -> bool:
        """Took part in play (TOI > 0); a goalie who only dressed did not."""
        return self.toi_seconds > 0

    def params(self) -> dict[str, Any]:
        return {
            "player": self.player,
            "game": self.game,
            "team": self.team,
            "toi_seconds": self.toi_seconds,
            "goals": self.goals,
            "assists": self.assists,
            "position": self.position,
        }


class TeammateRow(NamedTuple):
    """One ``TEAMMATE_OF`` relationship, from the smaller player id to the larger."""

    a: str
    b: str
    seasons: list[int]
    team_seasons: list[str]
    teams: list[str]
    games_together: int | None
    games_played_together: int | None
    strength: int = 0
    strength_estimated: bool = False

    def params(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "seasons": self.seasons,
            "team_seasons": self.team_seasons,
            "teams": self.teams,
            "first_season": self.seasons[0],
            "last_season": self.seasons[-1],
            "games_together": self.games_together,
            "games_played_together": self.games_played_together,
            "strength": self.strength,
            "strength_estimated": self.strength_estimated,
        }


def team_season_id(code: str, season: int) -> str:
    """``"EDM-19871988"``: the key of a TeamSeason."""
    return f"{code}-{season}"
