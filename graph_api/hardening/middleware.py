"""One pure ASGI middleware: ``nosniff`` everywhere, a body-size limit, a WebSocket Origin check.

- Every HTTP response gets ``X-Content-Type-Options: nosniff``.
- A request body over ``SECURITY_MAX_BODY_BYTES`` is refused with 413 and the error body,
  whether ``Content-Length`` announces it or a chunked body grows past it.
- A WebSocket whose ``Origin`` header is not allowed (``SECURITY_WS_ORIGINS``) is accepted
  only to be told why: an ``origin_not_allowed`` error frame, then close code 1008. Browsers
  always send ``Origin``; a client that sends none (a script, a test) is not a browser page
  that another site could drive, so it passes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph_api.battle.websocket.protocol import error_frame
from graph_api.errors import error_body

NOSNIFF = (b"x-content-type-options", b"nosniff")
WS_POLICY_VIOLATION = 1008
ORIGIN_NOT_ALLOWED = "origin_not_allowed"
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


@dataclass(frozen=True)
class OriginPolicy:
    """``self`` (the origin the request was sent to), ``localhost`` (any port on a loopback
    name), ``*`` (any), and exact origins such as ``https://puckpath.example``."""

    allow_self: bool
    allow_localhost: bool
    allow_any: bool
    origins: frozenset[str]

    @classmethod
    def parse(cls, spec: str) -> OriginPolicy:
        items = {item.strip().rstrip("/").lower() for item in spec.split(",") if item.strip()}
        return cls(
            "self" in items,
            "localhost" in items,
            "*" in items,
            frozenset(items - {"self", "localhost", "*"}),
        )

    def allows(self, origin: str | None, host: str | None) -> bool:
        if origin is None or self.allow_any:
            return True
        origin = origin.strip().rstrip("/").lower()
        if origin in self.origins:
            return True
        try:
            parts = urlsplit(origin)
        except ValueError:
            return False
        if self.allow_localhost and parts.hostname in LOOPBACK_HOSTS:
            return True
        return self.allow_self and host is not None and parts.netloc == host.strip().lower()


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


class HardeningMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int, origins: OriginPolicy) -> None:
        self.app = app
        self.max_body = max_body_bytes
        self.origins = origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "websocket":
            if self.origins.allows(_header(scope, b"origin"), _header(scope, b"host")):
                await self.app(scope, receive, send)
            else:
                await _refuse_origin(receive, send)
        else:
            await self.app(scope, receive, send)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        refused = False  # a 413 went out: whatever the app answers after it is dropped

        async def sending(message: Message) -> None:
            if refused:
                return
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), NOSNIFF]
            await send(message)

        announced = _header(scope, b"content-length")
        if announced is not None and announced.isdigit() and int(announced) > self.max_body:
            await self._too_large(sending)
            return
        received = 0

        async def receiving() -> Message:
            # A body that grows past the limit is answered 413 at once; the app is told the
            # client went away (frameworks turn errors raised here into their own 400).
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request" and not refused:
                received += len(message.get("body", b""))
                if received > self.max_body:
                    await self._too_large(sending)
                    refused = True
                    return {"type": "http.disconnect"}
            return message

        await self.app(scope, receiving, sending)

    async def _too_large(self, send: Send) -> None:
        body = json.dumps(
            error_body("payload_too_large", f"request bodies are at most {self.max_body} bytes")
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


async def _refuse_origin(receive: Receive, send: Send) -> None:
    """Accept, say why in the protocol's error frame, close with 1008."""
    message = await receive()
    if message["type"] != "websocket.connect":
        return
    frame = error_frame(ORIGIN_NOT_ALLOWED, "this page's origin may not open battle sockets")
    await send({"type": "websocket.accept"})
    await send({"type": "websocket.send", "text": json.dumps(frame, separators=(",", ":"))})
    await send(
        {"type": "websocket.close", "code": WS_POLICY_VIOLATION, "reason": ORIGIN_NOT_ALLOWED}
    )
