"""/players: search, the player page, teammates, distance to a hub player."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from graph_api.errors import InvalidInput
from graph_api.models.paths import check_season
from graph_api.models.players import PlayerDetail, PlayerSearch, TeammatesPage
from graph_api.models.stats import DistanceAnswer
from graph_api.names import fold_name
from graph_api.routes.context import Api
from graph_api.routes.examples import ERRORS, PLAYER_EXAMPLES, PLAYER_ID_HELP
from graph_api.routes.responses import json_response

router = APIRouter(prefix="/players", tags=["players"])

PlayerPath = Annotated[
    str,
    Path(min_length=1, max_length=32, description=f"{PLAYER_ID_HELP}.", examples=PLAYER_EXAMPLES),
]


@router.get(
    "",
    response_model=PlayerSearch,
    summary="Search players by name (accent/case-insensitive, typo-tolerant)",
    responses=ERRORS,
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
    responses=ERRORS,
)
async def get_player(api: Api, player_id: PlayerPath) -> PlayerDetail:
    return await api.players.get(player_id)


@router.get(
    "/{player_id}/teammates",
    response_model=TeammatesPage,
    summary="A player's teammates with the seasons and teams shared, paged",
    responses=ERRORS,
)
async def get_teammates(
    api: Api,
    player_id: PlayerPath,
    season: Annotated[
        int | None,
        Query(
            ge=19171918,
            le=21002101,
            description="Only this season (8 digits).",
            examples=[20072008],
        ),
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
    try:
        check_season(season)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
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
    responses=ERRORS,
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
    version = await api.version()
    key = ("distance", player_id, hub)
    cached = api.cache.get(version, key, DistanceAnswer)
    if cached is not None:
        return json_response(cached)
    answer = await api.stats.distance(player_id, hub)
    answer = answer.model_copy(update={"data_version": version})
    api.cache.put(version, key, answer)
    return json_response(answer)
