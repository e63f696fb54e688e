"""Answers that hand out a seat token: never cached, and rate-limited per client.

``POST /battles`` and ``POST /battles/{code}/players`` carry a seat token, so they are sent
with ``Cache-Control: no-store`` and count against the per-client limit
(:mod:`graph_api.hardening.rate_limit`, built by the composition root).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Depends, Request, Response

from graph_api.deps import SeatLimit
from graph_api.hardening.rate_limit import client_address
from graph_api.routes.responses import error_response

NO_STORE = "no-store"


def rate_limited(description: str, example: str) -> dict[str, Any]:
    """The OpenAPI ``responses`` entry of a 429 from an address limit (``rate_limit.py``)."""
    return {
        **error_response(description, "rate_limited", example),
        "headers": {
            "Retry-After": {
                "description": "Seconds to wait before trying again",
                "schema": {"type": "integer"},
            }
        },
    }


# The statuses these routes add, for their OpenAPI ``responses``.
SEAT_ERRORS: dict[int | str, dict[str, Any]] = {
    413: error_response(
        "The request body is larger than SECURITY_MAX_BODY_BYTES",
        "payload_too_large",
        "request bodies are at most 65536 bytes",
    ),
    429: rate_limited(
        "This address created or joined too many rooms (SECURITY_ROOM_RATE_LIMIT)",
        "too many requests to create rooms from this address; try again in 42 s",
    ),
}


def seat_issuing(action: str) -> list[Any]:
    """Route dependencies of a request that hands out a seat token (create or join)."""

    async def guard(request: Request, response: Response, limit: SeatLimit) -> None:
        response.headers["Cache-Control"] = NO_STORE
        await limit.check(action, client_address(request))

    dependency: Callable[..., Coroutine[Any, Any, None]] = guard
    return [Depends(dependency)]
