"""Real uvicorn serving through UpgradeReleasingProtocol (graph_api/runtime/http_protocol.py),
as ``puckpath serve`` and every API process run it: HTTP and WebSockets still work, and a
closed WebSocket's HTTP protocol is freed by reference counting instead of waiting in a cycle
for the garbage collector's middle pass (docs/operations.md "Workers' memory and pauses")."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator

import pytest
import uvicorn
import websockets
from starlette.types import Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from graph_api.runtime.http_protocol import HTTP_PROTOCOL, UpgradeReleasingProtocol
from graph_api.runtime.providers import free_port

SOCKETS = 20


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "websocket":  # echo until the client leaves
        await receive()
        await send({"type": "websocket.accept"})
        while (message := await receive())["type"] == "websocket.receive":
            await send({"type": "websocket.send", "text": message["text"]})
        return
    assert scope["type"] == "http"
    body = b"ok"
    headers = [(b"content-length", b"2")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


@pytest.fixture
async def port() -> AsyncIterator[int]:
    chosen = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=chosen, http=HTTP_PROTOCOL, lifespan="off", log_level="warning"
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    for _ in range(1000):  # up to 10 s
        if server.started or serving.done():
            break
        await asyncio.sleep(0.01)
    assert server.started, "uvicorn did not start"
    assert config.http_protocol_class is UpgradeReleasingProtocol
    yield chosen
    server.should_exit = True
    await serving


def http_protocols() -> int:
    return sum(issubclass(type(o), HttpToolsProtocol) for o in gc.get_objects())


async def test_http_answers_on_a_kept_alive_connection(port: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for _ in range(3):
        writer.write(b"GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        head = await reader.readuntil(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200 OK")
        assert await reader.readexactly(2) == b"ok"
    writer.close()


async def test_a_closed_websocket_leaves_no_http_protocol_for_the_collector(port: int) -> None:
    gc.collect()
    gc.disable()
    try:
        for i in range(SOCKETS):
            async with websockets.connect(f"ws://127.0.0.1:{port}/") as ws:
                await ws.send(f"hello {i}")
                assert await ws.recv() == f"hello {i}"
        for _ in range(100):  # the server side closes on its own, within a few turns
            if http_protocols() == 0:
                break
            await asyncio.sleep(0.05)
        left = http_protocols()
    finally:
        gc.enable()
    assert left == 0, f"{left} HTTP protocols of {SOCKETS} closed WebSockets wait for the collector"
