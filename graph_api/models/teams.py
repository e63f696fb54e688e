"""Response models about teams and team-seasons."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph_api.models.refs import PlayerRef, TeamSeasonRef


class TeamSummary(BaseModel):
    id: str = Field(description="Franchise id (Team.id), e.g. MTL.")
    name: str
    names: list[str] = Field(default_factory=list)
    codes: list[str] = Field(default_factory=list)
    first_season: int | None = None
    last_season: int | None = None
    seasons: int = 0


class TeamList(BaseModel):
    teams: list[TeamSummary]


class RosterEntry(BaseModel):
    player: PlayerRef
    position: str | None = None
    games: int = 0
    goals: int = 0
    assists: int = 0
    points: int = 0
    playoff_games: int = 0


class TeamSeasonRoster(BaseModel):
    team_season: TeamSeasonRef
    players: list[RosterEntry]
