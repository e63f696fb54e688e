"""Loaded into the battles benchmark's workers with ``--probe-workers`` (this folder goes on
their PYTHONPATH; nothing of the product imports it): how late each worker's event loop wakes
up and how long its garbage collections take, written when uvicorn has shut down (it then
re-raises the SIGTERM, so ``atexit`` would never run) to
``$PUCKPATH_WORKER_PROBE_DIR/<pid>.json`` as ``perf_counter`` times (one clock for every
process of the machine), so the benchmark keeps the samples of the games' window."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import time
from pathlib import Path
from typing import Any

FOLDER = os.environ.get("PUCKPATH_WORKER_PROBE_DIR")
TICK_S = 0.01
LAGS: list[tuple[float, float]] = []  # (wake-up time, ms late)
PAUSES: list[tuple[float, int, float]] = []  # (end time, generation, ms)
_gc_started = [0.0]


def _on_gc(phase: str, info: dict[str, Any]) -> None:
    now = time.perf_counter()
    if phase == "start":
        _gc_started[0] = now
    else:
        PAUSES.append((now, int(info["generation"]), (now - _gc_started[0]) * 1000))


async def _watch_loop() -> None:
    while True:
        before = time.perf_counter()
        await asyncio.sleep(TICK_S)
        now = time.perf_counter()
        LAGS.append((now, (now - before - TICK_S) * 1000))


def _write() -> None:
    assert FOLDER is not None
    out = Path(FOLDER) / f"{os.getpid()}.json"
    out.write_text(json.dumps({"lags": LAGS, "gc": PAUSES}))


def _install() -> None:
    import uvicorn.server

    serve = uvicorn.server.Server.serve
    shutdown = uvicorn.server.Server.shutdown

    async def serve_watched(self: Any, *args: Any, **kwargs: Any) -> None:
        asyncio.get_running_loop().create_task(_watch_loop())
        await serve(self, *args, **kwargs)

    async def shutdown_and_write(self: Any, *args: Any, **kwargs: Any) -> None:
        await shutdown(self, *args, **kwargs)
        _write()

    uvicorn.server.Server.serve = serve_watched  # type: ignore[method-assign]
    uvicorn.server.Server.shutdown = shutdown_and_write  # type: ignore[method-assign]
    gc.callbacks.append(_on_gc)


if FOLDER:
    _install()
