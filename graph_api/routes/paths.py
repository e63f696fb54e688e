"""/paths: shortest, all shortest and k shortest teammate paths, each hop with its evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from pydantic import ValidationError

from graph_api.deps import Api
from graph_api.errors import InvalidInput
from graph_api.models.paths import (
    AllPathsAnswer,
    KPathsAnswer,
    PathAnswer,
    PathConstraints,
    PathStrategy,
)
from graph_api.models.seasons import Season
from graph_api.models.stats import DatasetInfo
from graph_api.observability.metrics import timed_path_query
from graph_api.routes.examples import FROM_EXAMPLES, PLAYER_ID_HELP, TO_EXAMPLES
from graph_api.routes.responses import API_ERRORS, json_response

router = APIRouter(prefix="/paths", tags=["paths"])

SEASON_HELP = "8-digit season, e.g. 19871988 for 1987-88"


def _split(values: list[str]) -> tuple[str, ...]:
    return tuple(part for value in values for part in value.split(","))


async def path_constraints(
    from_season: Annotated[
        Season | None,
        Query(
            description=f"Links from this season on ({SEASON_HELP}).",
            examples=[19801981],
        ),
    ] = None,
    to_season: Annotated[
        Season | None,
        Query(
            description=f"Links up to this season ({SEASON_HELP}).",
            examples=[19992000],
        ),
    ] = None,
    teams: Annotated[
        list[str],
        Query(
            max_length=40,
            description="Only links made on these franchises or team codes "
            "(repeat the parameter or separate with commas).",
            examples=[["EDM", "NYI"]],
        ),
    ] = [],  # noqa: B006 - FastAPI copies query defaults
    exclude: Annotated[
        list[str],
        Query(
            max_length=50,
            description="Players the path must avoid (8448208: no Jagr); Databank ids too.",
            examples=[["8448208"]],
        ),
    ] = [],  # noqa: B006
    min_games: Annotated[
        int | None,
        Query(
            ge=1,
            le=5000,
            description="Minimum games together on every link (per-game data, 2009-10 on).",
        ),
    ] = None,
    max_hops: Annotated[
        int | None, Query(ge=1, description="Longest path accepted (hops, PATHS_MAX_HOPS).")
    ] = None,
) -> PathConstraints:
    try:
        return PathConstraints(
            from_season=from_season,
            to_season=to_season,
            teams=_split(teams),
            exclude=_split(exclude),
            min_games=min_games,
            max_hops=max_hops,
        )
    except ValidationError as exc:
        raise InvalidInput(
            [{"loc": ["query", *map(str, e["loc"])], "msg": e["msg"]} for e in exc.errors()]
        ) from None


Constraints = Annotated[PathConstraints, Depends(path_constraints)]
From = Annotated[
    str,
    Query(
        alias="from",
        description=f"Start player: {PLAYER_ID_HELP}.",
        examples=FROM_EXAMPLES,
        min_length=1,
        max_length=32,
    ),
]
To = Annotated[
    str,
    Query(
        alias="to",
        description=f"End player: {PLAYER_ID_HELP}.",
        examples=TO_EXAMPLES,
        min_length=1,
        max_length=32,
    ),
]


@router.get(
    "/shortest",
    response_model=PathAnswer,
    summary="One shortest teammate path, every hop with its evidence",
    responses=API_ERRORS,
)
async def shortest_path(
    api: Api,
    source: From,
    target: To,
    constraints: Constraints,
    strategy: Annotated[
        PathStrategy,
        Query(
            description="strongest (default): among ALL shortest paths, the one whose weakest "
            "link is strongest (strength: games played together, see Hop.strength; ties: the "
            "larger total strength, then the smaller player ids hop by hop). any: the first "
            "shortest path Neo4j finds (fastest)."
        ),
    ] = "strongest",
) -> Response:
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
)
async def all_shortest_paths(
    api: Api,
    source: From,
    target: To,
    constraints: Constraints,
    limit: Annotated[int, Query(ge=1, description="Most paths to list (PATHS_MAX_PATHS).")] = 10,
) -> Response:
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
)
async def k_shortest_paths(
    api: Api,
    source: From,
    target: To,
    constraints: Constraints,
    k: Annotated[int, Query(ge=1, description="How many paths (PATHS_MAX_K at most).")] = 3,
) -> Response:
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
