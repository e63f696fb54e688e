"""The one way puckpath opens Redis: one server, or a Redis Cluster (``REDIS_CLUSTER=true``).

The battle rooms, the daily puzzle and the in-season refresher's lock all go through
:func:`open_redis`, so each of them works on a cluster as on one server.
"""

from __future__ import annotations

import redis.asyncio as aioredis
import redis.exceptions
from redis.asyncio.cluster import RedisCluster
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff

DEFAULT_CONNECTIONS = 64
RedisClient = aioredis.Redis | RedisCluster
# What those clients raise when Redis fails: a cluster client's own errors (no reachable node,
# slot not covered) are not RedisErrors.
REDIS_ERRORS = (redis.exceptions.RedisError, redis.exceptions.RedisClusterException, OSError)
# How long a command waits for one of the pool's connections. A burst of commands (2,000
# battle players pressing ready at once) queues here for more than a few seconds on a loaded
# machine; that is not Redis being down (a down Redis fails at connect, 2 s), so it waits.
POOL_WAIT_S = 30.0


def open_redis(
    url: str, max_connections: int = DEFAULT_CONNECTIONS, *, cluster: bool = False
) -> RedisClient:
    """A client with a bounded pool (a burst of commands waits for a connection instead of
    opening hundreds) that fails fast while Redis is down and reconnects once it is back.

    ``cluster``: ``url`` names one node of a Redis Cluster; the client finds the others and
    keeps up to ``max_connections`` connections to each master."""
    if cluster:
        return RedisCluster.from_url(
            url,
            max_connections=max_connections,
            socket_connect_timeout=2.0,
            socket_timeout=5.0,
            # No health_check_interval: with it, redis-py 8.1's cluster connections fail
            # now and then while connecting ('NoneType' object has no attribute 'writelines').
        )
    pool = aioredis.BlockingConnectionPool.from_url(
        url,
        max_connections=max_connections,
        timeout=POOL_WAIT_S,
        socket_connect_timeout=2.0,
        socket_timeout=5.0,
        health_check_interval=5,
        retry=Retry(ExponentialBackoff(cap=0.1, base=0.02), 1),
    )
    return aioredis.Redis.from_pool(pool)
