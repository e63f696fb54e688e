"""The daily puzzle's store and the in-season refresher's lock on a real three-master Redis
Cluster (``REDIS_CLUSTER=true``), beside the same calls on one redis-server: both go through
``graph_api.redis_clients.open_redis``, as the battle rooms do."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import AsyncIterator
from typing import Any

import pytest

from graph_api.daily.store import DailyStore
from graph_api.redis_clients import RedisClient, open_redis
from graph_api.runtime.providers import RedisEndpoint
from graph_api.runtime.redis_cluster_local import LocalRedisCluster
from graph_api.settings import LoaderSettings, RedisSettings
from loader.live.client import ApiUnreachable
from loader.live.refresh import LOCK_KEY, refresh_once
from tests.conftest import base_settings

DAY = dt.date(2026, 12, 2)
# Real NHL ids and names (../shared/data/nhl-statsapi); the store keeps what the game
# validated, so no graph is needed here.
GRETZKY = {"id": "8447400", "name": "Wayne Gretzky"}
KURRI = {"id": "8448569", "name": "Jari Kurri"}


@pytest.fixture(params=["single", "cluster"])
async def client(request: pytest.FixtureRequest) -> AsyncIterator[RedisClient]:
    if request.param == "cluster":
        cluster: LocalRedisCluster = request.getfixturevalue("redis_cluster")
        redis = open_redis(cluster.url, 4, cluster=True)
    else:
        endpoint: RedisEndpoint = request.getfixturevalue("redis_endpoint")
        redis = open_redis(endpoint.url, 4)
    yield redis
    await redis.aclose()


async def one_day(store: DailyStore) -> list[Any]:
    """A day's calls as the daily game makes them: pin, two players' attempts, a repeat."""
    seen: list[Any] = []
    seen.append(await store.pinned(DAY, {"from": GRETZKY["id"], "to": KURRI["id"]}))
    seen.append(await store.pinned(DAY, {"from": "other", "to": "pair"}))  # the first stays
    wrong = {"valid": False, "reason": "not teammates"}
    seen.append(await store.record(DAY, "ann", "a1", 3, wrong, None))
    right = {"valid": True, "hops": 1}
    seen.append(await store.record(DAY, "ann", "a2", 3, right, [GRETZKY, KURRI]))
    seen.append(await store.record(DAY, "ann", "a2", 3, right, [GRETZKY, KURRI]))  # repeat
    seen.append(await store.record(DAY, "ann", "a3", 3, right, [GRETZKY, KURRI]))  # finished
    seen.append(await store.record(DAY, "bob", "b1", 1, wrong, None))
    seen.append(await store.record(DAY, "bob", "b2", 1, right, [GRETZKY, KURRI]))  # out of tries
    seen.append(await store.player_day(DAY, "ann"))
    seen.append(await store.counts(DAY))
    return seen


async def test_the_daily_store_answers_the_same_on_a_cluster(client: RedisClient) -> None:
    store = DailyStore(client, f"test:daily:{secrets.token_hex(4)}:", ttl_s=600)
    seen = await one_day(store)
    pinned, again, first, solved, repeat, after, bob, out_of_tries, ann, counts = seen
    assert pinned == again == {"from": GRETZKY["id"], "to": KURRI["id"]}
    assert (first.outcome, first.number, solved.outcome, solved.number) == ("new", 1, "new", 2)
    assert (repeat.outcome, repeat.number, repeat.stored) == ("dup", 2, {"valid": True, "hops": 1})
    assert (after.outcome, bob.outcome, out_of_tries.outcome) == ("finished", "new", "finished")
    assert (ann.used, ann.finished, ann.solved, ann.hops) == (2, True, True, 1)
    assert ann.chain == [GRETZKY, KURRI]
    assert (counts.players, counts.solved, counts.lengths) == (2, 1, {1: 1})
    assert counts.links == {f"{GRETZKY['id']}|{KURRI['id']}": 1}
    assert counts.names == {GRETZKY["id"]: GRETZKY["name"], KURRI["id"]: KURRI["name"]}


async def test_the_refresh_lock_works_on_a_cluster(redis_cluster: LocalRedisCluster) -> None:
    """Another worker's lock on the cluster stops this refresh before it asks the NHL API;
    once it is gone, the lock is taken and released again (the refresh itself fails here,
    with no NHL API to ask, and must not leave the lock behind)."""
    settings = base_settings(
        redis=RedisSettings(url=redis_cluster.url, cluster=True),
        # Nothing listens on port 9 of this machine: the season request fails at once.
        loader=LoaderSettings(api_web_url="http://127.0.0.1:9", max_attempts=1),
    )
    redis = open_redis(redis_cluster.url, 2, cluster=True)
    try:
        await redis.set(LOCK_KEY, "other-worker", px=60_000)
        assert await refresh_once(settings, redis) is None
        assert await redis.get(LOCK_KEY) == b"other-worker"
        await redis.delete(LOCK_KEY)
        with pytest.raises(ApiUnreachable):
            await refresh_once(settings, redis)
        assert await redis.get(LOCK_KEY) is None
    finally:
        await redis.delete(LOCK_KEY)
        await redis.aclose()
