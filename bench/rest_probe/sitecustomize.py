"""Loaded into the REST benchmark's server with ``bench/rest_overhead.py --timeline`` (this
folder goes on its PYTHONPATH; nothing of the product imports it): where the time of each
``/paths/shortest`` request goes inside the worker. Stamps ``perf_counter`` at the ASGI
entry (outside every middleware), when the route starts reading its query string, around
``find_shortest`` and its Cypher read, when the
answer's JSON is made, around the response's writes and at the ASGI exit; appends one CSV
row per request to ``$PUCKPATH_REST_PROBE_FILE`` every ``BATCH`` requests (uvicorn ends on
SIGTERM, so ``atexit`` would not run: the last partial batch is not written)."""

from __future__ import annotations

import os
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

FILE = os.environ.get("PUCKPATH_REST_PROBE_FILE")
BATCH = 50
STAMPS = [
    "asgi",  # the request enters the app (outside the middlewares)
    "route",  # the route reads its query string (after the middlewares and the routing)
    "find",  # PathQueries.find_shortest starts
    "read",  # the Cypher read starts
    "read_done",  # ... and ends
    "found",  # find_shortest returns (the answer's models are built)
    "json",  # the answer is JSON bytes
    "write",  # the response head is handed to uvicorn
    "written",  # the response body is handed to uvicorn
    "done",  # the app returns
]
_now: dict[str, float] = {}
_rows: list[list[float]] = []


def _stamping(name: str, call: Callable[..., Awaitable[Any]], end: str | None = None) -> Any:
    async def stamped(*args: Any, **kwargs: Any) -> Any:
        _now.setdefault(name, time.perf_counter())
        try:
            return await call(*args, **kwargs)
        finally:
            if end is not None:
                _now[end] = time.perf_counter()

    return stamped


def _flush() -> None:
    with Path(str(FILE)).open("a") as out:
        out.writelines(",".join(map(repr, row)) + "\n" for row in _rows)
    _rows.clear()


def _install() -> None:
    import graph_api.app
    import graph_api.graph.paths
    import graph_api.graph.repo
    import graph_api.routes.paths

    repo, paths = graph_api.graph.repo.GraphRepo, graph_api.graph.paths.PathQueries
    repo.read_values = _stamping("read", repo.read_values, "read_done")  # type: ignore[method-assign]
    paths.find_shortest = _stamping("find", paths.find_shortest, "found")  # type: ignore[method-assign]
    read_query = graph_api.routes.paths.read_query

    def stamped_read_query(*args: Any, **kwargs: Any) -> Any:
        _now["route"] = time.perf_counter()
        return read_query(*args, **kwargs)

    graph_api.routes.paths.read_query = stamped_read_query
    to_json = graph_api.routes.paths.json_response

    def json_response(answer: Any) -> Any:
        response = to_json(answer)
        _now["json"] = time.perf_counter()
        return response

    graph_api.routes.paths.json_response = json_response
    create_app = graph_api.app.create_app

    def probed_app(*args: Any, **kwargs: Any) -> Any:
        app = create_app(*args, **kwargs)
        inner = app.build_middleware_stack

        def build() -> Any:
            stack = inner()

            async def timed(scope: Any, receive: Any, send: Any) -> None:
                if scope["type"] != "http" or scope["path"] != "/paths/shortest":
                    return await stack(scope, receive, send)
                _now.clear()
                _now["asgi"] = time.perf_counter()

                async def sending(message: Any) -> None:
                    if message["type"] == "http.response.start":
                        _now["write"] = time.perf_counter()
                    await send(message)
                    if message["type"] == "http.response.body":
                        _now["written"] = time.perf_counter()

                await stack(scope, receive, sending)
                _now["done"] = time.perf_counter()
                _rows.append([_now.get(name, 0.0) for name in STAMPS])
                if len(_rows) >= BATCH:
                    _flush()

            return timed

        app.build_middleware_stack = build  # type: ignore[method-assign]
        return app

    graph_api.app.create_app = probed_app


if FILE:
    _install()
