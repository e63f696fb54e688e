"""The query strings of the ``/paths`` routes, each one model (read and documented by
:mod:`graph_api.routes.query_models`): the two players and the constraints every route
takes, and each route's own parameter."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from graph_api.errors import InvalidInput
from graph_api.models.paths import PathConstraints, PathStrategy
from graph_api.models.seasons import Season
from graph_api.routes.examples import FROM_EXAMPLES, PLAYER_ID_HELP, SEASON_HELP, TO_EXAMPLES
from graph_api.routes.query_models import documented

ENDS = ("from", "to")


def _split(values: list[str]) -> tuple[str, ...]:
    return tuple(part for value in values for part in value.split(","))


def _player(alias: str, role: str, examples: list[str]) -> Any:
    """A player id parameter (NHL or Databank id)."""
    return Field(
        alias=alias,
        min_length=1,
        max_length=32,
        description=f"{role} player: {PLAYER_ID_HELP}.",
        examples=examples,
    )


class PathParams(BaseModel):
    """Two players and the constraints on the links between them."""

    model_config = ConfigDict(frozen=True)

    source: str = _player("from", "Start", FROM_EXAMPLES)
    target: str = _player("to", "End", TO_EXAMPLES)
    from_season: Season | None = Field(
        default=None, description=f"Links from this season on ({SEASON_HELP}).", examples=[19801981]
    )
    to_season: Season | None = Field(
        default=None, description=f"Links up to this season ({SEASON_HELP}).", examples=[19992000]
    )
    teams: list[str] = Field(
        default=[],
        max_length=40,
        description="Only links made on these franchises or team codes "
        "(repeat the parameter or separate with commas).",
        examples=[["EDM", "NYI"]],
    )
    exclude: list[str] = Field(
        default=[],
        max_length=50,
        description="Players the path must avoid (8448208: no Jagr); Databank ids too.",
        examples=[["8448208"]],
    )
    min_games: int | None = Field(
        default=None,
        ge=1,
        le=5000,
        description="Minimum games together on every link (per-game data, 2009-10 on).",
    )
    max_hops: int | None = Field(
        default=None, ge=1, description="Longest path accepted (hops, PATHS_MAX_HOPS)."
    )

    def constraints(self) -> PathConstraints:
        """The constraints as the path queries take them (codes split at commas)."""
        try:
            return PathConstraints(
                from_season=self.from_season,
                to_season=self.to_season,
                teams=_split(self.teams),
                exclude=_split(self.exclude),
                min_games=self.min_games,
                max_hops=self.max_hops,
            )
        except ValidationError as exc:
            raise InvalidInput(
                [{"loc": ["query", *map(str, e["loc"])], "msg": e["msg"]} for e in exc.errors()]
            ) from None


class ShortestParams(PathParams):
    strategy: PathStrategy = Field(
        default="strongest",
        description="strongest (default): among ALL shortest paths, the one whose weakest "
        "link is strongest (strength: games played together, see Hop.strength; ties: the "
        "larger total strength, then the smaller player ids hop by hop). any: the first "
        "shortest path Neo4j finds (fastest).",
    )


class AllPathsParams(PathParams):
    limit: int = Field(default=10, ge=1, description="Most paths to list (PATHS_MAX_PATHS).")


class KPathsParams(PathParams):
    k: int = Field(default=3, ge=1, description="How many paths (PATHS_MAX_K at most).")


class PathGraphParams(PathParams):
    per_layer: int = Field(
        default=12,
        ge=1,
        le=40,
        description="Most players per layer; the quieter ones are summarised "
        "(hidden_players, hidden_paths). The strongest path's players are always kept.",
    )


def openapi_of(params: type[PathParams]) -> dict[str, Any]:
    """A ``/paths`` route's ``openapi_extra``: the two players first, then the route's own
    parameters (the fields ``params`` adds), then the constraints."""
    own = (name for name in params.model_fields if name not in PathParams.model_fields)
    return documented(params, first=(*ENDS, *own))
