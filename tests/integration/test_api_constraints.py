"""Constraints really constrain, and the constrained queries keep the bidirectional search.

Each answer is checked hop by hop (excluded players never appear, every link has a season in
the window, a team-season of the given teams, enough games together) and its length against
a BFS over the reference graph filtered the same way.
"""

from __future__ import annotations

import csv
import gzip
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import networkx as nx
import pytest
from api_fixtures import (  # noqa: F401 - fixtures
    CROSBY,
    GRETZKY,
    HOWE,
    JAGR,
    LEMIEUX,
    MCDAVID,
    MESSIER,
    OVECHKIN,
    STUTZLE,
    api_app_fixture,
    api_fixture,
    graph_repo_fixture,
    reference_fixture,
    sample_pairs,
)
from api_reference_graph import ReferenceGraph
from known_people import NHL_IDS

from graph_api.graph.repo import GraphRepo

PATH_QUERIES = [
    "read/shortest_path",
    "read/shortest_path_constrained",
    "read/shortest_path_members_constrained",
    "read/all_shortest_paths",
    "read/all_shortest_paths_constrained",
    "read/all_shortest_paths_counted",
    "read/all_shortest_paths_counted_constrained",
    "read/spur_paths",
    "read/spur_paths_constrained",
    "read/count_shortest_paths",
    "read/count_shortest_paths_constrained",
]
EXHAUSTIVE_OPERATORS = {"VarLengthExpand(Into)", "VarLengthExpand(All)", "AntiConditionalApply"}


def filtered_distance(
    reference: ReferenceGraph, a: str, b: str, keep: Callable[[str, str, set[int]], bool]
) -> int | None:
    view = nx.subgraph_view(
        reference.graph, filter_edge=lambda x, y: keep(x, y, reference.seasons(x, y))
    )
    try:
        return int(nx.shortest_path_length(view, a, b))
    except nx.NetworkXNoPath:
        return None


async def shortest(api: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    response = await api.get("/paths/shortest", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def hops(body: dict[str, Any]) -> list[dict[str, Any]]:
    return body["path"]["hops"] if body["path"] else []


@pytest.fixture(scope="module")
def games_together(shared_data: Path) -> Counter[tuple[str, str]]:
    """(a, b) with a < b -> games both dressed for the same team, from the raw appearances."""
    per_game: dict[tuple[str, str], list[str]] = defaultdict(list)
    path = shared_data / "modern" / "nhl_game_appearances_2009_2026.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            per_game[(row["game_id"], row["team_abbrev"])].append(row["player_id"])
    together: Counter[tuple[str, str]] = Counter()
    for players in per_game.values():
        together.update(itertools.combinations(sorted(players), 2))
    return together


async def test_path_queries_plan_the_bidirectional_shortest_path(graph_repo: GraphRepo) -> None:
    params = {
        "from_id": MCDAVID,
        "to_id": GRETZKY,
        "limit": 5,
        "cap": 100,
        "from_season": 0,
        "to_season": 99999999,
        "check_seasons": True,
        "team_seasons": ["EDM-19871988"],
        "min_games": 5,
        "exclude": [JAGR],
        "spurs": [{"index": 0, "from": "4:x:0", "banned_nodes": [], "banned_links": []}],
    }
    async with graph_repo.driver.session(database="neo4j") as session:
        for name in PATH_QUERIES:
            result = await session.run("EXPLAIN " + graph_repo.catalog[name], params)
            summary = await result.consume()
            assert summary.plan is not None
            operators = set()
            stack = [summary.plan]
            while stack:
                op = stack.pop()
                operators.add(op["operatorType"].split("@")[0])
                stack.extend(op.get("children", []))
            assert "ShortestPath" in operators, (name, operators)
            assert not operators & EXHAUSTIVE_OPERATORS, (name, operators)


async def test_excluded_players_never_appear(
    api: httpx.AsyncClient, reference: ReferenceGraph
) -> None:
    for a, b in [(MCDAVID, GRETZKY), (CROSBY, HOWE), *sample_pairs(reference, 6, seed=7)]:
        first = await shortest(api, **{"from": a, "to": b})
        middle = [p["id"] for p in first["path"]["players"][1:-1]]
        if not middle:
            continue
        body = await shortest(api, **{"from": a, "to": b, "exclude": middle})
        banned = set(middle)
        if body["path"]:
            assert not banned & {p["id"] for p in body["path"]["players"]}
        view = nx.restricted_view(reference.graph, banned, [])
        try:
            expected: int | None = int(nx.shortest_path_length(view, a, b))
        except nx.NetworkXNoPath:
            expected = None
        assert body["length"] == expected, (a, b, middle)


async def test_season_window_holds_on_every_hop(
    api: httpx.AsyncClient, reference: ReferenceGraph
) -> None:
    low, high = 19801981, 19992000
    # Gretzky to Jagr with only links from 1980-81 .. 1999-2000.
    for a, b in [
        (GRETZKY, JAGR),
        (LEMIEUX, MESSIER),
        (NHL_IDS["bourqra01"], NHL_IDS["yzermst01"]),
    ]:
        body = await shortest(api, **{"from": a, "to": b, "from_season": low, "to_season": high})
        expected = filtered_distance(
            reference, a, b, lambda x, y, s: any(low <= season <= high for season in s)
        )
        assert body["length"] == expected, (a, b)
        assert body["path"] is not None
        for hop in hops(body):
            assert hop["seasons"]
            assert all(low <= season <= high for season in hop["seasons"])
            assert all(low <= ts["season"] <= high for ts in hop["team_seasons"])
            assert set(hop["seasons"]) <= reference.seasons(hop["from_id"], hop["to_id"])


async def test_no_path_in_the_window_is_200_with_a_reason(api: httpx.AsyncClient) -> None:
    # McDavid did not play before 2015-16: no link of his is from the 1980s.
    body = await shortest(
        api, **{"from": MCDAVID, "to": GRETZKY, "from_season": 19801981, "to_season": 19891990}
    )
    assert body["path"] is None
    assert body["length"] is None
    assert "within the constraints" in body["reason"]
    assert body["constraints"]["from_season"] == 19801981


async def test_only_given_teams(api: httpx.AsyncClient, reference: ReferenceGraph) -> None:
    teams = {"EDM", "NYI", "MTL"}
    # Every NHL team-season of these franchises has the franchise id as its team code.
    allowed = {key for key in reference.rosters if key[0] in teams}
    for a, b in [
        (GRETZKY, NHL_IDS["bossymi01"]),
        (GRETZKY, NHL_IDS["laflegu01"]),
        (MCDAVID, NHL_IDS["trottbr01"]),
    ]:
        body = await shortest(api, **{"from": a, "to": b, "teams": sorted(teams)})

        def keep(x: str, y: str, _: set[int]) -> bool:
            return any(x in reference.rosters[k] and y in reference.rosters[k] for k in allowed)

        expected = filtered_distance(reference, a, b, keep)
        assert body["length"] == expected, (a, b)
        for hop in hops(body):
            assert hop["team_seasons"]
            assert {ts["team_id"] for ts in hop["team_seasons"]} <= teams
            assert set(hop["teams"]) <= teams


async def test_min_games_together(
    api: httpx.AsyncClient, games_together: Counter[tuple[str, str]]
) -> None:
    for a, b, n in [(MCDAVID, CROSBY, 40), (STUTZLE, OVECHKIN, 100), (MCDAVID, OVECHKIN, 200)]:
        body = await shortest(api, **{"from": a, "to": b, "min_games": n})
        assert body["path"] is not None, body["reason"]
        for hop in hops(body):
            assert hop["games_together"] >= n
            pair = tuple(sorted((hop["from_id"], hop["to_id"])))
            assert games_together[pair] == hop["games_together"]
        plain = await shortest(api, **{"from": a, "to": b})
        assert body["length"] >= plain["length"]


async def test_max_hops(api: httpx.AsyncClient, reference: ReferenceGraph) -> None:
    distance = int(nx.shortest_path_length(reference.graph, MCDAVID, GRETZKY))
    body = await shortest(api, **{"from": MCDAVID, "to": GRETZKY, "max_hops": distance - 1})
    assert body["path"] is None
    assert f"has {distance} hops" in body["reason"]
    body = await shortest(api, **{"from": MCDAVID, "to": GRETZKY, "max_hops": distance})
    assert body["length"] == distance
    every = await api.get(
        "/paths/all", params={"from": MCDAVID, "to": GRETZKY, "max_hops": distance - 1}
    )
    assert every.json()["paths"] == []
    assert every.json()["total_paths"] == 0


async def test_constrained_counts_and_k_paths(
    api: httpx.AsyncClient, reference: ReferenceGraph
) -> None:
    low, high = 19801981, 19992000
    params = {"from": GRETZKY, "to": JAGR, "from_season": low, "to_season": high}
    view = nx.subgraph_view(
        reference.graph,
        filter_edge=lambda x, y: any(low <= s <= high for s in reference.seasons(x, y)),
    )
    expected = sum(1 for _ in nx.all_shortest_paths(view, GRETZKY, JAGR))
    body = (await api.get("/paths/all", params={**params, "limit": 5})).json()
    assert body["total_paths"] == expected
    k = (await api.get("/paths/k", params={**params, "k": 3})).json()
    assert len(k["paths"]) == 3
    for path in k["paths"]:
        for hop in path["hops"]:
            assert all(low <= season <= high for season in hop["seasons"])
