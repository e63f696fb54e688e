"""Real uvicorn worker processes for the battle tests and the benchmark, plus a WebSocket
client that records every frame it gets."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from graph_api.runtime.api_process import ApiProcess as Worker
from graph_api.runtime.api_process import start_api_process
from graph_api.runtime.providers import Neo4jEndpoint
from graph_api.runtime.ws_protocol import WS_PROTOCOL
from graph_api.settings import BattleSettings

UNLIMITED_ROOMS = "1000000/minute"


def worker_env(neo4j: Neo4jEndpoint, redis_url: str, **battle: object) -> dict[str, str]:
    env = {
        **os.environ,
        "NEO4J_URI": neo4j.uri,
        "NEO4J_USER": neo4j.user,
        "NEO4J_PASSWORD": neo4j.password,
        "REDIS_URL": redis_url,
        "PYTHONUNBUFFERED": "1",
        # Every test client and the benchmark create rooms from 127.0.0.1.
        "SECURITY_ROOM_RATE_LIMIT": UNLIMITED_ROOMS,
    }
    env.update({f"BATTLE_{key.upper()}": str(value) for key, value in battle.items()})
    return env


def start_worker(
    env: dict[str, str], log: Path, port: int | None = None, ws: str = WS_PROTOCOL
) -> Worker:
    """One API process as the tests and the benchmark use it: no proxy in front, uvicorn's
    ``--ws`` implementation ``ws`` (by default the product's, graph_api/runtime/ws_protocol.py)."""
    return start_api_process(
        env,
        log,
        BattleSettings().ws_max_bytes,
        port=port,
        behind_proxy=False,
        ws=ws,
        uvicorn_args=("--log-level", "warning"),
    )


def stop_worker(worker: Worker) -> None:
    worker.stop(timeout_s=15)


@contextlib.contextmanager
def running_workers(
    count: int, env: dict[str, str], folder: Path, ws: str = WS_PROTOCOL
) -> Iterator[list[Worker]]:
    """``count`` uvicorn processes on their own ports; ``ws`` is uvicorn's --ws choice."""
    workers: list[Worker] = []
    try:
        for i in range(count):
            workers.append(start_worker(env, folder / f"worker-{i}.log", ws=ws))
        yield workers
    finally:
        for worker in workers:
            stop_worker(worker)


@dataclass
class Client:
    """One WebSocket connection; a reader task files every frame it receives."""

    name: str
    conn: ClientConnection
    frames: list[dict[str, Any]] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    close_code: int | None = None
    reader: asyncio.Task[None] | None = None
    welcome: dict[str, Any] = field(default_factory=dict)

    @classmethod
    async def open(cls, url: str, label: str, **join: Any) -> Client:
        """Connect; with ``join`` fields, send the join and wait for welcome + snapshot."""
        client = cls(label, await connect(url, open_timeout=10, close_timeout=2))
        client.reader = asyncio.create_task(client._read())
        if join:
            await client.send({"type": "join", "v": 1, **join})
            client.welcome = await client.next("welcome")
            await client.next("snapshot")
        return client

    async def _read(self) -> None:
        try:
            async for message in self.conn:
                self.frames.append(json.loads(message))
                self.arrived.set()
        except ConnectionClosed:
            pass
        finally:
            self.close_code = self.conn.close_code
            self.arrived.set()

    async def send(self, frame: dict[str, Any]) -> None:
        await self.conn.send(json.dumps(frame))

    async def next(self, kind: str, after: int = 0, wait_s: float = 10.0) -> dict[str, Any]:
        """The first frame of ``kind`` at index >= ``after`` (waiting for it)."""
        async with asyncio.timeout(wait_s):
            while True:
                for frame in self.frames[after:]:
                    if frame["type"] == kind or frame.get("code") == kind:
                        return frame
                if self.close_code is not None:
                    raise AssertionError(f"{self.name} closed ({self.close_code}) before {kind}")
                self.arrived.clear()
                await self.arrived.wait()

    async def count(self, kind: str, n: int, wait_s: float = 15.0) -> list[dict[str, Any]]:
        async with asyncio.timeout(wait_s):
            while len(found := self.of(kind)) < n:
                self.arrived.clear()
                await self.arrived.wait()
        return found

    async def closed(self, wait_s: float = 10.0) -> int:
        assert self.reader is not None
        async with asyncio.timeout(wait_s):
            await asyncio.shield(self.reader)
        assert self.close_code is not None
        return self.close_code

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [f for f in self.frames if f["type"] == kind or f.get("code") == kind]

    def events(self) -> list[dict[str, Any]]:
        """Room events in arrival order (frames with a ``seq``, snapshots excluded)."""
        return [f for f in self.frames if "seq" in f and f["type"] != "snapshot"]

    async def close(self) -> None:
        await self.conn.close()
        if self.reader is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.reader, 5)
