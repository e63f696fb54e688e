"""/stats/graph: graph size, data version and as-of date, distances from a hub player."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from graph_api.deps import Api
from graph_api.models.stats import DatasetInfo, GraphStats
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
            description="Hub player id; default PATHS_HUB_ID (Jaromir Jagr).",
            examples=["8448208"],
        ),
    ] = None,
) -> GraphStats:
    hub_id = hub or api.settings.hub_id

    async def compute(dataset: DatasetInfo) -> GraphStats:
        return await api.stats.graph_stats(hub_id, dataset)

    return await api.cached(("stats", hub_id), GraphStats, compute)
