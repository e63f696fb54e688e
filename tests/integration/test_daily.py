"""The daily puzzle on the real loaded graph and a real Redis: the pair of a date against the
rule and the independent reference graph, attempts checked hop by hop, statistics and rarity
over several anonymous players, and two workers' worth of concurrent attempts.

Each test gets its own Redis key prefix (a day of its own), so a Redis shared with earlier
tests and runs counts nothing of theirs.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from api_fixtures import reference_fixture  # noqa: F401 - fixture
from api_reference_graph import ReferenceGraph, count_shortest_paths
from fastapi import FastAPI

from graph_api.app import create_app
from graph_api.daily import rule
from graph_api.daily.game import DailyGame
from graph_api.settings import DailySettings, Settings

MAX_ATTEMPTS = 3
TODAY = rule.today_utc()
PAST_DAYS = [TODAY - dt.timedelta(days=1), dt.date(2025, 6, 1)]


@pytest_asyncio.fixture(loop_scope="session", name="daily_app")
async def daily_app_fixture(loaded_app_settings: Settings) -> AsyncIterator[FastAPI]:
    daily = DailySettings(
        max_attempts=MAX_ATTEMPTS, redis_prefix=f"puckpath:daily-test:{uuid.uuid4().hex[:8]}:"
    )
    battle = loaded_app_settings.battle.model_copy(update={"store": "memory"})
    app = create_app(loaded_app_settings.model_copy(update={"battle": battle, "daily": daily}))
    async with app.router.lifespan_context(app):
        yield app


@pytest_asyncio.fixture(loop_scope="session", name="api")
async def api_fixture(daily_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=daily_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://puckpath.test") as client:
        yield client


def game(app: FastAPI) -> DailyGame:
    daily: DailyGame = app.state.services.daily
    return daily


def player_id() -> str:
    return f"test-{uuid.uuid4().hex}"


async def send(
    api: httpx.AsyncClient, player: str, chain: list[str], attempt: str | None = None
) -> httpx.Response:
    body = {"player": player, "attempt_id": attempt or uuid.uuid4().hex, "chain": chain}
    return await api.post(f"/challenges/daily/{TODAY.isoformat()}/attempts", json=body)


async def today(api: httpx.AsyncClient) -> dict[str, Any]:
    response = await api.get("/challenges/daily")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.asyncio(loop_scope="session")
async def test_the_pair_of_a_date_follows_the_rule(
    api: httpx.AsyncClient, daily_app: FastAPI, reference: ReferenceGraph
) -> None:
    repo = daily_app.state.services.repo
    rows = await repo.read("read/daily_pool", min_games=DailySettings().min_games)
    pool = [row["id"] for row in rows]
    for day in [TODAY, *PAST_DAYS]:
        first = (await api.get("/challenges/daily", params={"date": day.isoformat()})).json()
        again = (await api.get("/challenges/daily", params={"date": day.isoformat()})).json()
        assert (first["from"], first["to"], first["par"]) == (
            again["from"],
            again["to"],
            again["par"],
        )
        a, b = first["from"]["id"], first["to"]["id"]
        # The independent graph: par and the number of shortest chains.
        assert count_shortest_paths(reference.graph, a, b) == (
            first["par"],
            first["shortest_paths"],
        )
        assert first["par"] >= 3
        # The rule: the first of the date's draws at 3+ links (by the reference graph).
        for x, y in rule.candidate_pairs(pool, day):
            if (x, y) == (a, b):
                break
            assert count_shortest_paths(reference.graph, x, y)[0] < 3, (day, x, y)
        for end in (first["from"], first["to"]):
            player = (await api.get(f"/players/{end['id']}")).json()
            assert player["games"] >= DailySettings().min_games
            assert player["centre_rank"] is not None
        assert first["difficulty"] == rule.difficulty_of(first["par"], first["shortest_paths"])
    # Drawn again without the pin, the date gives the same pair.
    drawn = await game(daily_app).puzzles.draw(TODAY)
    assert (drawn["from"]["id"], drawn["to"]["id"]) == (
        (await today(api))["from"]["id"],
        (await today(api))["to"]["id"],
    )


@pytest.mark.asyncio(loop_scope="session")
async def test_past_dates_show_their_optimal_chains_and_today_hides_them(
    api: httpx.AsyncClient, reference: ReferenceGraph
) -> None:
    puzzle = await today(api)
    assert puzzle["optimal_paths"] is None
    assert puzzle["open"] is True
    past = (await api.get("/challenges/daily", params={"date": PAST_DAYS[0].isoformat()})).json()
    assert past["open"] is False
    chains = past["optimal_paths"]
    assert 1 <= len(chains) <= min(DailySettings().shown_paths, past["shortest_paths"])
    for chain in chains:
        ids = [p["id"] for p in chain]
        assert len(ids) == past["par"] + 1
        assert (ids[0], ids[-1]) == (past["from"]["id"], past["to"]["id"])
        assert all(reference.graph.has_edge(x, y) for x, y in itertools.pairwise(ids))


@pytest.mark.asyncio(loop_scope="session")
@pytest.mark.parametrize(
    "date",
    [(TODAY + dt.timedelta(days=1)).isoformat(), "2024-12-31", "1917-12-19", "2026-02-30", "today"],
)
async def test_dates_outside_the_range_are_422(api: httpx.AsyncClient, date: str) -> None:
    response = await api.get("/challenges/daily", params={"date": date})
    assert response.status_code == 422
    assert set(response.json()) == {"error", "detail"}


async def shortest_chains(api: httpx.AsyncClient, puzzle: dict[str, Any]) -> list[list[str]]:
    params = {"from": puzzle["from"]["id"], "to": puzzle["to"]["id"], "limit": 10}
    every = (await api.get("/paths/all", params=params)).json()
    return [[p["id"] for p in path["players"]] for path in every["paths"]]


def detour(reference: ReferenceGraph, chain: list[str]) -> list[str]:
    """The chain one link longer: a common teammate of its first two players inserted."""
    graph = reference.graph
    between = sorted(set(graph.adj[chain[0]]) & set(graph.adj[chain[1]]) - set(chain))
    return [chain[0], between[0], *chain[1:]]


@pytest.mark.asyncio(loop_scope="session")
async def test_an_attempt_is_checked_hop_by_hop(api: httpx.AsyncClient) -> None:
    puzzle = await today(api)
    start, target = puzzle["from"], puzzle["to"]
    me = player_id()
    # Start to target directly: 3+ links apart, so hop 1 is named as the bad one.
    wrong = await send(api, me, [start["id"], target["id"]])
    assert wrong.status_code == 200, wrong.text
    body = wrong.json()
    assert body["valid"] is False
    assert body["hop_valid"] == [False]
    assert body["reason"].startswith("hop 1 is not a teammate link")
    assert start["name"] in body["reason"]
    assert target["name"] in body["reason"]
    assert (body["attempts_used"], body["attempts_left"], body["finished"]) == (1, 2, False)
    assert body["stats"] is None
    # Wrong ends or a repeat cost nothing: 422, like an unknown player's 404.
    chain = (await shortest_chains(api, puzzle))[0]
    for bad in (
        [chain[1], *chain[1:]],
        [*chain[:-1], chain[0]],
        [chain[0], chain[1], chain[1], *chain[2:]],
    ):
        response = await send(api, me, bad)
        assert response.status_code == 422
        assert response.json()["error"] == "invalid_chain"
    unknown = await send(api, me, [chain[0], "no-such-player", chain[-1]])
    assert unknown.status_code == 404
    assert unknown.json()["error"] == "unknown_player"
    too_long = await send(api, me, [chain[0], *["x"] * 11, chain[-1]])
    assert too_long.status_code == 422
    # The valid chain: scored against par, the day is over, statistics come with it.
    solved = await send(api, me, chain, attempt="the-good-one")
    body = solved.json()
    assert body["valid"]
    assert body["solved"]
    assert body["finished"]
    assert (body["hops"], body["over_par"], body["attempts_used"]) == (puzzle["par"], 0, 2)
    assert body["stats"]["solved"] >= 1
    assert [link["a"]["id"] for link in body["links"]] == chain[:-1]
    # The same attempt again: its first answer, nothing counted twice.
    again = (await send(api, me, chain, attempt="the-good-one")).json()
    assert again["repeated"] is True
    assert again["attempts_used"] == 2
    assert again["stats"]["solved"] == body["stats"]["solved"]
    # Another attempt after solving: the day is over.
    late = await send(api, me, chain)
    assert late.status_code == 409
    assert late.json()["error"] == "day_over"
    # A past day takes no attempts.
    closed = await api.post(
        f"/challenges/daily/{PAST_DAYS[0].isoformat()}/attempts",
        json={"player": me, "attempt_id": "closed-day", "chain": chain},
    )
    assert closed.status_code == 409
    assert closed.json()["error"] == "puzzle_closed"


@pytest.mark.asyncio(loop_scope="session")
async def test_statistics_and_rarity_over_several_players(
    api: httpx.AsyncClient, reference: ReferenceGraph
) -> None:
    puzzle = await today(api)
    before = (await api.get(f"/challenges/daily/{TODAY}/players/{player_id()}")).json()
    assert before["stats"] is None  # not finished: no statistics yet
    chains = await shortest_chains(api, puzzle)
    assert len(chains) >= 2, "the day's pair has one shortest chain: pick two of them apart"
    plans = [chains[0], chains[0], chains[-1], detour(reference, chains[0])]
    for chain in plans:
        assert (await send(api, player_id(), chain)).json()["solved"] is True
    loser = player_id()
    for _ in range(MAX_ATTEMPTS):
        last = (await send(api, loser, [puzzle["from"]["id"], puzzle["to"]["id"]])).json()
    assert last["finished"] is True
    assert last["solved"] is False
    stats = last["stats"]
    assert (stats["players"], stats["solved"]) == (5, 4)
    par = puzzle["par"]
    assert stats["lengths"] == [{"hops": par, "solvers": 3}, {"hops": par + 1, "solvers": 1}]
    # One more solver: each link of his chain with the share of the solvers whose chain has it.
    solvers = [*plans, chains[-1]]
    body = (await send(api, player_id(), chains[-1])).json()
    assert [link["a"]["id"] for link in body["links"]] == chains[-1][:-1]
    for link in body["links"]:
        pair = {link["a"]["id"], link["b"]["id"]}
        users = sum(any(set(hop) == pair for hop in itertools.pairwise(c)) for c in solvers)
        assert link["solvers"] == users
        assert link["share"] == pytest.approx(users / len(solvers))
    shares = [link["share"] for link in body["links"]]
    assert body["rarity"] == pytest.approx(round(sum(shares) * 100, 1))
    # The most used links of the day, counted the same way.
    every = Counter(frozenset(hop) for chain in solvers for hop in itertools.pairwise(chain))
    top = body["stats"]["top_links"]
    assert top[0]["solvers"] == max(every.values())
    for link in top:
        assert link["solvers"] == every[frozenset((link["a"]["id"], link["b"]["id"]))]
    # Another player's view of the day counts them all.
    seen = (await api.get(f"/challenges/daily/{TODAY}/players/{loser}")).json()
    assert seen["stats"]["solved"] == len(solvers)


@pytest.mark.asyncio(loop_scope="session")
async def test_concurrent_attempts_of_one_player_respect_the_limits(api: httpx.AsyncClient) -> None:
    puzzle = await today(api)
    wrong = [puzzle["from"]["id"], puzzle["to"]["id"]]
    me = player_id()
    answers = await asyncio.gather(*(send(api, me, wrong) for _ in range(3 * MAX_ATTEMPTS)))
    statuses = Counter(a.status_code for a in answers)
    assert statuses == {200: MAX_ATTEMPTS, 409: 2 * MAX_ATTEMPTS}
    numbers = sorted(a.json()["attempts_used"] for a in answers if a.status_code == 200)
    assert numbers[-1] == MAX_ATTEMPTS
    # One solving attempt sent five times at once is counted once.
    chain = (await shortest_chains(api, puzzle))[0]
    other = player_id()
    same = await asyncio.gather(
        *(send(api, other, chain, attempt="same-attempt") for _ in range(5))
    )
    assert all(a.status_code == 200 for a in same)
    assert sum(not a.json()["repeated"] for a in same) == 1
    after = (await api.get(f"/challenges/daily/{TODAY}/players/{other}")).json()
    assert after["stats"]["solved"] == 1
