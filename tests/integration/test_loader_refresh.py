"""The in-season refresh against a real Neo4j and Redis and the replayed NHL API: the
recorded 2024-25 schedule (recorded around 2025-03-04) is the season under way; "the next
day" two of its games that were still to be played are final."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import redis.asyncio as aioredis

from graph_api.app import create_app
from graph_api.runtime.providers import Neo4jEndpoint, RedisEndpoint
from graph_api.settings import PathsSettings, RedisSettings, Settings
from loader.live.refresh import LOCK_KEY, RefreshOutcome, refresh_once
from loader.status import wipe_graph
from tests.integration.loader_helpers import counts
from tests.integration.test_loader_live import live_settings
from tests.replay_derived import DerivedResponses
from tests.replay_server import ReplayServer

SEASON = 20242025
MCDAVID, DRAISAITL = "8478402", "8477934"


def next_two_games(shared_data: Path) -> list[int]:
    """The first two games still to be played in the recorded weeks the client walks (from
    the first week by ``nextStartDate``, as the replay serves them)."""
    folder = shared_data / "nhl-api/schedule"
    weeks = sorted(p.stem.removeprefix("schedule_") for p in folder.glob("schedule_*.json"))
    future, day = [], weeks[0]
    while day is not None:
        week = next((w for w in weeks if w >= day), None)
        if week is None:
            break
        raw = json.loads((folder / f"schedule_{week}.json").read_text())
        for games in raw["gameWeek"]:
            future += [
                (games["date"], g["id"])
                for g in games["games"]
                if g["gameState"] == "FUT" and g["gameType"] == 2
            ]
        day = raw.get("nextStartDate")
    return [game for _, game in sorted(future)[:2]]


async def refresh(settings: Settings) -> RefreshOutcome | None:
    redis = aioredis.Redis.from_url(str(settings.redis.url))
    try:
        return await refresh_once(settings, redis)
    finally:
        await redis.aclose()


async def refresh_while_another_holds_the_lock(settings: Settings) -> RefreshOutcome | None:
    redis = aioredis.Redis.from_url(str(settings.redis.url))
    try:
        await redis.set(LOCK_KEY, "other-worker", px=60_000)
        return await refresh_once(settings, redis)
    finally:
        await redis.delete(LOCK_KEY)
        await redis.aclose()


async def distance_twice(settings: Settings) -> list[bool]:
    """Ask the same distance twice; whether each answer came from the path cache."""
    app = create_app(settings)
    cached = []
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://t") as client,
    ):
        for _ in range(2):
            response = await client.get(
                f"/players/{MCDAVID}/distance", params={"to_hub": DRAISAITL}
            )
            assert response.status_code == 200, response.text
            cached.append(response.json()["cached"])
    return cached


def test_next_day_refresh_adds_exactly_the_new_games(
    scratch_loader_neo4j: Neo4jEndpoint,
    redis_endpoint: RedisEndpoint,
    shared_data: Path,
    tmp_path: Path,
) -> None:
    derived = DerivedResponses(shared_data, season_under_way=SEASON)
    with ReplayServer(shared_data / "nhl-api", derived=derived) as server:
        settings = live_settings(scratch_loader_neo4j, server, tmp_path / "cache").model_copy(
            update={
                "redis": RedisSettings(url=redis_endpoint.url),
                "paths": PathsSettings(version_ttl_s=0.0, strongest_budget_s=600.0),
            }
        )
        asyncio.run(wipe_graph(settings))
        first = asyncio.run(refresh(settings))
        assert first is not None
        assert first.season == SEASON
        assert first.new_games
        before = asyncio.run(counts(settings))
        assert asyncio.run(distance_twice(settings)) == [False, True]

        # Another worker holds the lock: no second refresh at the same time.
        assert asyncio.run(refresh_while_another_holds_the_lock(settings)) is None

        new = next_two_games(shared_data)
        derived.finished = set(new)
        second = asyncio.run(refresh(settings))
    assert second is not None
    assert second.new_games == sorted(new)
    assert second.changed
    assert second.version != first.version
    after = asyncio.run(counts(settings))
    assert after["Game"] == before["Game"] + 2
    dressed = sum(len(derived.appearances[g]) for g in new)
    assert after["PLAYED_IN"] == before["PLAYED_IN"] + dressed
    assert second.last_game_id is not None
    newest = max(derived.games[g]["game_date"] for g in new)
    assert derived.games[second.last_game_id]["game_date"] == newest
    # The path cache is keyed on the data version: the answer is computed again.
    assert asyncio.run(distance_twice(settings)) == [False, True]
