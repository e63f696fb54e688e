"""Models of graph-wide facts: the data version, sizes, distances from a hub player."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph_api.models.paths import PathResult
from graph_api.models.refs import PlayerRef


class DatasetInfo(BaseModel):
    """The ``(:Dataset {key: "nhl"})`` node: what the caches are keyed on."""

    version: str | None = Field(
        default=None, description="Changes on every load that changes data."
    )
    data_as_of: str | None = Field(default=None, description="Newest game or roster date (ISO).")
    loaded_at: str | None = None
    sources: list[str] = Field(default_factory=list)
    refreshed_at: str | None = Field(
        default=None, description="When new games were last looked for (in-season refresh)."
    )
    last_game_id: int | None = Field(default=None, description="Newest game in the graph then.")
    last_game_date: str | None = None
    history_seasons_done: int | None = Field(
        default=None, description="Seasons a history sync has loaded (with the total: progress)."
    )
    history_seasons_total: int | None = None


class DistanceAnswer(BaseModel):
    """A player's "number": hops to the hub player (like a Bacon number)."""

    player: PlayerRef
    hub: PlayerRef
    distance: int | None = Field(description="Hops to the hub; null when not connected.")
    path: PathResult | None
    data_version: str | None = None
    cached: bool = False


class DistanceBucket(BaseModel):
    distance: int
    players: int


class GraphStats(BaseModel):
    players: int
    teammate_links: int = Field(description="TEAMMATE_OF relationships (one per pair).")
    teams: int
    team_seasons: int
    games: int
    first_season: int | None
    last_season: int | None
    dataset: DatasetInfo
    hub: PlayerRef | None = Field(description="The player the distances are measured from.")
    distances: list[DistanceBucket] = Field(
        description="How many players are at each distance from the hub."
    )
    unreachable: int = Field(description="Players with no path to the hub.")
    mean_distance: float | None = None
    cached: bool = False
