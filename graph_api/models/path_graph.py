"""The picture of every shortest path: the shortest-path graph, layer by layer."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from graph_api.models.paths import PathConstraints
from graph_api.models.refs import PlayerRef, TeamSeasonRef


class GraphPlayer(BaseModel):
    """A player of the shortest-path graph and how many shortest paths go through him."""

    player: PlayerRef
    paths_through: int = Field(description="Shortest paths that pass through this player.")
    on_strongest: bool = Field(description="True when he is on the strongest shortest path.")


class GraphLayer(BaseModel):
    """The players at one distance from the start, busiest first (up to ``per_layer``)."""

    distance: int = Field(description="Links from the start player (0: the start).")
    players: list[GraphPlayer]
    total_players: int = Field(description="Players of this layer on some shortest path.")
    hidden_players: int = Field(description="Players of this layer left out (quieter ones).")
    hidden_paths: int = Field(
        description="Shortest paths through the players left out of this layer."
    )


class GraphLink(BaseModel):
    """A teammate link between two shown players of consecutive layers, with its evidence."""

    from_id: str = Field(description="The player nearer the start.")
    to_id: str
    paths_through: int = Field(description="Shortest paths that use this link.")
    on_strongest: bool
    strength: int | None = Field(
        default=None, description="Games together (Hop.strength); null on an older graph."
    )
    strength_estimated: bool | None = Field(
        default=None, description="True when strength is an upper bound (before 2009-10)."
    )
    team_seasons: list[TeamSeasonRef] = Field(description="The shared team-seasons.")


class PathGraph(BaseModel):
    """What /paths/graph returns: the layered graph of every shortest path, summarised
    beyond ``per_layer`` players a layer, with the strongest path marked."""

    model_config = ConfigDict(populate_by_name=True)

    source: PlayerRef = Field(alias="from")
    target: PlayerRef = Field(alias="to")
    length: int | None = Field(description="Links of a shortest path; null when there is none.")
    total_paths: int = Field(description="Number of distinct shortest paths (exact).")
    strongest: list[str] = Field(
        description="Player ids of the strongest shortest path (as /paths/shortest picks it)."
    )
    per_layer: int = Field(description="Most players drawn per layer.")
    layers: list[GraphLayer]
    links: list[GraphLink] = Field(description="The links between the players drawn.")
    reason: str | None = Field(default=None, description="Why there is no path.")
    constraints: PathConstraints
    data_version: str | None = None
    cached: bool = False
