"""The small references every answer is made of: a player, a team-season."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from graph_api.models.seasons import season_label


class PlayerRef(BaseModel):
    """A player as he appears in lists and paths."""

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": "8478402",
                "name": "Connor McDavid",
                "position": "C",
                "first_season": 20152016,
                "last_season": 20252026,
                "games": 814,
            }
        }
    )

    id: str = Field(description="Player.id: the NHL id where known, else the Databank id.")
    name: str
    position: str | None = None
    first_season: int | None = Field(default=None, description="First NHL season (8 digits).")
    last_season: int | None = Field(default=None, description="Last NHL season (8 digits).")
    games: int | None = Field(default=None, description="NHL games, regular season + playoffs.")


class TeamSeasonRef(BaseModel):
    """One team in one season (``TeamSeason``)."""

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": "EDM-19871988",
                "code": "EDM",
                "season": 19871988,
                "team_id": "EDM",
                "name": "Edmonton Oilers",
            }
        }
    )

    id: str
    code: str = Field(description="Team code in that season (NHL tricode or Databank tmID).")
    season: int
    team_id: str = Field(description="The franchise (Team.id).")
    name: str

    @property
    def label(self) -> str:
        return f"{season_label(self.season)} {self.name}"
