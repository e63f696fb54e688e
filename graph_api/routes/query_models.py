"""A route's query string as one pydantic model: read in one validation, documented as the
OpenAPI parameters FastAPI would write for it.

FastAPI solves each declared parameter on its own, and for ``/paths/shortest`` (ten
parameters and a dependency) that was 0.17 ms of a 2 ms request inside the worker, more
than the route, the answer's models and its JSON together (bench/README.md, issue 11). A
route that takes only the ``Request`` and calls :func:`read_query` validates the same rules
in one ``model_validate`` (a few microseconds); :func:`documented` puts the model's fields in
its OpenAPI operation (``openapi_extra``), so the document still promises exactly what is
checked: the model is the one place the parameters are written.

A value that does not validate raises FastAPI's own ``RequestValidationError`` with the
locations FastAPI gives (``["query", name, ...]``), so the answer is the one every other
route gives (422, ``{"error": "invalid_input", "detail": [...]}``, ``graph_api/errors.py``).

Such a route's router takes ``route_class=RequestRoute``: FastAPI's own handler would still
solve the (absent) parameters and dependencies on every request; this one calls the endpoint
with the request (a custom ``APIRoute``, FastAPI's extension point for the request handler).
"""

from __future__ import annotations

import functools
import inspect
import types
import typing
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError
from starlette.requests import HTTPConnection

QUERY = "query"
Model = TypeVar("Model", bound=BaseModel)


@functools.cache
def list_fields(model: type[BaseModel]) -> frozenset[str]:
    """The names in the query string (aliases) of the fields that take every repeated value."""
    return frozenset(
        field.alias or name
        for name, field in model.model_fields.items()
        if _is_list(field.annotation)
    )


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(_is_list(option) for option in typing.get_args(annotation))
    return typing.get_origin(annotation) in (list, tuple) or annotation in (list, tuple)


def read_query(connection: HTTPConnection, model: type[Model]) -> Model:
    """The request's query string as ``model`` (a repeated name: its last value, or every
    value for a list field, as FastAPI reads them); unknown names are ignored."""
    params, lists = connection.query_params, list_fields(model)
    values = {
        name: params.getlist(name) if name in lists else value for name, value in params.items()
    }
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**error, "loc": (QUERY, *error["loc"])} for error in exc.errors(include_url=False)]
        ) from None


def documented(model: type[BaseModel], first: tuple[str, ...] = ()) -> dict[str, Any]:
    """``openapi_extra`` for a route that reads ``model`` with :func:`read_query`: each field
    as a query parameter, written as FastAPI writes a declared ``Query`` (the field's schema,
    its description beside it). ``first``: names listed before the others, in that order."""
    schema = model.model_json_schema(by_alias=True, ref_template="#/components/schemas/{model}")
    if "$defs" in schema:
        raise ValueError(f"{model.__name__}: a query parameter cannot be a nested model")
    required = set(schema.get("required", ()))
    properties: dict[str, Any] = schema["properties"]
    names = [*first, *(name for name in properties if name not in first)]
    parameters = []
    for name in names:
        field_schema = properties[name]
        if "default" in field_schema and field_schema["default"] is None:
            del field_schema["default"]  # FastAPI does not write an absent value's default
        parameter: dict[str, Any] = {"name": name, "in": QUERY, "required": name in required}
        parameter["schema"] = field_schema
        if "description" in field_schema:
            parameter["description"] = field_schema["description"]
        parameters.append(parameter)
    return {"parameters": parameters}


class RequestRoute(APIRoute):
    """A route whose endpoint takes only the request (and reads it with :func:`read_query`)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        endpoint = self.endpoint
        # Nothing FastAPI would solve may be declared, or it would be skipped silently.
        if list(inspect.signature(endpoint).parameters) != ["request"] or (
            self.dependant.dependencies
        ):
            raise TypeError(
                f"{self.path}: a RequestRoute's endpoint takes only the request, "
                "without dependencies"
            )

        async def handler(request: Request) -> Response:
            response: Response = await endpoint(request)
            return response

        return handler
