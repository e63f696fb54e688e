"""The application's exception tree and the one handler that renders it.

``AppError`` subclasses carry an HTTP status and a short machine-readable ``code``; every
error response has the body ``{"error": code, "detail": ...}``. The same tree serves the
command lines: ``str(error)`` is the message they print and ``hint`` what to do about it.

- ``NotFound`` (404): an id or code that does not exist.
- ``InvalidInput`` (422): parameters that parse but make no sense together.
- ``Conflict`` (409): the request clashes with the current state (e.g. a full room).
- ``TooManyRequests`` (429): a rate limit; ``Retry-After`` says when to try again.
- ``Unavailable`` (503): a backing service (Neo4j, Redis) cannot be reached right now.

Requests the routing or the body parser turns away (an unknown path 404, a wrong method 405,
a body that is not UTF-8 JSON 400) get the same body shape, with the status phrase as code
(``not_found``, ``method_not_allowed``, ``bad_request``).
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException


class AppError(Exception):
    status_code = 500
    code = "internal_error"
    hint: str | None = None  # what a person can do about it (printed by the command lines)
    headers: dict[str, str] | None = None

    def __init__(self, detail: Any) -> None:
        super().__init__(detail)
        self.detail = detail

    def __str__(self) -> str:
        return str(self.detail)


class NotFound(AppError):
    status_code = 404
    code = "not_found"


class InvalidInput(AppError):
    status_code = 422
    code = "invalid_input"


class Conflict(AppError):
    status_code = 409
    code = "conflict"


class TooManyRequests(AppError):
    status_code = 429
    code = "rate_limited"

    def __init__(self, detail: Any, retry_after_s: int) -> None:
        super().__init__(detail)
        self.headers = {"Retry-After": str(retry_after_s)}


class Unavailable(AppError):
    status_code = 503
    code = "unavailable"


def error_body(code: str, detail: Any) -> dict[str, Any]:
    return {"error": code, "detail": detail}


def status_code_name(status: int) -> str:
    """``404`` -> ``"not_found"``: the code of an error the framework raised."""
    return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")


async def _app_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return JSONResponse(
        error_body(exc.code, exc.detail), status_code=exc.status_code, headers=exc.headers
    )


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    return JSONResponse(
        error_body(status_code_name(exc.status_code), exc.detail),
        status_code=exc.status_code,
        headers=exc.headers,
    )


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    detail = [
        {"loc": list(err.get("loc", ())), "msg": err.get("msg", ""), "type": err.get("type", "")}
        for err in exc.errors()
    ]
    return JSONResponse(error_body(InvalidInput.code, detail), status_code=InvalidInput.status_code)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
