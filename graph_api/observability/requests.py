"""The request id and the HTTP/WebSocket metrics, as one pure ASGI middleware.

Every HTTP request and WebSocket gets an id: the client's ``X-Request-ID`` when it is a
sane token (1-128 characters of letters, digits and ``._:+/=-``), else a new random one. It
is set in a context variable for the log lines written while the request runs
(:mod:`graph_api.observability.logs`) and sent back as ``X-Request-ID`` on the response (on
the WebSocket handshake's answer too).

A pure ASGI middleware rather than ``BaseHTTPMiddleware``: it adds a few microseconds, and it
does not buffer streamed bodies or break WebSockets. The middleware also notices the end of
the worker's lifespan to retire its live gauges (multiprocess metrics).
"""

from __future__ import annotations

import json
import logging
import os
import random
import re
import time
from contextvars import ContextVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph_api.errors import error_body
from graph_api.observability.metrics import mark_worker_dead, metrics

log = logging.getLogger(__name__)

HEADER = b"x-request-id"
VALID_ID = re.compile(r"[A-Za-z0-9._:+/=-]{1,128}")
# Outside a request (start-up, timers, background work) log lines carry this id.
NO_REQUEST = "-"
request_id: ContextVar[str] = ContextVar("request_id", default=NO_REQUEST)
_ids = random.Random(os.urandom(16))  # each worker process imports this module afresh


def new_request_id() -> str:
    """32 random hex digits. An id tells requests apart and is no secret, so a seeded
    generator serves (a system call per request was most of the middleware's own time)."""
    return f"{_ids.getrandbits(128):032x}"


def request_id_of(scope: Scope) -> str:
    """The client's id when it is acceptable, else a new one."""
    for name, value in scope.get("headers", ()):
        if name == HEADER:
            text = str(value.decode("latin-1"))
            if VALID_ID.fullmatch(text):
                return text
            break
    return new_request_id()


def route_label(scope: Scope, status: int) -> str:
    """The route template (``/paths/shortest``, ``/battles/{code}``), never the raw path."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str):
        return path
    mounted = scope.get("root_path", "")
    if mounted and status != 404:
        return f"{mounted}/{{path}}"  # a mounted app such as /static
    return "unmatched"


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "http":
            await self._http(scope, receive, send)
        elif kind == "websocket":
            await self._websocket(scope, receive, send)
        else:
            await self.app(scope, receive, self._lifespan_send(send))

    def _lifespan_send(self, send: Send) -> Send:
        async def sending(message: Message) -> None:
            if message["type"] == "lifespan.shutdown.complete":
                mark_worker_dead()
            await send(message)

        return sending

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        rid = request_id_of(scope)
        token = request_id.set(rid)
        header = (HEADER, rid.encode())
        started = time.perf_counter()
        status = 500
        response_started = False

        async def sending(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = message["status"]
                response_started = True
                message["headers"] = [*message.get("headers", ()), header]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception:
            # Answer in the error format with the id; the server logs the traceback.
            if not response_started:
                await _internal_error(sending)
            raise
        finally:
            count, latency = metrics().http_series(
                scope["method"], route_label(scope, status), str(status)
            )
            count.inc()
            latency.observe(time.perf_counter() - started)
            request_id.reset(token)

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        rid = request_id_of(scope)
        token = request_id.set(rid)
        header = (HEADER, rid.encode())
        gauge = metrics().websockets_open
        accepted = False

        async def sending(message: Message) -> None:
            nonlocal accepted
            if message["type"] == "websocket.accept" and not accepted:
                accepted = True
                message["headers"] = [*message.get("headers", ()), header]
                gauge.inc()
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            if accepted:
                gauge.dec()
            request_id.reset(token)


async def _internal_error(send: Send) -> None:
    body = json.dumps(error_body("internal_error", "the server failed on this request")).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 500,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", b"%d" % len(body)),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
