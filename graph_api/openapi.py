"""The OpenAPI document, completed with what only the app's settings and its error handlers
know, so that it promises exactly what the server enforces:

- the largest ``max_hops``, ``limit`` and ``k`` of ``/paths/*`` are the app's own
  ``PATHS_MAX_HOPS``, ``PATHS_MAX_PATHS`` and ``PATHS_MAX_K`` (the values the routes check);
- every operation with a JSON body may answer 400 (a body that is not UTF-8 JSON, or nested
  too deeply to read), with the error body of ``graph_api/errors.py``.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from graph_api.routes.responses import ERROR_RESPONSES
from graph_api.settings import PathsSettings

PATHS_PREFIX = "/paths/"
ERROR_BODY_REF = "#/components/schemas/ErrorBody"


def path_limits(settings: PathsSettings) -> dict[str, int]:
    """The largest value of each bounded ``/paths/*`` parameter, as the routes enforce it."""
    return {"max_hops": settings.max_hops, "limit": settings.max_paths, "k": settings.max_k}


def install_openapi(app: FastAPI, settings: PathsSettings) -> None:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            _document_limits(schema, path_limits(settings))
            _document_bad_bodies(schema)
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]


def _operations(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (path, operation)
        for path, item in schema.get("paths", {}).items()
        for operation in item.values()
        if isinstance(operation, dict)
    ]


def _document_limits(schema: dict[str, Any], limits: dict[str, int]) -> None:
    for path, operation in _operations(schema):
        if not path.startswith(PATHS_PREFIX):
            continue
        for parameter in operation.get("parameters", []):
            if parameter["name"] in limits:
                _bounded(parameter["schema"])["maximum"] = limits[parameter["name"]]


def _bounded(schema: dict[str, Any]) -> dict[str, Any]:
    """The integer schema inside an optional one (``anyOf: [integer, null]``)."""
    for option in schema.get("anyOf", ()):
        if option.get("type") == "integer":
            integer: dict[str, Any] = option
            return integer
    return schema


def _document_bad_bodies(schema: dict[str, Any]) -> None:
    bad_body = ERROR_RESPONSES[400]
    answer = {
        "description": bad_body["description"],
        "content": {
            "application/json": {
                "schema": {"$ref": ERROR_BODY_REF},
                "example": bad_body["content"]["application/json"]["example"],
            }
        },
    }
    for _, operation in _operations(schema):
        if "requestBody" in operation:
            operation.setdefault("responses", {}).setdefault("400", answer)
