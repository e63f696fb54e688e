"""Tell the battle sockets "server restarting" before uvicorn drops them.

On SIGTERM (or Ctrl-C) uvicorn stops listening and at once fails every open WebSocket with
close code 1012, before the app's lifespan shutdown runs: too late for the app to say
anything. :func:`restart_notice` therefore wraps uvicorn's own signal handler for as long as
the app runs. On the first signal every joined connection gets a ``server_restarting`` error
frame and close code 1012 (``close_codes.SERVER_RESTARTING``); once they are closed (at most
``wait_s``) uvicorn's handler runs and its graceful shutdown goes on as usual. Each player's
seat is kept for the grace period, so the client reconnects (through the proxy, to another
worker) with its token. A second signal skips the wait.

Outside uvicorn (tests that run the app in process) nothing is wrapped.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from types import FrameType
from typing import Any

import uvicorn

from graph_api.battle.websocket.hub import Hub

log = logging.getLogger(__name__)

SIGNALS = (signal.SIGTERM, signal.SIGINT)
# How long the sockets get to receive the frame and close before uvicorn shuts down.
NOTICE_WAIT_S = 5.0
Handler = Callable[[int, FrameType | None], Any]


class RestartNotice:
    def __init__(self, hub: Hub, loop: asyncio.AbstractEventLoop, wait_s: float) -> None:
        self.hub = hub
        self.loop = loop
        self.wait_s = wait_s
        self.task: asyncio.Task[None] | None = None

    def on_signal(self, uvicorn_handler: Handler, sig: int, frame: FrameType | None) -> None:
        if self.task is not None:  # a second signal: no more waiting
            uvicorn_handler(sig, frame)
            return
        self.loop.call_soon_threadsafe(self._start, uvicorn_handler, sig)

    def _start(self, uvicorn_handler: Handler, sig: int) -> None:
        self.task = self.loop.create_task(self._notify(uvicorn_handler, sig))

    async def _notify(self, uvicorn_handler: Handler, sig: int) -> None:
        open_sockets = self.hub.connections
        log.info("signal %s: telling %d battle socket(s) the server restarts", sig, open_sockets)
        try:
            await self.hub.announce_restart(self.wait_s)
        finally:
            uvicorn_handler(sig, None)


def _uvicorn_handler(sig: int) -> Handler | None:
    handler = signal.getsignal(sig)
    owner = getattr(handler, "__self__", None)
    return handler if isinstance(owner, uvicorn.Server) and callable(handler) else None


@contextmanager
def restart_notice(hub: Hub, wait_s: float = NOTICE_WAIT_S) -> Iterator[None]:
    """While the block runs, uvicorn's SIGTERM/SIGINT first tell the battle sockets."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    notice = RestartNotice(hub, asyncio.get_running_loop(), wait_s)
    wrapped: dict[signal.Signals, Handler] = {}
    for sig in SIGNALS:
        handler = _uvicorn_handler(sig)
        if handler is not None:
            wrapped[sig] = handler
            signal.signal(sig, partial(notice.on_signal, handler))
    try:
        yield
    finally:
        for sig, handler in wrapped.items():
            signal.signal(sig, handler)
