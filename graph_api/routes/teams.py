"""/teams: franchises and team-season rosters."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from graph_api.deps import Api
from graph_api.models.seasons import Season
from graph_api.models.teams import TeamList, TeamSeasonRoster
from graph_api.routes.responses import API_ERRORS

router = APIRouter(prefix="/teams", tags=["teams"])


@router.get("", response_model=TeamList, summary="Every franchise", responses=API_ERRORS)
async def list_teams(api: Api) -> TeamList:
    return await api.teams.teams()


@router.get(
    "/{code}/seasons/{season}",
    response_model=TeamSeasonRoster,
    summary="The roster of one team in one season",
    responses=API_ERRORS,
)
async def team_season_roster(
    api: Api,
    code: Annotated[
        str,
        Path(
            min_length=2,
            max_length=5,
            pattern=r"^[A-Za-z]+$",
            description="Team code of that season or franchise id.",
            examples=["EDM"],
        ),
    ],
    season: Annotated[Season, Path(description="8-digit season.", examples=[19871988])],
) -> TeamSeasonRoster:
    return await api.teams.roster(code.upper(), season)
