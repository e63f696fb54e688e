"""The benchmark's HTTP side: a real uvicorn process and raw keep-alive HTTP/1.1 clients.

The client speaks HTTP/1.1 by hand over asyncio streams so it adds as little as possible to
the measured time.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from bench.paths_pairs import Pair
from bench.python_path import with_first_on_path
from graph_api.runtime.providers import free_port

# --- (a) REST over raw keep-alive HTTP/1.1 (so the client adds as little as possible) -----


class HttpConnection:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str) -> tuple[int, bytes]:
        status_line = b""
        for _ in range(2):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            assert self.reader is not None
            self.writer.write(f"GET {target} HTTP/1.1\r\nHost: bench\r\n\r\n".encode())
            try:
                status_line = await self.reader.readline()
            except ConnectionError:
                status_line = b""
            if status_line:
                break
            # The server closed the connection after idling (uvicorn's keep-alive timeout,
            # 5 s: a paired run leaves one strategy's connection idle while the other's
            # slow pairs run): open a new one and ask again.
            self.close()
            self.writer = None
        assert self.reader is not None
        status = int(status_line.split()[1])
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def rest_caller(
    port: int, connections: int, strategy: str = "any"
) -> tuple[Callable[[Pair], Awaitable[int | str]], Any]:
    pool = [HttpConnection("127.0.0.1", port) for _ in range(connections)]
    free: asyncio.Queue[HttpConnection] = asyncio.Queue()
    for connection in pool:
        free.put_nowait(connection)

    async def call(pair: Pair) -> int | str:
        """The length found, or the error (e.g. ``HTTP 503``: counted as a wrong answer, so
        one timeout on a loaded machine does not end the whole run)."""
        connection = await free.get()
        try:
            status, body = await connection.get(
                f"/paths/shortest?from={pair[0]}&to={pair[1]}&strategy={strategy}"
            )
        finally:
            free.put_nowait(connection)
        if status != 200:
            return f"HTTP {status}: {body[:120]!r}"
        length: int = json.loads(body)["length"]
        return length

    def close() -> None:
        for connection in pool:
            connection.close()

    return call, close


# uvicorn as the benchmarks ran it before 2026-12-02 (issue 11): no access log, the metrics
# in process. Lighter than the product (``puckpath serve``); kept to compare the two.
LEAN_SERVER = ["--no-access-log", "--log-level", "warning"]


@contextmanager
def api_server(
    neo4j_uri: str,
    password: str,
    redis_url: str,
    workers: int,
    cache: int,
    extra_env: dict[str, str] | None = None,
    cwd: Path | None = None,
    lean: bool = False,
) -> Iterator[int]:
    """A uvicorn process serving the app as ``puckpath serve`` runs it
    (:mod:`bench.paths_server`: its access log, into a file, and multiprocess metrics);
    ``lean``: plain uvicorn without either. ``cwd``: another source tree to serve (its
    ``graph_api`` comes first on the path)."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("PATHS_")}
    env.update(
        NEO4J_URI=neo4j_uri,
        NEO4J_PASSWORD=password,
        REDIS_URL=redis_url,
        PATHS_CACHE_SIZE=str(cache),
    )
    env.update(extra_env or {})
    if cwd is not None:  # the tree first; a probe's folder (extra_env) after it
        with_first_on_path(env, cwd)
    folder = Path(tempfile.mkdtemp(prefix="paths-server-"))
    if lean:
        command = [sys.executable, "-m", "uvicorn", "--factory", "graph_api.asgi:make_app",
                   "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
                   *LEAN_SERVER]  # fmt: skip
    else:
        command = [sys.executable, "-m", "bench.paths_server"]
        env.update(
            API_HOST="127.0.0.1",
            API_PORT=str(port),
            API_WORKERS=str(workers),
            PROMETHEUS_MULTIPROC_DIR=str(folder / "metrics"),
        )
    log = folder / "server.log"
    with log.open("ab") as out:
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"the API server did not start:\n{tail}")
            time.sleep(0.3)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def pool_opener(
    port: int,
) -> Callable[[int], tuple[Callable[[str], Awaitable[tuple[int, bytes]]], Callable[[], None]]]:
    """``open(n)``: a GET over a pool of n keep-alive connections, and its closer."""

    def open_pool(
        connections: int,
    ) -> tuple[Callable[[str], Awaitable[tuple[int, bytes]]], Callable[[], None]]:
        pool = [HttpConnection("127.0.0.1", port) for _ in range(connections)]
        free: asyncio.Queue[HttpConnection] = asyncio.Queue()
        for connection in pool:
            free.put_nowait(connection)

        async def get(target: str) -> tuple[int, bytes]:
            connection = await free.get()
            try:
                return await connection.get(target)
            finally:
                free.put_nowait(connection)

        def close() -> None:
            for connection in pool:
                connection.close()

        return get, close

    return open_pool
