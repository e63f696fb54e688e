"""/paths/graph: every shortest path between two players as a layered graph, to draw."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from graph_api.deps import Api
from graph_api.models.path_graph import PathGraph
from graph_api.models.stats import DatasetInfo
from graph_api.observability.metrics import timed_path_query
from graph_api.routes.paths import Constraints, From, To
from graph_api.routes.responses import API_ERRORS, json_response

router = APIRouter(prefix="/paths", tags=["paths"])


@router.get(
    "/graph",
    response_model=PathGraph,
    summary="Every shortest path as a layered graph: players by distance, the busiest first",
    responses=API_ERRORS,
)
async def shortest_path_graph(
    api: Api,
    source: From,
    target: To,
    constraints: Constraints,
    per_layer: Annotated[
        int,
        Query(
            ge=1,
            le=40,
            description="Most players per layer; the quieter ones are summarised "
            "(hidden_players, hidden_paths). The strongest path's players are always kept.",
        ),
    ] = 12,
) -> Response:
    """The shortest-path graph (the union of every shortest path), with the number of
    shortest paths through each player and link, the strongest path marked and each drawn
    link's evidence. 404 when a player is unknown; ``length: null`` with a ``reason`` when
    there is no path."""

    async def compute(dataset: DatasetInfo) -> PathGraph:
        with timed_path_query("graph"):
            answer = await api.path_graph.graph(source, target, constraints, per_layer)
        return answer.model_copy(update={"data_version": dataset.version})

    key = ("graph", source, target, per_layer, constraints.cache_key())
    return json_response(await api.cached(key, PathGraph, compute))
