"""OpenAPI examples (real players) and the documented error responses of the API routes."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

# Connor McDavid, Sidney Crosby; Wayne Gretzky (Databank id: his career ended before 2009-10).
FROM_EXAMPLES = ["8478402", "8471675"]
TO_EXAMPLES = ["gretzwa01", "8448208"]
PLAYER_EXAMPLES = ["8448208", "gretzwa01"]  # Jaromir Jagr, Wayne Gretzky


class ErrorBody(BaseModel):
    error: str
    detail: Any


ERRORS: dict[int | str, dict[str, Any]] = {
    404: {
        "model": ErrorBody,
        "description": "An unknown player, team or season (the detail names it)",
        "content": {
            "application/json": {
                "example": {"error": "not_found", "detail": "no player with id 9999999"}
            }
        },
    },
    422: {
        "model": ErrorBody,
        "description": "Bad parameters (the detail says what is wrong)",
        "content": {
            "application/json": {
                "example": {
                    "error": "invalid_input",
                    "detail": "from_season 20002001 is after to_season 19901991",
                }
            }
        },
    },
    503: {
        "model": ErrorBody,
        "description": "Neo4j is not reachable or the query ran out of time",
        "content": {
            "application/json": {
                "example": {"error": "unavailable", "detail": "Neo4j is not reachable"}
            }
        },
    },
}
