"""Today's daily puzzle and the page footer's graph statistics are computed in the background
at start-up (the loaded graph, a real Redis): start-up does not wait for them, and the first
request after it is answered from that warm answer (the puzzle: the pair pinned in Redis)
without computing anything. Each next day's puzzle is drawn before that day begins, so the
first request of a new day is answered warm too.

The app gets a Redis key prefix of its own, so nothing is pinned for today when it starts:
the warm-up draws the puzzle cold, as the first start of a day does.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
import uuid

import httpx
import pytest
from fastapi import FastAPI
from prometheus_client import REGISTRY

from graph_api.app import create_app
from graph_api.daily import rule
from graph_api.daily.puzzles import WARM_AHEAD_S
from graph_api.services import AppServices
from graph_api.settings import DailySettings, Settings

# A cold draw takes a few seconds here; on a loaded 2-core machine much longer.
WARM_TIMEOUT_S = 180


def answered(source: str) -> float:
    value = REGISTRY.get_sample_value("puckpath_daily_puzzle_answers_total", {"source": source})
    return value or 0.0


def app_with_own_daily_keys(settings: Settings, name: str) -> FastAPI:
    """The app over the loaded graph with rooms in memory and a Redis key prefix of its own
    for the daily puzzle, so nothing is pinned for any day when it starts."""
    daily = DailySettings(redis_prefix=f"puckpath:{name}:{uuid.uuid4().hex[:8]}:")
    battle = settings.battle.model_copy(update={"store": "memory"})
    return create_app(settings.model_copy(update={"battle": battle, "daily": daily}))


@pytest.mark.asyncio(loop_scope="session")
async def test_first_request_after_start_up_is_served_from_the_warm_answer(
    loaded_app_settings: Settings,
) -> None:
    app = app_with_own_daily_keys(loaded_app_settings, "daily-warm")
    async with app.router.lifespan_context(app):
        services: AppServices = app.state.services
        warming = services.warming
        assert len(warming) == 2
        assert not any(task.done() for task in warming)  # start-up did not wait for them
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://puckpath.test") as api:
            ready = await api.get("/ready")
            assert ready.status_code == 200, ready.text
            await asyncio.wait_for(asyncio.gather(*warming), WARM_TIMEOUT_S)
            warm, computed = answered("warm"), answered("computed")

            started = time.perf_counter()
            first = await api.get("/challenges/daily")
            took = time.perf_counter() - started
            assert first.status_code == 200, first.text
            assert (answered("warm"), answered("computed")) == (warm + 1, computed)
            print(f"first daily request after start-up: {took * 1000:.1f} ms (warm)")
            stats = await api.get("/stats/graph")
            assert stats.status_code == 200, stats.text
            assert stats.json()["cached"] is True  # the footer's answer was ready
            assert stats.json()["hub"]["id"] == loaded_app_settings.paths.hub_id

            # It is the pair every worker answers: the one pinned in Redis for today.
            pinned = await services.daily.puzzles.pinned(rule.today_utc())
            body = first.json()
            assert (body["from"]["id"], body["to"]["id"], body["par"]) == (
                pinned["from"]["id"],
                pinned["to"]["id"],
                pinned["par"],
            )
            assert body["date"] == rule.today_utc().isoformat()
            assert body["open"] is True

            # Another date is not the warm one: computed on request.
            past = await api.get("/challenges/daily", params={"date": "2025-06-01"})
            assert past.status_code == 200, past.text
            assert (answered("warm"), answered("computed")) == (warm + 1, computed + 1)


class Stopped(Exception):
    """Ends the test's run of the day-after-day loop."""


@pytest.mark.asyncio(loop_scope="session")
async def test_the_next_days_puzzle_is_drawn_before_its_midnight(
    loaded_app_settings: Settings,
) -> None:
    app = app_with_own_daily_keys(loaded_app_settings, "daily-next")
    async with app.router.lifespan_context(app):
        services: AppServices = app.state.services
        assert services.daily_rollover is not None
        assert not services.daily_rollover.done()
        await asyncio.wait_for(asyncio.gather(*services.warming), WARM_TIMEOUT_S)
        puzzles = services.daily.puzzles

        # A clock ten minutes before the next midnight (UTC), moved on by the loop's sleeps.
        tomorrow = rule.today_utc() + dt.timedelta(days=1)
        clock = [dt.datetime.combine(tomorrow, dt.time(), tzinfo=dt.UTC) - dt.timedelta(minutes=10)]
        puzzles.today = lambda: clock[0].date()
        slept: list[float] = []

        async def sleep(seconds: float) -> None:
            if len(slept) == 2:
                raise Stopped  # the loop is waiting for the day after tomorrow
            slept.append(seconds)
            clock[0] += dt.timedelta(seconds=seconds)

        with pytest.raises(Stopped):
            await puzzles.warm_each_day(sleep, lambda: clock[0])
        # Drawn WARM_AHEAD_S before midnight, then waited into the new day.
        assert slept == [600 - WARM_AHEAD_S, WARM_AHEAD_S]
        assert puzzles.today() == tomorrow

        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://puckpath.test") as api:
            warm, computed = answered("warm"), answered("computed")
            first = await api.get("/challenges/daily")
            assert first.status_code == 200, first.text
            assert (answered("warm"), answered("computed")) == (warm + 1, computed)
            body = first.json()
            assert body["date"] == tomorrow.isoformat()
            assert body["open"] is True
            pinned = await services.daily.puzzles.pinned(tomorrow)
            assert (body["from"]["id"], body["to"]["id"]) == (
                pinned["from"]["id"],
                pinned["to"]["id"],
            )
