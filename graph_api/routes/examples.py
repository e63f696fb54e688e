"""OpenAPI examples (real players) and the documented error responses of the API routes."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

# Connor McDavid, Sidney Crosby; Wayne Gretzky by his NHL id and by his Hockey Databank id
# (accepted too: answers carry the NHL id); Jaromir Jagr.
FROM_EXAMPLES = ["8478402", "8471675"]
TO_EXAMPLES = ["8447400", "gretzwa01", "8448208"]
PLAYER_EXAMPLES = ["8448208", "8447400", "gretzwa01"]
# How every player-id parameter is described.
PLAYER_ID_HELP = "NHL player id, or a Hockey Databank id (gretzwa01); answers use the NHL id"


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
