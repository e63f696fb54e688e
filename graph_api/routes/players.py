"""/players: search, the player page, teammates, distance to a hub player."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from graph_api.deps import Api
from graph_api.errors import InvalidInput
from graph_api.graph.distance_table import player_distances
from graph_api.models.centres import CommonTeammates
from graph_api.models.players import PlayerDetail, PlayerDistances, PlayerSearch, TeammatesPage
from graph_api.models.seasons import Season
from graph_api.models.stats import DatasetInfo, DistanceAnswer
from graph_api.names import fold_name
from graph_api.routes.examples import PLAYER_EXAMPLES, PLAYER_ID_HELP
from graph_api.routes.responses import API_ERRORS, json_response

router = APIRouter(prefix="/players", tags=["players"])

PlayerPath = Annotated[
    str,
    Path(min_length=1, max_length=32, description=f"{PLAYER_ID_HELP}.", examples=PLAYER_EXAMPLES),
]


@router.get(
    "",
    response_model=PlayerSearch,
    summary="Search players by name (accent/case-insensitive, typo-tolerant)",
    responses=API_ERRORS,
)
async def search_players(
    api: Api,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=80,
            description="Name or start of a name: stutzle, mcdav, gretzki.",
            examples=["mcdavid", "stutzle", "gretzki"],
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> Response:
    if not fold_name(q):
        raise InvalidInput("q needs at least one letter or digit")
    return json_response(PlayerSearch(query=q, results=await api.players.search(q, limit)))


@router.get(
    "/{player_id}",
    response_model=PlayerDetail,
    summary="A player: bio, team-seasons with games, number of teammates",
    responses=API_ERRORS,
)
async def get_player(api: Api, player_id: PlayerPath) -> PlayerDetail:
    return await api.players.get(player_id)


@router.get(
    "/{player_id}/teammates",
    response_model=TeammatesPage,
    summary="A player's teammates with the seasons and teams shared, paged",
    responses=API_ERRORS,
)
async def get_teammates(
    api: Api,
    player_id: PlayerPath,
    season: Annotated[
        Season | None, Query(description="Only this season (8 digits).", examples=[20072008])
    ] = None,
    team: Annotated[
        str | None,
        Query(
            min_length=2,
            max_length=5,
            pattern=r"^[A-Za-z]+$",
            description="Only this franchise or team code.",
            examples=["PIT"],
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=100000)] = 0,
) -> TeammatesPage:
    return await api.players.teammates(
        player_id,
        season=season,
        team=team.upper() if team else None,
        limit=limit,
        offset=offset,
    )


@router.get(
    "/{player_id}/distance",
    response_model=DistanceAnswer,
    summary="A player's number: hops to a hub player (like a Bacon number)",
    responses=API_ERRORS,
)
async def get_distance(
    api: Api,
    player_id: PlayerPath,
    to_hub: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=32,
            description=f"Hub player ({PLAYER_ID_HELP}); default PATHS_HUB_ID (Jaromir Jagr).",
            examples=["8447400"],
        ),
    ] = None,
) -> Response:
    hub = to_hub or api.settings.hub_id

    async def compute(dataset: DatasetInfo) -> DistanceAnswer:
        answer = await api.stats.distance(player_id, hub)
        return answer.model_copy(update={"data_version": dataset.version})

    key = ("distance", player_id, hub)
    return json_response(await api.cached(key, DistanceAnswer, compute))


@router.get(
    "/{player_id}/distances",
    response_model=PlayerDistances,
    summary="How many players sit at 1, 2, 3 ... teammate links from a player",
    responses=API_ERRORS,
)
async def get_distances(api: Api, player_id: PlayerPath) -> Response:
    """Oracle of Bacon's table for one player: a breadth-first search over the whole graph
    (a few seconds; cached per data version). 404 when the id is unknown."""

    async def compute(dataset: DatasetInfo) -> PlayerDistances:
        answer = await player_distances(api.paths, player_id)
        return answer.model_copy(update={"data_version": dataset.version})

    return json_response(await api.cached(("distances", player_id), PlayerDistances, compute))


@router.get(
    "/{player_id}/common/{other_id}",
    response_model=CommonTeammates,
    summary="The players who played with both, with the team-seasons shared with each",
    responses=API_ERRORS,
)
async def get_common_teammates(
    api: Api,
    player_id: PlayerPath,
    other_id: Annotated[
        str, Path(min_length=1, max_length=32, description=f"The other player: {PLAYER_ID_HELP}.")
    ],
    limit: Annotated[int, Query(ge=1, le=1000, description="Most players to list.")] = 100,
) -> CommonTeammates:
    """404 (``{"error": "not_found", ...}``) when either id is unknown."""
    return await api.centres.common(player_id, other_id, limit)
