"""What the battles benchmark runs its games against: its own Redis and the workers'
environment (see :mod:`bench.battles_bench`; the workers themselves are
``tests.integration.battle_workers.running_workers``)."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from pathlib import Path

from bench.battles_redis import config_lines
from bench.python_path import with_first_on_path
from graph_api.runtime.providers import Neo4jEndpoint, free_port
from graph_api.runtime.redis_cluster_local import LocalRedisCluster
from graph_api.runtime.redis_local import LocalRedisServer
from tests.integration.battle_workers import worker_env

LocalRedis = LocalRedisServer | LocalRedisCluster


@contextlib.contextmanager
def local_redis(args: argparse.Namespace, folder: Path) -> Iterator[LocalRedis]:
    """The benchmark's own Redis (one server, or a cluster with ``--cluster``) in ``folder``."""
    redis_server: LocalRedis
    if args.cluster:
        redis_server = LocalRedisCluster.on_free_ports(folder / "redis-cluster")
    else:
        redis_server = LocalRedisServer(
            folder / "redis", free_port(), config_lines(args.appendfsync)
        )
    redis_server.start()
    try:
        yield redis_server
    finally:
        redis_server.stop()


def bench_env(
    args: argparse.Namespace, neo4j: Neo4jEndpoint, redis_url: str, probes: Path | None
) -> dict[str, str]:
    """The workers' environment; with ``probes``, bench/worker_probe is loaded into them and
    writes its files there."""
    env = worker_env(neo4j, redis_url, rate_burst=50)
    env["REDIS_CLUSTER"] = str(args.cluster).lower()
    if probes is not None:
        probes.mkdir(exist_ok=True)
        with_first_on_path(env, Path(__file__).parent / "worker_probe")
        env["PUCKPATH_WORKER_PROBE_DIR"] = str(probes)
    return env
