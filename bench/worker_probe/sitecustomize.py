"""Loaded into the battles benchmark's workers with ``--probe-workers`` (this folder goes on
their PYTHONPATH; nothing of the product imports it): how late each worker's event loop wakes
up and how long its garbage collections take, written when uvicorn has shut down (it then
re-raises the SIGTERM, so ``atexit`` would never run) to
``$PUCKPATH_WORKER_PROBE_DIR/<pid>.json`` as ``perf_counter`` times (one clock for every
process of the machine), so the benchmark keeps the samples of the games' window.

With ``PUCKPATH_WORKER_PROBE_WINDOW_S`` (the soak, ``--soak-minutes``) the samples are not
kept for hours: every that many seconds one line goes to ``<pid>.windows.jsonl`` (the
window's loop lag and collections, the collector's totals and how many objects it tracks
outside the frozen ones) and the window's samples are dropped; SIGUSR1 then makes the worker
run a full collection and write a line at once (the soak's last sample: how much of what the
worker holds was garbage waiting for a pass), then glibc's ``malloc_trim(0)`` (how much of
the resident memory was free heap the allocator kept). Every soak line also has the memory
figures of ``puckpath_memory_probe`` (RSS, glibc heap, pymalloc arenas, the Neo4j driver's
connections and buffers). With ``PUCKPATH_WORKER_PROBE_TRACEMALLOC=<frames>`` the worker
traces its allocations from start-up and SIGUSR2 dumps a tracemalloc snapshot into
``$PUCKPATH_WORKER_PROBE_SNAPSHOTS`` (the soak's ``--tracemalloc DIR``)."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import signal
import time
from collections import Counter
from pathlib import Path
from typing import Any

import puckpath_memory_probe as memory

FOLDER = os.environ.get("PUCKPATH_WORKER_PROBE_DIR")
WINDOW_S = float(os.environ.get("PUCKPATH_WORKER_PROBE_WINDOW_S") or 0)
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
    window_start = time.perf_counter()
    while True:
        before = time.perf_counter()
        await asyncio.sleep(TICK_S)
        now = time.perf_counter()
        LAGS.append((now, (now - before - TICK_S) * 1000))
        if WINDOW_S and now - window_start >= WINDOW_S:
            _write_window(now)
            window_start = now


def _collect_and_write() -> None:
    """A full collection that keeps what it finds (DEBUG_SAVEALL) long enough to count it by
    type, then frees it."""
    _dump_snapshot("before-full-collection")
    before_collection = memory.figures()
    stages = {"before": memory.malloc()}  # glibc's heap after each step
    gc.collect(0)
    stages["generation_0"] = memory.malloc()
    before = time.perf_counter()
    gc.set_debug(gc.DEBUG_SAVEALL)
    found = gc.collect()
    ms = (time.perf_counter() - before) * 1000
    gc.set_debug(0)
    stages["saved"] = memory.malloc()
    kinds = Counter(type(thing).__qualname__ for thing in gc.garbage)
    garbage_sizes = memory.sizes_by_type(gc.garbage)
    garbage_finalizable = memory.finalizable(gc.garbage)
    gc.garbage.clear()
    stages["cleared"] = memory.malloc()
    gc.collect()
    stages["collected"] = memory.malloc()
    after_collection = memory.figures()
    _dump_snapshot("after-full-collection")
    _write_window(
        time.perf_counter(),
        forced_full_collection_ms=ms,
        found=found,
        garbage_by_type=dict(kinds.most_common(40)),
        garbage_bytes_by_type=garbage_sizes,
        malloc_stages=stages,
        garbage_finalizable=garbage_finalizable,
        before_collection=before_collection,
        after_collection=after_collection,
        malloc_trim=memory.trim(),
    )


_snapshots = [0]


def _dump_snapshot(label: str = "") -> None:
    """A tracemalloc snapshot (after a soak wave: numbered from 1)."""
    if not label:
        _snapshots[0] += 1
    folder = Path(os.environ.get("PUCKPATH_WORKER_PROBE_SNAPSHOTS") or FOLDER or ".")
    memory.snapshot(folder, label or f"{_snapshots[0]:03d}")


def _write_window(now: float, **extra: Any) -> None:
    """One soak window's line; its samples are then dropped."""
    assert FOLDER is not None
    line = {
        **extra,
        "at": now,
        "lag_max_ms": round(max((lag for _, lag in LAGS), default=0.0), 1),
        "lag_over_50ms": sum(lag > 50 for _, lag in LAGS),
        "collections": [sum(gen == g for _, gen, _ in PAUSES) for g in range(3)],
        "gc_ms_max": round(max((ms for _, _, ms in PAUSES), default=0.0), 1),
        "full": [(at, round(ms, 1)) for at, gen, ms in PAUSES if gen == 2],  # (end, ms)
        "collections_total": [stats["collections"] for stats in gc.get_stats()],
        "uncollectable_total": sum(stats["uncollectable"] for stats in gc.get_stats()),
        "tracked_objects": len(gc.get_objects()),  # generations 0-2, not the frozen ones
        "frozen_objects": gc.get_freeze_count(),
        "memory": memory.figures(),
    }
    with (Path(FOLDER) / f"{os.getpid()}.windows.jsonl").open("a") as out:
        out.write(json.dumps(line) + "\n")
    LAGS.clear()
    PAUSES.clear()


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
        if WINDOW_S:
            asyncio.get_running_loop().add_signal_handler(signal.SIGUSR1, _collect_and_write)
            asyncio.get_running_loop().add_signal_handler(signal.SIGUSR2, _dump_snapshot)
        await serve(self, *args, **kwargs)

    async def shutdown_and_write(self: Any, *args: Any, **kwargs: Any) -> None:
        await shutdown(self, *args, **kwargs)
        _write()

    uvicorn.server.Server.serve = serve_watched  # type: ignore[method-assign]
    uvicorn.server.Server.shutdown = shutdown_and_write  # type: ignore[method-assign]
    gc.callbacks.append(_on_gc)
    memory.start_tracing()


if FOLDER:
    _install()
