"""``puckpath``: run the service with everything it needs, or check the configuration.

The command line is the edge where the service meets the loader: ``serve`` fills an empty
graph with :func:`loader.bootstrap.ensure_loaded` before uvicorn starts the API.
"""

from __future__ import annotations

import asyncio
import os
import signal
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import redis.asyncio as aioredis
import typer
import uvicorn
from redis.exceptions import RedisError
from rich.console import Console

from graph_api.cli_errors import exit_with, reported
from graph_api.errors import Unavailable
from graph_api.graph.catalog import QueryCatalog
from graph_api.graph.repo import GraphRepo, make_driver
from graph_api.observability.logs import configure_logging
from graph_api.observability.metrics import multiprocess_dir, use_multiprocess_dir
from graph_api.runtime.http_protocol import HTTP_PROTOCOL
from graph_api.runtime.providers import Neo4jEndpoint, RedisEndpoint, provide_neo4j, provide_redis
from graph_api.runtime.scale_out import MIN_PROCESSES, scaled_out, serve_until_stopped
from graph_api.runtime.supervision import status_file
from graph_api.runtime.supervisor import SupervisedServer, supervising
from graph_api.runtime.ws_protocol import WS_PROTOCOL
from graph_api.settings import Settings, get_settings
from loader.bootstrap import ensure_loaded, first_load
from loader.bulk.first_load import FirstLoad
from loader.live.refresh import refreshing

app = typer.Typer(help="puckpath: NHL teammate paths from a Neo4j graph.", no_args_is_help=True)
console = Console(stderr=True)
# uvicorn kills a worker that does not answer its supervisor's ping within this time, from
# the worker's very start. A worker first re-imports the whole application (several seconds
# on a busy 2-core machine), so uvicorn's default 5 s killed and restarted workers forever.
WORKER_HEALTHCHECK_S = 30
# Redis replays its append-only file at start; rooms are small, so this is generous.
REDIS_START_TIMEOUT_S = 30.0


@app.command()
def serve(
    load: bool = typer.Option(
        True, help="Load the graph first when it is empty (from DATA_DIR or the NHL API)."
    ),
    behind_nginx: bool = typer.Option(
        False,
        help="Run API_WORKERS (2+) separate API processes behind nginx on API_HOST:API_PORT "
        "(README, Scale-out).",
    ),
) -> None:
    """Start Neo4j and Redis (unless NEO4J_URI / REDIS_URL are given) and run the API."""
    settings = get_settings()
    # uvicorn with one worker re-raises the SIGTERM it handled once it has shut down; as an
    # exception here it unwinds the stack below, which stops the servers serve started.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    log_config = configure_logging(settings.log)
    use_multiprocess_dir(metrics_dir(settings))
    with ExitStack() as stack:
        with reported(console):
            # A new project-managed server is filled offline before it starts (loader/bulk).
            offline = first_load(settings, console) if load else None
            neo4j = stack.enter_context(
                provide_neo4j(settings, before_start=offline.before_start if offline else None)
            )
            console.print(f"Neo4j ({neo4j.provider}): {neo4j.uri}")
            if neo4j.browser_url:
                console.print(
                    f"Neo4j Browser: {neo4j.browser_url}  (connect to {neo4j.uri}, "
                    f"user {neo4j.user}, password from NEO4J_PASSWORD)"
                )
            redis = stack.enter_context(provide_redis(settings))
            console.print(f"Redis ({redis.provider}): {redis.url}")
        stack.enter_context(
            supervising(
                settings.supervisor, status_file(settings), _supervised(settings, neo4j, redis)
            )
        )
        os.environ["NEO4J_URI"] = neo4j.uri
        os.environ["NEO4J_USER"] = neo4j.user
        os.environ["NEO4J_PASSWORD"] = neo4j.password
        os.environ["REDIS_URL"] = redis.url
        get_settings.cache_clear()
        settings = get_settings()
        _prepare_graph(settings, load, offline)
        if stack.enter_context(refreshing(settings)):
            console.print(
                f"In-season refresh: every {settings.loader.refresh_interval_s:.0f}s "
                "(one across every host sharing this Redis)"
            )
        if behind_nginx:
            _serve_behind_nginx(settings)
            return
        console.print(
            f"API: http://{settings.api.host}:{settings.api.port}  "
            f"(OpenAPI docs at /docs, {settings.api.workers} worker(s))"
        )
        run_api(settings, log_config)


def run_api(settings: Settings, log_config: dict[str, Any]) -> None:
    """uvicorn serving the API on API_HOST:API_PORT with API_WORKERS workers, as ``serve``
    runs it: the log (access log included) and the multiprocess metrics set up by the caller.
    The path benchmarks start their server through it too (``bench/paths_server.py``)."""
    uvicorn.run(
        "graph_api.asgi:make_app",
        factory=True,
        host=settings.api.host,
        port=settings.api.port,
        workers=settings.api.workers,
        log_config=log_config,
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_S,
        # Frames above this close the socket (1009); the battle protocol's own, smaller
        # limit (BATTLE_MAX_FRAME_BYTES) answers with an error frame instead.
        ws_max_size=settings.battle.ws_max_bytes,
        http=HTTP_PROTOCOL,
        ws=WS_PROTOCOL,
    )


def _serve_behind_nginx(settings: Settings) -> None:
    count = max(MIN_PROCESSES, settings.api.workers)
    folder = settings.cache_dir / "scale-out" / f"api-{settings.api.port}"
    with (
        reported(console),
        scaled_out(
            count,
            os.environ,
            folder,
            settings.api.host,
            settings.api.port,
            settings.battle.ws_max_bytes,
        ) as scale,
    ):
        console.print(
            f"API: {scale.url} (nginx, logs in {folder}) in front of {count} API "
            f"processes on {', '.join(p.address for p in scale.processes)}"
        )
        serve_until_stopped(scale)


def _exit_on_sigterm(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def _supervised(
    settings: Settings, neo4j: Neo4jEndpoint, redis: RedisEndpoint
) -> dict[str, tuple[SupervisedServer, float]]:
    """The servers this serve started itself (never a given or Docker one), with the time
    each may take to start again."""
    servers: dict[str, tuple[SupervisedServer, float]] = {}
    if neo4j.server is not None:
        servers["neo4j"] = (neo4j.server, settings.localneo4j.start_timeout_s)
    if redis.server is not None:
        servers["redis"] = (redis.server, REDIS_START_TIMEOUT_S)
    return servers


def metrics_dir(settings: Settings) -> Path:
    """Where the workers' metrics files go: PROMETHEUS_MULTIPROC_DIR when the operator set
    it, else a folder per API port under the cache (emptied at every start)."""
    return multiprocess_dir() or settings.cache_dir / "metrics" / f"api-{settings.api.port}"


def _prepare_graph(settings: Settings, load: bool, offline: FirstLoad | None) -> None:
    """Apply the schema; the loader fills an empty graph when ``load`` is on (finishing the
    offline import when there was one: the loader applies the schema then, with its long
    timeout, since the indexes are populated over the whole imported graph)."""
    if offline is None or offline.done is None:
        with reported(console):
            asyncio.run(_apply_schema(settings))
    if load:
        ensure_loaded(settings, console, offline=offline)


async def _apply_schema(settings: Settings) -> None:
    repo = GraphRepo(make_driver(settings.neo4j), QueryCatalog.load(), settings.neo4j)
    try:
        await repo.ping()
        await repo.apply_schema()
    finally:
        await repo.close()


@app.command()
def check() -> None:
    """Check that the configured Neo4j (NEO4J_URI) and Redis (REDIS_URL) are reachable."""
    settings = get_settings()
    if not settings.neo4j.uri:
        raise exit_with(
            console, "NEO4J_URI is not set; `puckpath serve` starts a server when it is empty."
        )
    if not settings.redis.url:
        raise exit_with(
            console, "REDIS_URL is not set; `puckpath serve` starts a server when it is empty."
        )
    with reported(console):
        asyncio.run(_ping_neo4j(settings))
        console.print(f"[green]ok[/] Neo4j at {settings.neo4j.uri} answers")
        asyncio.run(_ping_redis(settings.redis.url))
        console.print(f"[green]ok[/] Redis at {settings.redis.url} answers")


async def _ping_neo4j(settings: Settings) -> None:
    repo = GraphRepo(make_driver(settings.neo4j), QueryCatalog.load(), settings.neo4j)
    try:
        await repo.ping()
    finally:
        await repo.close()


async def _ping_redis(url: str) -> None:
    client = aioredis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        await client.ping()
    except (RedisError, OSError) as exc:
        raise Unavailable(f"Redis at {url} is not reachable: {exc}") from exc
    finally:
        await client.aclose()
