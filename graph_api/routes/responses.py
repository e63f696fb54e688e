"""What the routes answer besides their model: the error responses, documented once, and
answers serialized once.

``ERROR_RESPONSES`` is the one table of documented error answers (all with the body
``{"error": code, "detail": ...}``, see ``graph_api/errors.py``); a route lists the statuses it
can answer with :func:`errors`. A route that returns a pydantic model gets it validated again
and encoded by FastAPI; the path answers are already validated models, so the hot routes
return the JSON bytes directly (their ``response_model`` still documents the shape).
"""

from __future__ import annotations

from typing import Any

from fastapi import Response
from pydantic import BaseModel


class ErrorBody(BaseModel):
    """Every error answer: a machine-readable code and what is wrong."""

    error: str
    detail: Any


def error_response(description: str, code: str, detail: Any) -> dict[str, Any]:
    """One documented error answer with an example body."""
    return {
        "model": ErrorBody,
        "description": description,
        "content": {"application/json": {"example": {"error": code, "detail": detail}}},
    }


ERROR_RESPONSES: dict[int, dict[str, Any]] = {
    400: error_response(
        "The body is not JSON in UTF-8 (or is nested too deeply to read)",
        "bad_request",
        "There was an error parsing the body",
    ),
    404: error_response(
        "An unknown player, team or season (the detail names it)",
        "not_found",
        "no player with id 9999999",
    ),
    422: error_response(
        "Bad parameters (the detail says what is wrong)",
        "invalid_input",
        "from_season 20002001 is after to_season 19901991",
    ),
    503: error_response(
        "Neo4j is not reachable or the query ran out of time",
        "unavailable",
        "Neo4j is not reachable",
    ),
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The documented error answers of these statuses, for a route's ``responses``."""
    return {status: ERROR_RESPONSES[status] for status in statuses}


# What every route of the path API can answer besides 200.
API_ERRORS = errors(404, 422, 503)


def json_response(answer: BaseModel) -> Response:
    return Response(answer.model_dump_json(by_alias=True), media_type="application/json")
