"""Every metric puckpath records, built once per process on first use.

Several uvicorn workers share one scrape through prometheus-client's multiprocess mode:
``puckpath serve`` points ``PROMETHEUS_MULTIPROC_DIR`` at an emptied folder before anything
is recorded (:func:`use_multiprocess_dir`); every process then writes its values to files
there, ``GET /metrics`` adds them up, and a worker that exits is marked dead so its gauges
stop counting (:func:`mark_worker_dead`). Without that variable (tests, one process) the
values live in the process's default registry.

The metrics are built lazily (:func:`metrics`) because prometheus-client picks the
in-memory or the file-backed value class when a value is created: building them at import
time would fix the choice before ``serve`` has set the folder.
"""

from __future__ import annotations

import functools
import os
import shutil
import time
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from prometheus_client import Counter, Gauge, Histogram, multiprocess, values

P = ParamSpec("P")
R = TypeVar("R")
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
# Latency buckets in seconds: REST answers and path queries are mostly 1-100 ms.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


# Labelled HTTP series kept at hand (prometheus-client's ``labels()`` costs more than the rest
# of the middleware); a client inventing methods cannot grow the map past this.
MAX_HTTP_SERIES = 4096


class Metrics:
    """The service's metrics (names are ``puckpath_*``; see docs/operations.md)."""

    def __init__(self) -> None:
        self._http_series: dict[tuple[str, str, str], tuple[Counter, Histogram]] = {}
        self.http_requests = Counter(
            "puckpath_http_requests",
            "HTTP requests answered, by method, route template and status.",
            ["method", "route", "status"],
        )
        self.http_latency = Histogram(
            "puckpath_http_request_duration_seconds",
            "Time from request to the end of the response, by method and route template.",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
        )
        self.path_query_latency = Histogram(
            "puckpath_path_query_duration_seconds",
            "Path searches answered from Neo4j (cache misses), by kind (shortest, all, k).",
            ["kind"],
            buckets=LATENCY_BUCKETS,
        )
        self.path_cache = Counter(
            "puckpath_path_cache_lookups",
            "Path-cache lookups by kind and result (hit, miss).",
            ["kind", "result"],
        )
        self.backend_errors = Counter(
            "puckpath_backend_errors",
            "Errors talking to a backing service, by service (neo4j, redis) and error class.",
            ["service", "error"],
        )
        self.websockets_open = Gauge(
            "puckpath_websockets_open",
            "WebSocket connections open now (summed over live workers).",
            multiprocess_mode="livesum",
        )
        self.rooms_created = Counter(
            "puckpath_battle_rooms_created", "Battle rooms created.", ["mode"]
        )
        self.guess_broadcast = Histogram(
            "puckpath_battle_guess_broadcast_seconds",
            "From a guess frame's arrival to its events being published to every worker.",
            ["mode"],
            buckets=LATENCY_BUCKETS,
        )
        self.loader_runs = Counter(
            "puckpath_loader_runs",
            "Loader runs by source (files, api) and outcome (ok, failed).",
            ["source", "outcome"],
        )
        self.loader_rows = Counter(
            "puckpath_loader_rows", "Rows written to Neo4j by the loader, by phase.", ["phase"]
        )
        self.server_restarts = Counter(
            "puckpath_server_restarts",
            "Restarts of a project-managed server by `puckpath serve`, by server (neo4j, "
            "redis) and outcome (ok, failed, gave_up).",
            ["server", "outcome"],
        )
        self.daily_puzzles = Counter(
            "puckpath_daily_puzzle_answers",
            "Daily puzzles answered, by source: warm (computed at start-up), computed (on "
            "the request: read from its Redis pin, or drawn).",
            ["source"],
        )
        self.rate_limited = Counter(
            "puckpath_rate_limited", "Requests refused by a rate limit, by limit.", ["limit"]
        )

    def http_series(self, method: str, route: str, status: str) -> tuple[Counter, Histogram]:
        """The request counter and the latency histogram of one method, route and status."""
        key = (method, route, status)
        found = self._http_series.get(key)
        if found is None:
            found = (
                self.http_requests.labels(method, route, status),
                self.http_latency.labels(method, route),
            )
            if len(self._http_series) < MAX_HTTP_SERIES:
                self._http_series[key] = found
        return found


@lru_cache
def metrics() -> Metrics:
    """This process's metrics, built on first use."""
    return Metrics()


def multiprocess_dir() -> Path | None:
    found = os.environ.get(MULTIPROC_ENV)
    return Path(found) if found else None


def use_multiprocess_dir(folder: Path) -> None:
    """Empty ``folder`` and record this process's (and its workers') metrics there.

    Call before anything is recorded; the workers inherit the variable.
    """
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, mode=0o700)
    os.environ[MULTIPROC_ENV] = str(folder)
    # The value class is chosen from the variable when prometheus_client is imported: choose
    # again now that it is set (nothing has been recorded in this process yet).
    values.ValueClass = values.get_value_class()  # type: ignore[no-untyped-call]
    metrics.cache_clear()


def mark_worker_dead(pid: int | None = None) -> None:
    """Drop an exiting worker's live gauges (multiprocess mode only)."""
    if multiprocess_dir() is not None:
        multiprocess.mark_process_dead(pid or os.getpid())  # type: ignore[no-untyped-call]


@contextmanager
def timed_path_query(kind: str) -> Iterator[None]:
    """Observe how long the path search in the block takes."""
    started = time.perf_counter()
    try:
        yield
    finally:
        metrics().path_query_latency.labels(kind).observe(time.perf_counter() - started)


def count_cache_lookup(kind: str, hit: bool) -> None:
    metrics().path_cache.labels(kind, "hit" if hit else "miss").inc()


def count_backend_error(service: str, exc: BaseException) -> None:
    metrics().backend_errors.labels(service, type(exc).__name__).inc()


def observe_guess_broadcast(mode: str, received_at: float) -> None:
    """``received_at`` is the guess frame's arrival (``time.time()``)."""
    metrics().guess_broadcast.labels(mode).observe(max(0.0, time.time() - received_at))


def count_server_restart(server: str, outcome: str) -> None:
    metrics().server_restarts.labels(server, outcome).inc()


def count_room_created(mode: str) -> None:
    metrics().rooms_created.labels(mode).inc()


def counts_as_loader_run(
    source: str,
) -> Callable[[Callable[P, Coroutine[Any, Any, R]]], Callable[P, Coroutine[Any, Any, R]]]:
    """Decorate a loader entry point: each call counts one run from ``source``, ok or failed."""

    def decorate(run: Callable[P, Coroutine[Any, Any, R]]) -> Callable[P, Coroutine[Any, Any, R]]:
        @functools.wraps(run)
        async def counted(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                result = await run(*args, **kwargs)
            except BaseException:
                metrics().loader_runs.labels(source, "failed").inc()
                raise
            metrics().loader_runs.labels(source, "ok").inc()
            return result

        return counted

    return decorate


def count_loader_rows(phase: str, rows: int) -> None:
    metrics().loader_rows.labels(phase).inc(rows)
