"""/paths/graph: every shortest path between two players as a layered graph, to draw."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from graph_api.deps import queries_of
from graph_api.models.path_graph import PathGraph
from graph_api.models.stats import DatasetInfo
from graph_api.observability.metrics import timed_path_query
from graph_api.routes.path_params import PathGraphParams, openapi_of
from graph_api.routes.query_models import RequestRoute, read_query
from graph_api.routes.responses import API_ERRORS, json_response

router = APIRouter(prefix="/paths", tags=["paths"], route_class=RequestRoute)


@router.get(
    "/graph",
    response_model=PathGraph,
    summary="Every shortest path as a layered graph: players by distance, the busiest first",
    responses=API_ERRORS,
    openapi_extra=openapi_of(PathGraphParams),
)
async def shortest_path_graph(request: Request) -> Response:
    """The shortest-path graph (the union of every shortest path), with the number of
    shortest paths through each player and link, the strongest path marked and each drawn
    link's evidence. 404 when a player is unknown; ``length: null`` with a ``reason`` when
    there is no path."""
    params = read_query(request, PathGraphParams)
    api, constraints = queries_of(request), params.constraints()
    source, target, per_layer = params.source, params.target, params.per_layer

    async def compute(dataset: DatasetInfo) -> PathGraph:
        with timed_path_query("graph"):
            answer = await api.path_graph.graph(source, target, constraints, per_layer)
        return answer.model_copy(update={"data_version": dataset.version})

    key = ("graph", source, target, per_layer, constraints.cache_key())
    return json_response(await api.cached(key, PathGraph, compute))
