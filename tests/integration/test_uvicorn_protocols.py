"""Real uvicorn serving through the API's own protocols, as ``puckpath serve`` and every API
process run them: UpgradeReleasingProtocol (graph_api/runtime/http_protocol.py) and
ClosedReleasingProtocol (graph_api/runtime/ws_protocol.py). HTTP and WebSockets still work,
and a closed WebSocket's state (uvicorn's HTTP protocol, websockets' connection with its zlib
contexts) is freed by reference counting instead of waiting in a cycle for the garbage
collector (docs/operations.md "Workers' memory and pauses")."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator

import pytest
import uvicorn
import websockets
from starlette.types import Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from websockets.server import ServerProtocol

from graph_api.runtime.http_protocol import HTTP_PROTOCOL, UpgradeReleasingProtocol
from graph_api.runtime.providers import free_port
from graph_api.runtime.ws_protocol import WS_PROTOCOL, ClosedReleasingProtocol

SOCKETS = 20
UVICORN_WS = "websockets-sansio"  # what ClosedReleasingProtocol extends, for the control case


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


async def serving(ws: str) -> AsyncIterator[int]:
    chosen = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=chosen,
        http=HTTP_PROTOCOL,
        ws=ws,
        lifespan="off",
        log_level="warning",
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    for _ in range(1000):  # up to 10 s
        if server.started or task.done():
            break
        await asyncio.sleep(0.01)
    assert server.started, "uvicorn did not start"
    assert config.http_protocol_class is UpgradeReleasingProtocol
    yield chosen
    server.should_exit = True
    await task


@pytest.fixture
async def port() -> AsyncIterator[int]:
    """uvicorn with both of the API's protocols."""
    async for chosen in serving(WS_PROTOCOL):
        yield chosen


@pytest.fixture
async def uvicorn_ws_port() -> AsyncIterator[int]:
    """The control: the API's HTTP protocol with uvicorn's own WebSocket protocol."""
    async for chosen in serving(UVICORN_WS):
        yield chosen


def left_for_the_collector(kind: type) -> int:
    return sum(issubclass(type(o), kind) for o in gc.get_objects())


# An unmasked text frame: a client must mask its frames, so the server fails the connection
# (1002) with a parse error that websockets keeps, traceback and all.
UNMASKED_FRAME = b"\x81\x05hello"


async def open_and_close(port: int, ending: str) -> None:
    """SOCKETS WebSockets, each echoing one message and then ended: by the client's closing
    handshake, by the client dropping the TCP connection (a phone leaving a game), or by the
    server failing it after a frame it cannot accept."""
    for i in range(SOCKETS):
        ws = await websockets.connect(f"ws://127.0.0.1:{port}/")
        await ws.send(f"hello {i}")
        assert await ws.recv() == f"hello {i}"
        if ending == "dropped":
            ws.transport.abort()
        elif ending == "failed":
            ws.transport.write(UNMASKED_FRAME)
            await ws.wait_closed()
            assert ws.close_code == 1002
        else:
            await ws.close()


async def left_after_closing(port: int, kind: type, ending: str = "closed") -> int:
    """How many ``kind`` objects are still alive, waiting for the collector, once SOCKETS
    closed WebSockets have been let go (the collector is off meanwhile)."""
    gc.collect()
    gc.disable()
    try:
        await open_and_close(port, ending)
        for _ in range(100):  # the server side closes on its own, within a few turns
            if left_for_the_collector(kind) == 0:
                break
            await asyncio.sleep(0.05)
        return left_for_the_collector(kind)
    finally:
        gc.enable()


async def test_http_answers_on_a_kept_alive_connection(port: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for _ in range(3):
        writer.write(b"GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        head = await reader.readuntil(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200 OK")
        assert await reader.readexactly(2) == b"ok"
    writer.close()


async def test_a_closed_websocket_leaves_no_http_protocol_for_the_collector(port: int) -> None:
    left = await left_after_closing(port, HttpToolsProtocol)
    assert left == 0, f"{left} HTTP protocols of {SOCKETS} closed WebSockets wait for the collector"


@pytest.mark.parametrize("ending", ["closed", "dropped", "failed"])
async def test_a_closed_websocket_leaves_no_connection_for_the_collector(
    port: int, ending: str
) -> None:
    left = await left_after_closing(port, ServerProtocol, ending)
    assert left == 0, f"{left} connections of {SOCKETS} closed WebSockets wait for the collector"


async def test_uvicorns_own_websocket_protocol_leaves_each_connection_in_a_cycle(
    uvicorn_ws_port: int,
) -> None:
    """The control: what ClosedReleasingProtocol is for. If websockets stops keeping its
    connection in a cycle, this fails and the class can go."""
    left = await left_after_closing(uvicorn_ws_port, ServerProtocol)
    assert left == SOCKETS


def test_ws_protocol_names_the_releasing_protocol() -> None:
    """The class WS_PROTOCOL names is the one uvicorn loads for a WebSocket."""
    config = uvicorn.Config(app, ws=WS_PROTOCOL)
    config.load()
    assert config.ws_protocol_class is ClosedReleasingProtocol
