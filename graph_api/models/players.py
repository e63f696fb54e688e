"""Response models about players: search hits, the player page, teammates."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph_api.models.refs import PlayerRef, TeamSeasonRef


class PlayerHit(PlayerRef):
    """A search result; ``match`` says how it matched (prefix, word or fuzzy)."""

    match: str = Field(
        description="prefix (of the full name), word (prefix of a later word), fuzzy"
    )


class PlayerSearch(BaseModel):
    query: str
    results: list[PlayerHit]


class Stint(BaseModel):
    """One team-season of a player's career."""

    team_season: TeamSeasonRef
    games: int = 0
    goals: int = 0
    assists: int = 0
    points: int = 0
    playoff_games: int = 0


class PlayerDetail(PlayerRef):
    """The player page: bio, every team-season with games, and how many teammates."""

    first_name: str | None = None
    last_name: str | None = None
    birth_date: str | None = Field(default=None, description="ISO date, when known.")
    birth_city: str | None = Field(default=None, description="Where he was born, when known.")
    birth_state: str | None = Field(
        default=None, description="State or province of birth (NHL sources, e.g. `ON`)."
    )
    birth_country: str | None = Field(
        default=None,
        description="Country of birth: the NHL's three-letter code (`CAN`, `SWE`); spelled out "
        "(`Canada`) for the few players only the Hockey Databank knows.",
    )
    nhl_id: int | None = None
    databank_id: str | None = None
    teammates: int = Field(description="Number of distinct NHL teammates.")
    seasons: int = Field(description="Number of distinct seasons played.")
    stints: list[Stint]
    average_distance: float | None = Field(
        default=None,
        description="The centre score (Oracle of Bacon's): average number of teammate links "
        "to every player he is connected to. Null: no teammates, or a graph loaded before it.",
    )
    centre_rank: int | None = Field(
        default=None,
        description="Rank by average_distance (1: the centre of the hockey universe) among the "
        "players of the largest connected group; tied scores share a rank.",
    )
    eccentricity: int | None = Field(
        default=None, description="Links to the farthest player he is connected to."
    )


class TeammateLink(BaseModel):
    """Why two players are teammates: the team-seasons they shared and games together."""

    player: PlayerRef = Field(description="The teammate.")
    seasons: list[int]
    teams: list[str] = Field(description="Shared franchises (Team.id).")
    team_seasons: list[TeamSeasonRef]
    games_together: int | None = Field(
        default=None, description="Games both dressed for (null: no per-game data)."
    )
    games_played_together: int | None = Field(
        default=None, description="Games both actually played (TOI > 0)."
    )
    strength: int | None = Field(
        default=None,
        description="Games together over all shared team-seasons (Hop.strength): exact from "
        "2009-10, an upper bound before; null on a graph loaded before strengths existed.",
    )
    strength_estimated: bool | None = Field(
        default=None, description="True when strength includes an upper bound."
    )


class TeammatesPage(BaseModel):
    player: PlayerRef
    total: int = Field(description="Teammates matching the filters, before paging.")
    limit: int
    offset: int
    teammates: list[TeammateLink]


class DistanceCount(BaseModel):
    distance: int = Field(description="Teammate links from the player.")
    players: int = Field(description="Players at exactly that many links.")


class PlayerDistances(BaseModel):
    """How many players sit at 1, 2, 3 ... links from a player (Oracle of Bacon's table)."""

    player: PlayerRef
    distances: list[DistanceCount] = Field(
        description="From distance 1 up to the farthest player he is connected to."
    )
    connected: int = Field(description="Players he is connected to (himself excluded).")
    average_distance: float | None = Field(
        default=None, description="Mean links to them (his centre score); null when none."
    )
    eccentricity: int = Field(description="Links to the farthest (0 when he has no teammates).")
    data_version: str | None = None
    cached: bool = False
