"""Path models: the constraints a search accepts and the explained paths it returns."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from graph_api.models.refs import PlayerRef, TeamSeasonRef
from graph_api.models.seasons import check_season, season_label

# The Cypher path patterns stop at this many hops ([:TEAMMATE_OF*..15]).
CYPHER_HOP_LIMIT = 15


class PathConstraints(BaseModel):
    """Combinable restrictions on which teammate links a path may use.

    Each one is checked per link or per player, so Neo4j keeps its bidirectional search.
    """

    model_config = ConfigDict(frozen=True)

    from_season: int | None = Field(
        default=None, description="Every link must come from a season >= this (e.g. 19801981)."
    )
    to_season: int | None = Field(
        default=None, description="Every link must come from a season <= this."
    )
    teams: tuple[str, ...] = Field(
        default=(),
        description="Only links made on these franchises (Team.id) or team codes.",
    )
    exclude: tuple[str, ...] = Field(
        default=(), description="Player ids the path must avoid (e.g. 8448208, no Jagr)."
    )
    min_games: int | None = Field(
        default=None,
        ge=1,
        le=5000,
        description="Every link needs at least this many games together (per-game data only, "
        "2009-10 on).",
    )
    max_hops: int | None = Field(
        default=None, ge=1, le=CYPHER_HOP_LIMIT, description="Longest path accepted."
    )

    @field_validator("from_season", "to_season")
    @classmethod
    def _season(cls, value: int | None) -> int | None:
        return check_season(value)

    @field_validator("teams")
    @classmethod
    def _teams(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted({code.strip().upper() for code in value if code.strip()}))

    @field_validator("exclude")
    @classmethod
    def _exclude(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted({pid.strip() for pid in value if pid.strip()}))

    @model_validator(mode="after")
    def _window(self) -> Self:
        if self.from_season and self.to_season and self.from_season > self.to_season:
            raise ValueError(f"from_season {self.from_season} is after to_season {self.to_season}")
        return self

    @property
    def filters_links(self) -> bool:
        """True when anything beyond ``max_hops`` restricts the search."""
        return bool(
            self.from_season or self.to_season or self.teams or self.exclude or self.min_games
        )

    def cache_key(self) -> tuple[object, ...]:
        """Every field's value, in order (codes and ids already normalised and sorted): equal
        constraints give equal keys, hashed without building JSON."""
        return tuple(getattr(self, name) for name in type(self).model_fields)


class Hop(BaseModel):
    """One link of a path and the evidence for it."""

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "from_id": "8471214",
                "to_id": "8448208",
                "why": "Teammates on the 2007-08 Washington Capitals",
                "seasons": [20072008],
                "teams": ["WAS"],
                "team_seasons": [
                    {
                        "id": "WAS-20072008",
                        "code": "WAS",
                        "season": 20072008,
                        "team_id": "WAS",
                        "name": "Washington Capitals",
                    }
                ],
                "games_together": None,
                "games_played_together": None,
                "strength": 77,
                "strength_estimated": True,
            }
        }
    )

    from_id: str
    to_id: str
    why: str = Field(description="The evidence in one sentence.")
    seasons: list[int] = Field(description="Shared seasons (within the season window).")
    teams: list[str] = Field(description="Shared franchises (Team.id).")
    team_seasons: list[TeamSeasonRef] = Field(description="The shared team-seasons.")
    games_together: int | None = Field(
        default=None, description="Games both dressed for the same team; null: no per-game data."
    )
    games_played_together: int | None = Field(
        default=None, description="Of those, games both played (TOI > 0)."
    )
    strength: int | None = Field(
        default=None,
        description="The link's strength: games both played together over all their shared "
        "team-seasons, exact where per-game data exists (2009-10 on); before it, an upper bound "
        "from the season rows (per shared team-season, the smaller of the two players' games). "
        "Null on a graph loaded before strengths existed.",
    )
    strength_estimated: bool | None = Field(
        default=None,
        description="True when strength includes an upper bound (a shared team-season "
        "without per-game data), so it is an estimate rather than a count.",
    )


class PathResult(BaseModel):
    """A path: ``players[0]`` is the start, ``hops[i]`` links ``players[i]`` and ``i+1``."""

    length: int = Field(description="Number of hops.")
    players: list[PlayerRef]
    hops: list[Hop]

    @property
    def ids(self) -> list[str]:
        return [player.id for player in self.players]


def why(team_seasons: list[TeamSeasonRef], games_together: int | None) -> str:
    """``Teammates on the 1987-88 Edmonton Oilers and 2 more team-seasons, 80 games together``."""
    if not team_seasons:
        return "Teammates"
    first = team_seasons[0]
    text = f"Teammates on the {season_label(first.season)} {first.name}"
    more = len(team_seasons) - 1
    if more:
        text += f" and {more} more team-season{'s' if more > 1 else ''}"
    if games_together:
        text += f", {games_together} game{'s' if games_together > 1 else ''} together"
    return text


PathStrategy = Literal["strongest", "any"]


class PathAnswer(BaseModel):
    """What /paths/shortest returns: a path, or ``path: null`` with the reason."""

    model_config = ConfigDict(populate_by_name=True)

    strategy: PathStrategy = Field(
        default="strongest",
        description="strongest: among all shortest paths, the one whose weakest link is "
        "strongest (ties: larger total strength, then smaller player ids); any: the first "
        "shortest path Neo4j finds.",
    )
    weakest_link: int | None = Field(
        default=None, description="The strength of the path's weakest link."
    )
    total_strength: int | None = Field(
        default=None, description="The strengths of the path's links, added up."
    )
    strongest_pending: bool = Field(
        default=False,
        description="True when the strongest path took longer than PATHS_STRONGEST_BUDGET_S: "
        "this answer is the first shortest path found (strategy any) and the strongest one "
        "is being finished for the next request.",
    )

    source: PlayerRef = Field(alias="from")
    target: PlayerRef = Field(alias="to")
    length: int | None = Field(description="Hops of the shortest path; null when there is none.")
    path: PathResult | None
    reason: str | None = Field(default=None, description="Why there is no path.")
    constraints: PathConstraints
    data_version: str | None = None
    cached: bool = Field(default=False, description="True when served from the path cache.")


class AllPathsAnswer(BaseModel):
    """What /paths/all returns: shortest paths up to ``limit`` and how many there are."""

    model_config = ConfigDict(populate_by_name=True)

    source: PlayerRef = Field(alias="from")
    target: PlayerRef = Field(alias="to")
    length: int | None
    total_paths: int = Field(description="Number of distinct shortest paths (exact).")
    returned: int
    truncated: bool = Field(description="True when total_paths > returned.")
    paths: list[PathResult]
    reason: str | None = None
    constraints: PathConstraints
    data_version: str | None = None
    cached: bool = False


class KPathsAnswer(BaseModel):
    """What /paths/k returns: up to k shortest simple paths, shortest first."""

    model_config = ConfigDict(populate_by_name=True)

    source: PlayerRef = Field(alias="from")
    target: PlayerRef = Field(alias="to")
    k: int
    paths: list[PathResult]
    reason: str | None = None
    constraints: PathConstraints
    data_version: str | None = None
    cached: bool = False
