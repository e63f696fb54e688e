"""/stats: graph size, data version and as-of date, distances from a hub player; the
centres of the hockey universe."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from graph_api.deps import Api
from graph_api.models.centres import CentresAnswer
from graph_api.models.seasons import Season
from graph_api.models.stats import GraphStats
from graph_api.routes.examples import SEASON_HELP
from graph_api.routes.responses import API_ERRORS

router = APIRouter(prefix="/stats", tags=["stats"])


@router.get(
    "/graph",
    response_model=GraphStats,
    summary="Graph size, data as-of date, and how far players are from a hub",
    responses=API_ERRORS,
)
async def graph_stats(
    api: Api,
    hub: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=32,
            description="Hub player id; default PATHS_HUB_ID (Jaromir Jagr), left out while the "
            "history still loads and he is not in the graph yet.",
            examples=["8448208"],
        ),
    ] = None,
) -> GraphStats:
    answer = await api.graph_stats(hub)
    # The counts are kept per data version; the dataset (refresh and history-load progress,
    # which moves without a new version) is read fresh, so it never goes backwards.
    return answer.model_copy(update={"dataset": await api.dataset_now()})


@router.get(
    "/centres",
    response_model=CentresAnswer,
    summary="The centres of the hockey universe: players ranked by average distance",
    responses=API_ERRORS,
)
async def centres(
    api: Api,
    limit: Annotated[int, Query(ge=1, le=500, description="How many players.")] = 20,
    from_season: Annotated[
        Season | None,
        Query(
            description=f"With to_season, an era ({SEASON_HELP}). Eras are ranked per decade, "
            "in the subgraph of the links made in that decade's seasons (precomputed by the "
            "loader): both ends must fall in one decade (422 otherwise).",
            examples=[19801981],
        ),
    ] = None,
    to_season: Annotated[
        Season | None, Query(description="See from_season.", examples=[19891990])
    ] = None,
) -> CentresAnswer:
    answer = await api.centres.centres(limit, from_season, to_season)
    return answer.model_copy(update={"data_version": await api.version()})
