"""/paths: shortest, all shortest and k shortest teammate paths, each hop with its evidence.

Each route reads its query string as one model (``graph_api/routes/path_params.py``): FastAPI
solving ten parameters one by one was the largest cost of a request outside the query.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from graph_api.deps import queries_of
from graph_api.errors import InvalidInput
from graph_api.models.paths import AllPathsAnswer, KPathsAnswer, PathAnswer, PathStrategy
from graph_api.models.stats import DatasetInfo
from graph_api.observability.metrics import timed_path_query
from graph_api.routes.path_params import AllPathsParams, KPathsParams, ShortestParams, openapi_of
from graph_api.routes.query_models import RequestRoute, read_query
from graph_api.routes.responses import API_ERRORS, json_response

router = APIRouter(prefix="/paths", tags=["paths"], route_class=RequestRoute)


@router.get(
    "/shortest",
    response_model=PathAnswer,
    summary="One shortest teammate path, every hop with its evidence",
    responses=API_ERRORS,
    openapi_extra=openapi_of(ShortestParams),
)
async def shortest_path(request: Request) -> Response:
    params = read_query(request, ShortestParams)
    api, constraints = queries_of(request), params.constraints()
    source, target, strategy = params.source, params.target, params.strategy

    async def compute(dataset: DatasetInfo, chosen_by: PathStrategy = strategy) -> PathAnswer:
        with timed_path_query("shortest"):
            finding = await api.paths.find_shortest(source, target, constraints, chosen_by)
        path = finding.path
        strengths = [hop.strength for hop in path.hops] if path else []
        known = [value for value in strengths if value is not None]
        measured = bool(known) and len(known) == len(strengths)
        return PathAnswer.model_validate(
            {
                "strategy": chosen_by,
                "weakest_link": min(known) if measured else None,
                "total_strength": sum(known) if measured else None,
                "from": finding.source,
                "to": finding.target,
                "length": path.length if path else None,
                "path": path,
                "reason": finding.reason,
                "constraints": constraints,
                "data_version": dataset.version,
            }
        )

    async def first_found(dataset: DatasetInfo) -> PathAnswer:
        async def any_path(dataset: DatasetInfo) -> PathAnswer:
            return await compute(dataset, "any")

        # The strategy=any answer of the pair, from the cache when it is there.
        found = await api.cached(key_of("any"), PathAnswer, any_path)
        return found.model_copy(update={"strongest_pending": True})

    def key_of(chosen_by: PathStrategy) -> tuple[object, ...]:
        return ("shortest", source, target, chosen_by, constraints.cache_key())

    key = key_of(strategy)
    if strategy == "any":
        return json_response(await api.cached(key, PathAnswer, compute))
    budget = api.settings.strongest_budget_s
    return json_response(await api.cached_within(key, PathAnswer, compute, budget, first_found))


@router.get(
    "/all",
    response_model=AllPathsAnswer,
    summary="All shortest paths (up to limit) and their exact number",
    responses=API_ERRORS,
    openapi_extra=openapi_of(AllPathsParams),
)
async def all_shortest_paths(request: Request) -> Response:
    params = read_query(request, AllPathsParams)
    api, constraints = queries_of(request), params.constraints()
    source, target, limit = params.source, params.target, params.limit
    if limit > api.settings.max_paths:
        raise InvalidInput(f"limit may be at most {api.settings.max_paths}")

    async def compute(dataset: DatasetInfo) -> AllPathsAnswer:
        with timed_path_query("all"):
            found = await api.paths.all_shortest(source, target, constraints, limit)
        return AllPathsAnswer.model_validate(
            {
                "from": found.source,
                "to": found.target,
                "length": found.length,
                "total_paths": found.total,
                "returned": len(found.paths),
                "truncated": found.total > len(found.paths),
                "paths": found.paths,
                "reason": found.reason,
                "constraints": constraints,
                "data_version": dataset.version,
            }
        )

    key = ("all", source, target, limit, constraints.cache_key())
    return json_response(await api.cached(key, AllPathsAnswer, compute))


@router.get(
    "/k",
    response_model=KPathsAnswer,
    summary="The k shortest simple paths (different links, shortest first)",
    responses=API_ERRORS,
    openapi_extra=openapi_of(KPathsParams),
)
async def k_shortest_paths(request: Request) -> Response:
    params = read_query(request, KPathsParams)
    api, constraints = queries_of(request), params.constraints()
    source, target, k = params.source, params.target, params.k
    if k > api.settings.max_k:
        raise InvalidInput(f"k may be at most {api.settings.max_k}")

    async def compute(dataset: DatasetInfo) -> KPathsAnswer:
        with timed_path_query("k"):
            finding = await api.paths.find_k_shortest(source, target, constraints, k)
        return KPathsAnswer.model_validate(
            {
                "from": finding.source,
                "to": finding.target,
                "k": k,
                "paths": finding.paths,
                "reason": finding.reason,
                "constraints": constraints,
                "data_version": dataset.version,
            }
        )

    key = ("k", source, target, k, constraints.cache_key())
    return json_response(await api.cached(key, KPathsAnswer, compute))
