"""The /paths routes read their query string as one model (graph_api/routes/query_models.py):
read as FastAPI reads declared parameters, refused with FastAPI's error locations, and
documented as FastAPI documents a query model. No server needed."""

from __future__ import annotations

from typing import Annotated, Any

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI, Query
from pydantic import BaseModel
from starlette.requests import Request

from graph_api.app import create_app
from graph_api.routes.path_params import (
    AllPathsParams,
    KPathsParams,
    PathGraphParams,
    ShortestParams,
)
from graph_api.routes.query_models import RequestRoute, documented, read_query
from tests.conftest import base_settings

PATH_PARAMS: list[type[BaseModel]] = [ShortestParams, AllPathsParams, KPathsParams, PathGraphParams]


def request(query: str) -> Request:
    return Request({"type": "http", "query_string": query.encode(), "headers": []})


def test_a_repeated_name_gives_its_last_value_or_every_value_to_a_list() -> None:
    params = read_query(
        request("from=1&from=8478402&to=8447400&teams=EDM,NYI&teams=MTL&strategy=any&other=x"),
        ShortestParams,
    )
    assert (params.source, params.target, params.strategy) == ("8478402", "8447400", "any")
    assert params.teams == ["EDM,NYI", "MTL"]
    assert params.constraints().teams == ("EDM", "MTL", "NYI")


def test_defaults_are_the_documented_ones() -> None:
    params = read_query(request("from=8478402&to=8447400"), KPathsParams)
    assert (params.k, params.teams, params.exclude, params.from_season) == (3, [], [], None)


@pytest.mark.parametrize(
    ("query", "location", "kind"),
    [
        ("to=8447400", ["query", "from"], "missing"),
        ("from=8478402&to=8447400&from_season=abc", ["query", "from_season"], "int_parsing"),
        ("from=8478402&to=8447400&from_season=19871989", ["query", "from_season"], "value_error"),
        ("from=8478402&to=8447400&strategy=best", ["query", "strategy"], "literal_error"),
        ("from=8478402&to=8447400&min_games=0", ["query", "min_games"], "greater_than_equal"),
        ("from=&to=8447400", ["query", "from"], "string_too_short"),
    ],
)
async def test_bad_values_get_fastapis_answer(query: str, location: list[str], kind: str) -> None:
    app = create_app(base_settings())  # refused before the route needs the services
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.get(f"/paths/shortest?{query}")
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "invalid_input"
    assert [(e["loc"], e["type"]) for e in body["detail"]] == [(location, kind)]


def fastapi_parameters(model: type[BaseModel]) -> dict[str, Any]:
    """How FastAPI itself documents ``model`` declared as a query-parameter model."""

    async def reference(params: BaseModel) -> None:
        return None

    # The annotation as an object (this module's annotations are strings).
    reference.__annotations__ = {"params": Annotated[model, Query()], "return": None}
    app = FastAPI()
    app.add_api_route("/reference", reference)
    operation = app.openapi()["paths"]["/reference"]["get"]
    return {parameter["name"]: parameter for parameter in operation["parameters"]}


@pytest.mark.parametrize("model", PATH_PARAMS)
def test_documented_as_fastapi_documents_the_same_model(model: type[BaseModel]) -> None:
    ours = {parameter["name"]: parameter for parameter in documented(model)["parameters"]}
    assert ours == fastapi_parameters(model)


def test_the_players_come_first_then_the_routes_own_parameter() -> None:
    names = [
        p["name"]
        for p in documented(ShortestParams, first=("from", "to", "strategy"))["parameters"]
    ]
    assert names[:3] == ["from", "to", "strategy"]
    assert sorted(names) == sorted(ShortestParams.model_json_schema(by_alias=True)["properties"])


def test_a_nested_model_cannot_be_a_query_string() -> None:
    class Inner(BaseModel):
        x: int

    class Outer(BaseModel):
        inner: Inner

    with pytest.raises(ValueError, match="nested model"):
        documented(Outer)


async def takes_the_request(request: Request) -> None:
    return None


async def takes_a_parameter(request: Request, k: int = 3) -> None:
    return None


async def a_dependency() -> None:
    return None


@pytest.mark.parametrize(
    ("endpoint", "dependencies"),
    [(takes_a_parameter, []), (takes_the_request, [Depends(a_dependency)])],
)
def test_a_request_route_refuses_what_it_would_not_solve(
    endpoint: Any, dependencies: list[Any]
) -> None:
    router = APIRouter(route_class=RequestRoute)
    with pytest.raises(TypeError, match="only the request"):
        router.add_api_route("/x", endpoint, dependencies=dependencies)
    router.add_api_route("/x", takes_the_request)  # the one shape it serves
