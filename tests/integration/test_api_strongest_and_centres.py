"""The strongest shortest path, the centres of the hockey universe and common teammates, on
the real loaded graph: the strongest path against a brute force over every shortest path
(``/paths/all``), the centre numbers against networkx over the independent reference graph,
common teammates against the reference graph's common neighbours."""

from __future__ import annotations

import asyncio
from itertools import pairwise
from typing import Any

import httpx
import networkx as nx
import pytest
from api_fixtures import (  # noqa: F401 - fixtures
    CROSBY,
    GRETZKY,
    HOWE,
    JAGR,
    MCDAVID,
    MESSIER,
    OVECHKIN,
    api_app_fixture,
    api_fixture,
    graph_repo_fixture,
    reference_count,
    reference_fixture,
    sample_pairs,
)
from api_reference_graph import ReferenceGraph
from fastapi import FastAPI

from graph_api.graph import paths as paths_module
from graph_api.graph.path_plan import open_params
from graph_api.graph.queries import GraphQueries
from graph_api.graph.repo import GraphRepo
from graph_api.models.paths import PathConstraints

PAIRS = [(GRETZKY, MCDAVID), (CROSBY, HOWE), (MCDAVID, CROSBY), (OVECHKIN, MESSIER)]


@pytest.fixture
async def with_strengths(graph_repo: GraphRepo) -> None:
    """A graph named by PUCKPATH_LOADED_NEO4J_URI may predate the strength and centre phases
    (CI always imports its own, with them)."""
    rows = await graph_repo.read("read/player", id=GRETZKY)
    if rows and rows[0]["player"].get("centre_rank") is None:
        pytest.skip("the loaded graph was imported before the strength and centre phases")


def key(path: dict[str, Any]) -> tuple[int, int, list[str]]:
    strengths = [hop["strength"] for hop in path["hops"]]
    return (-min(strengths), -sum(strengths), [p["id"] for p in path["players"]])


async def brute_force(api: httpx.AsyncClient, params: dict[str, Any]) -> dict[str, Any]:
    every = (await api.get("/paths/all", params={**params, "limit": 100})).json()
    assert not every["truncated"], "too many shortest paths to enumerate"
    return min(every["paths"], key=key)


@pytest.mark.usefixtures("with_strengths")
async def test_strongest_path_is_the_best_of_all_shortest_paths(api: httpx.AsyncClient) -> None:
    for a, b in PAIRS:
        params = {"from": a, "to": b}
        expected = await brute_force(api, params)
        body = (await api.get("/paths/shortest", params=params)).json()
        assert body["strategy"] == "strongest"
        assert [p["id"] for p in body["path"]["players"]] == [
            p["id"] for p in expected["players"]
        ], (a, b)
        assert body["weakest_link"] == -key(expected)[0]
        assert body["total_strength"] == -key(expected)[1]
        for hop in body["path"]["hops"]:
            assert isinstance(hop["strength"], int)
            assert isinstance(hop["strength_estimated"], bool)


@pytest.mark.usefixtures("with_strengths")
async def test_the_dag_search_agrees_with_the_brute_force(
    api: httpx.AsyncClient, api_app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above STRONGEST_CAP shortest paths the answer comes from the shortest-path DAG: lower
    the cap so that every pair here takes that road (a fresh context: no cached answers)."""
    monkeypatch.setattr(paths_module, "STRONGEST_CAP", 1)
    queries = GraphQueries(api_app.state.services.repo, api_app.state.services.settings.paths)
    for a, b in PAIRS:
        expected = await brute_force(api, {"from": a, "to": b})
        found = await queries.paths.find_shortest(a, b, None, "strongest")
        assert found.path is not None
        assert found.path.ids == [p["id"] for p in expected["players"]], (a, b)
    # Under constraints the layered search steps through the allowed team-seasons, or
    # (min_games: a pair's own games together) over the links that pass.
    constrained = [
        (GRETZKY, MCDAVID, {"exclude": [JAGR], "from_season": 19791980}),
        (GRETZKY, MCDAVID, {"teams": ["EDM", "LAK", "NYR"], "to_season": 20192020}),
        (MCDAVID, CROSBY, {"min_games": 20}),
    ]
    for a, b, params in constrained:
        expected = await brute_force(api, {"from": a, "to": b, **params})
        constraints = PathConstraints.model_validate(params)
        found = await queries.paths.find_shortest(a, b, constraints, "strongest")
        assert found.path is not None, params
        assert found.path.ids == [p["id"] for p in expected["players"]], params


@pytest.mark.usefixtures("with_strengths")
async def test_a_pair_with_thousands_of_shortest_paths_gets_the_best_of_them(
    api: httpx.AsyncClient,
    api_app: FastAPI,
    graph_repo: GraphRepo,
    reference: ReferenceGraph,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """More shortest paths than /paths/all lists and than the old one-query cap (2,000), fewer
    than STRONGEST_CAP: every one enumerated by networkx on the reference graph, each link's
    strength read from the graph, the best by the rule; the one query and the DAG agree."""
    pairs = ((a, b) for a, b in sample_pairs(reference, 400, 20261202) if a in reference.graph)
    a, b = next(
        (a, b)
        for a, b in pairs
        if nx.has_path(reference.graph, a, b)
        and 2_000 < reference_count(reference, a, b)[1] <= paths_module.STRONGEST_CAP
    )
    every = list(nx.all_shortest_paths(reference.graph, a, b))
    on_paths = sorted({player for path in every for player in path})
    rows = await graph_repo.read(
        "read/layer_links", **{"from": on_paths, "to": on_paths}, **open_params()
    )
    strength = {
        frozenset(link): value
        for *link, value in zip(rows[0]["a"], rows[0]["b"], rows[0]["strength"], strict=True)
    }

    def rank(path: list[str]) -> tuple[int, int, list[str]]:
        strengths = [strength[frozenset(hop)] for hop in pairwise(path)]
        return (-min(strengths), -sum(strengths), path)

    expected = min(every, key=rank)
    body = (await api.get("/paths/shortest", params={"from": a, "to": b})).json()
    assert [p["id"] for p in body["path"]["players"]] == expected, (a, b, len(every))
    assert (body["weakest_link"], body["total_strength"]) == (
        -rank(expected)[0],
        -rank(expected)[1],
    )
    monkeypatch.setattr(paths_module, "STRONGEST_CAP", 1)
    queries = GraphQueries(api_app.state.services.repo, api_app.state.services.settings.paths)
    found = await queries.paths.find_shortest(a, b, None, "strongest")
    assert found.path is not None
    assert found.path.ids == expected


@pytest.mark.usefixtures("with_strengths")
async def test_a_slow_strongest_path_answers_the_first_found_then_the_strongest(
    api: httpx.AsyncClient, api_app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past PATHS_STRONGEST_BUDGET_S the asker gets the first shortest path found, marked, and
    the strongest is finished in the background: the next asker gets it from the cache."""
    queries: GraphQueries = api_app.state.services.queries
    monkeypatch.setattr(queries.settings, "strongest_budget_s", 0.0)
    params = {"from": HOWE, "to": OVECHKIN}
    expected = await brute_force(api, params)
    quick = (await api.get("/paths/shortest", params=params)).json()
    assert (quick["strategy"], quick["strongest_pending"], quick["cached"]) == ("any", True, False)
    assert quick["length"] == len(expected["hops"])
    for _ in range(600):
        # Until the strongest is done, askers get the quick answer (from the cache after the
        # first), still marked pending.
        later = (await api.get("/paths/shortest", params=params)).json()
        if not later["strongest_pending"]:
            break
        assert (later["strategy"], later["length"]) == ("any", quick["length"])
        await asyncio.sleep(0.1)
    assert (later["strategy"], later["strongest_pending"], later["cached"]) == (
        "strongest",
        False,
        True,
    )
    assert [p["id"] for p in later["path"]["players"]] == [p["id"] for p in expected["players"]]


@pytest.mark.usefixtures("with_strengths")
async def test_gretzky_to_mcdavid_avoids_the_one_game_link(api: httpx.AsyncClient) -> None:
    params = {"from": GRETZKY, "to": MCDAVID}
    every = (await api.get("/paths/all", params={**params, "limit": 100})).json()
    weakest = [min(hop["strength"] for hop in path["hops"]) for path in every["paths"]]
    assert every["total_paths"] == 66
    assert min(weakest) <= 1 < max(weakest)
    strongest = (await api.get("/paths/shortest", params=params)).json()
    assert strongest["weakest_link"] == max(weakest)
    # Gretzky's link: Databank seasons only, so its strength is an upper bound.
    assert strongest["path"]["hops"][0]["strength_estimated"] is True
    anyone = (await api.get("/paths/shortest", params={**params, "strategy": "any"})).json()
    assert anyone["strategy"] == "any"
    assert anyone["length"] == strongest["length"]


@pytest.mark.usefixtures("with_strengths")
async def test_constraints_hold_with_both_strategies(api: httpx.AsyncClient) -> None:
    for constraints in (
        {"exclude": JAGR},
        {"from_season": 19791980, "to_season": 20152016},
        {"teams": "EDM,PIT,NYR,PHI,LAK,STL,TOR,CHI,DET"},
    ):
        params = {"from": GRETZKY, "to": MCDAVID, **constraints}
        expected = await brute_force(api, params)
        strongest = (await api.get("/paths/shortest", params=params)).json()
        ids = [p["id"] for p in strongest["path"]["players"]]
        assert ids == [p["id"] for p in expected["players"]], constraints
        anyone = (await api.get("/paths/shortest", params={**params, "strategy": "any"})).json()
        assert anyone["length"] == strongest["length"] == expected["length"]
        for body in (strongest, anyone):
            assert JAGR not in [p["id"] for p in body["path"]["players"]] or "exclude" not in (
                constraints
            )


async def test_unknown_strategy_is_a_422(api: httpx.AsyncClient) -> None:
    response = await api.get(
        "/paths/shortest", params={"from": GRETZKY, "to": MCDAVID, "strategy": "longest"}
    )
    assert response.status_code == 422
    assert set(response.json()) == {"error", "detail"}


def centre_of(graph: nx.Graph, player: str) -> tuple[float, int]:
    lengths = [d for d in nx.single_source_shortest_path_length(graph, player).values() if d]
    return round(sum(lengths) / len(lengths), 4), max(lengths)


@pytest.mark.usefixtures("with_strengths")
async def test_player_centre_numbers_match_networkx(
    api: httpx.AsyncClient, reference: ReferenceGraph
) -> None:
    for player in (GRETZKY, JAGR, MCDAVID):
        body = (await api.get(f"/players/{player}")).json()
        assert (body["average_distance"], body["eccentricity"]) == centre_of(
            reference.graph, player
        )
        assert body["centre_rank"] >= 1


@pytest.mark.usefixtures("with_strengths")
async def test_centres_list_the_best_first(
    api: httpx.AsyncClient, reference: ReferenceGraph
) -> None:
    body = (await api.get("/stats/centres", params={"limit": 5})).json()
    assert body["decade"] is None
    ranks = [c["centre_rank"] for c in body["centres"]]
    assert ranks[0] == 1
    assert ranks == sorted(ranks)
    assert len(ranks) == 5
    best = body["centres"][0]
    assert best["average_distance"] == centre_of(reference.graph, best["player"]["id"])[0]
    largest = max(nx.connected_components(reference.graph), key=len)
    sample = sorted(largest)[:: len(largest) // 40]
    assert best["average_distance"] <= min(centre_of(reference.graph, p)[0] for p in sample)


@pytest.mark.usefixtures("with_strengths")
async def test_centres_of_an_era_in_its_own_subgraph(
    api: httpx.AsyncClient, reference: ReferenceGraph
) -> None:
    window = {"from_season": 19801981, "to_season": 19891990, "limit": 3}
    body = (await api.get("/stats/centres", params=window)).json()
    assert (body["decade"], body["from_season"], body["to_season"]) == (1980, 19801981, 19891990)
    eighties = nx.Graph(
        (a, b)
        for a, b, seasons in reference.graph.edges(data="seasons")
        if any(1980 <= s // 10000 <= 1989 for s in seasons)
    )
    for centre in body["centres"]:
        assert (centre["average_distance"], centre["eccentricity"]) == centre_of(
            eighties, centre["player"]["id"]
        )
    across = await api.get(
        "/stats/centres", params={"from_season": 19801981, "to_season": 19951996}
    )
    assert across.status_code == 422
    assert "one decade" in across.json()["detail"]


async def test_common_teammates_match_the_reference(
    api: httpx.AsyncClient, reference: ReferenceGraph
) -> None:
    body = (await api.get(f"/players/{GRETZKY}/common/{MESSIER}", params={"limit": 1000})).json()
    expected = set(reference.graph.adj[GRETZKY]) & set(reference.graph.adj[MESSIER])
    assert {c["player"]["id"] for c in body["players"]} == expected
    assert body["total"] == body["returned"] == len(expected)
    for common in body["players"][:20]:
        other = common["player"]["id"]
        assert {ts["season"] for ts in common["with_a"]} == reference.seasons(GRETZKY, other)
        assert {ts["season"] for ts in common["with_b"]} == reference.seasons(MESSIER, other)
    missing = await api.get(f"/players/{GRETZKY}/common/nosuchplayer01")
    assert missing.status_code == 404
    assert missing.json()["error"] == "not_found"
    assert "nosuchplayer01" in missing.json()["detail"]
