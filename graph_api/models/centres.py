"""Models of the centre of the hockey universe and of the teammates two players share."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from graph_api.models.refs import PlayerRef, TeamSeasonRef


class Centre(BaseModel):
    """One player's centre score (see docs/graph-model.md, ``Player.average_distance``)."""

    player: PlayerRef
    average_distance: float = Field(
        description="Average number of teammate links to every player he is connected to."
    )
    centre_rank: int = Field(description="1: the centre; tied scores share a rank.")
    eccentricity: int = Field(description="Links to the farthest player he is connected to.")


class CentresAnswer(BaseModel):
    """What /stats/centres returns: the best centres, overall or of one decade."""

    decade: int | None = Field(
        description="The decade whose subgraph was ranked (1980: the links made in 1980-81 .. "
        "1989-90); null for the whole graph."
    )
    from_season: int | None = Field(description="First season of that decade (8 digits).")
    to_season: int | None = Field(description="Last season of that decade (8 digits).")
    centres: list[Centre]
    data_version: str | None = None


class CommonTeammate(BaseModel):
    """A player who played with both: the team-seasons he shared with each of them."""

    player: PlayerRef
    with_a: list[TeamSeasonRef] = Field(description="The team-seasons shared with player a.")
    with_b: list[TeamSeasonRef] = Field(description="The team-seasons shared with player b.")
    games_with_a: int | None = Field(
        default=None, description="Strength of the link to a (Hop.strength); null: unknown."
    )
    games_with_b: int | None = Field(default=None, description="Strength of the link to b.")


class CommonTeammates(BaseModel):
    """What /players/{a}/common/{b} returns, most games with both first."""

    model_config = ConfigDict(populate_by_name=True)

    a: PlayerRef
    b: PlayerRef
    total: int = Field(description="How many players played with both.")
    returned: int
    players: list[CommonTeammate]
