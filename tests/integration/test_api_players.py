"""Search, player pages, teammates, distances, graph stats, teams and challenges on the real
loaded graph, checked against the reference built from the raw files."""

from __future__ import annotations

from collections import Counter
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
    STUTZLE,
    api_app_fixture,
    api_fixture,
    reference_count,
    reference_fixture,
)
from api_reference_graph import ReferenceGraph
from known_people import LEGENDS, NHL_IDS

from graph_api.graph.challenges import RULES


async def get(api: httpx.AsyncClient, url: str, **params: Any) -> Any:
    response = await api.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stutzle", STUTZLE),
        ("Stützle", STUTZLE),
        ("mcdavid", MCDAVID),
        ("McDAVID", MCDAVID),
        ("connor mcd", MCDAVID),
        ("mcdavd", MCDAVID),  # one typo
        ("gretzki", GRETZKY),  # one typo
        ("wayne gretz", GRETZKY),
        ("crosby", CROSBY),
        ("jagr", JAGR),
    ],
)
async def test_search_finds_the_player_first(
    api: httpx.AsyncClient, query: str, expected: str
) -> None:
    body = await get(api, "/players", q=query, limit=5)
    assert body["results"], query
    assert body["results"][0]["id"] == expected, body["results"]


async def test_search_ranks_prefix_matches_first_then_games(api: httpx.AsyncClient) -> None:
    results = (await get(api, "/players", q="sid", limit=50))["results"]
    kinds = [hit["match"] for hit in results]
    assert kinds == sorted(kinds, key=["prefix", "word", "fuzzy"].index)
    assert results[0]["id"] == CROSBY  # the best-known "Sid..." player
    for kind in ("prefix", "word"):
        games = [hit["games"] for hit in results if hit["match"] == kind]
        assert games == sorted(games, reverse=True)
    assert all(hit["name"].lower().startswith("sid") for hit in results if hit["match"] == "prefix")


async def test_player_page(api: httpx.AsyncClient, reference: ReferenceGraph) -> None:
    body = await get(api, f"/players/{GRETZKY}")
    assert body["name"] == "Wayne Gretzky"
    assert (body["first_season"], body["last_season"]) == (19791980, 19981999)
    seasons = {season for (_, season), players in reference.rosters.items() if GRETZKY in players}
    assert {stint["team_season"]["season"] for stint in body["stints"]} == seasons
    assert body["seasons"] == len(seasons)
    assert body["teammates"] == reference.graph.degree[GRETZKY]
    oilers = [s for s in body["stints"] if s["team_season"]["id"] == "EDM-19851986"]
    assert oilers[0]["games"] > 0
    assert oilers[0]["team_season"]["name"] == "Edmonton Oilers"


async def test_teammates_pages_and_filters(
    api: httpx.AsyncClient, reference: ReferenceGraph
) -> None:
    everyone = set(reference.graph.adj[MCDAVID])
    first = await get(api, f"/players/{MCDAVID}/teammates", limit=200)
    assert first["total"] == len(everyone)
    seen = [t["player"]["id"] for t in first["teammates"]]
    offset = 200
    while offset < first["total"]:
        page = await get(api, f"/players/{MCDAVID}/teammates", limit=200, offset=offset)
        seen += [t["player"]["id"] for t in page["teammates"]]
        offset += 200
    assert len(seen) == len(set(seen)) == len(everyone)
    assert set(seen) == everyone
    strengths = [t["strength"] for t in first["teammates"]]
    assert strengths == sorted(strengths, reverse=True)
    assert all(isinstance(t["strength_estimated"], bool) for t in first["teammates"])
    for teammate in first["teammates"][:20]:
        other = teammate["player"]["id"]
        assert teammate["seasons"] == sorted(reference.seasons(MCDAVID, other))

    season = 20162017
    body = await get(api, f"/players/{MCDAVID}/teammates", season=season, limit=200)
    expected = {o for o in everyone if season in reference.seasons(MCDAVID, o)}
    assert body["total"] == len(expected)
    assert {t["player"]["id"] for t in body["teammates"]} == expected
    assert all(t["seasons"] == [season] for t in body["teammates"])

    by_team = await get(api, f"/players/{GRETZKY}/teammates", team="nyr", limit=200)
    rangers = {
        o
        for (code, _), roster in reference.rosters.items()
        if code == "NYR" and GRETZKY in roster
        for o in roster - {GRETZKY}
    }
    assert {t["player"]["id"] for t in by_team["teammates"]} == rangers


async def test_unknown_player_is_404_with_the_id(api: httpx.AsyncClient) -> None:
    for url in ("/players/nosuch99", "/players/nosuch99/teammates", "/players/nosuch99/distance"):
        response = await api.get(url)
        assert response.status_code == 404, url
        assert response.json()["error"] == "not_found"
        assert "nosuch99" in response.json()["detail"]
    response = await api.get("/paths/shortest", params={"from": MCDAVID, "to": "nosuch99"})
    assert response.status_code == 404
    assert "nosuch99" in response.json()["detail"]


async def test_distance_to_hub(api: httpx.AsyncClient, reference: ReferenceGraph) -> None:
    for player in (MCDAVID, GRETZKY, HOWE, NHL_IDS["dyeba01"]):
        body = await get(api, f"/players/{player}/distance")
        assert body["hub"]["id"] == JAGR
        assert body["distance"] == nx.shortest_path_length(reference.graph, player, JAGR)
        assert body["path"]["players"][-1]["id"] == JAGR
    body = await get(api, f"/players/{MCDAVID}/distance", to_hub=GRETZKY)
    assert body["distance"] == nx.shortest_path_length(reference.graph, MCDAVID, GRETZKY)


async def test_graph_stats(api: httpx.AsyncClient, reference: ReferenceGraph) -> None:
    body = await get(api, "/stats/graph")
    assert body["players"] == reference.graph.number_of_nodes()
    assert body["teammate_links"] == reference.graph.number_of_edges()
    assert body["dataset"]["version"]
    assert body["dataset"]["data_as_of"] >= "2026-05-17"
    assert (body["first_season"], body["last_season"]) == (19171918, 20252026)
    layers = Counter(nx.single_source_shortest_path_length(reference.graph, JAGR).values())
    assert [b["players"] for b in body["distances"]] == [layers[d] for d in range(len(layers))]
    assert body["unreachable"] == 0
    again = await get(api, "/stats/graph")
    assert again["cached"] is True


async def test_teams_and_rosters(api: httpx.AsyncClient, reference: ReferenceGraph) -> None:
    teams = {team["id"]: team for team in (await get(api, "/teams"))["teams"]}
    assert {"EDM", "MTL", "TOR", "SEA"} <= set(teams)
    assert teams["MTL"]["first_season"] == 19171918
    body = await get(api, "/teams/EDM/seasons/19871988")
    assert body["team_season"]["name"] == "Edmonton Oilers"
    ids = {entry["player"]["id"] for entry in body["players"]}
    assert ids == reference.rosters[("EDM", 19871988)]
    assert GRETZKY in ids
    missing = await api.get("/teams/EDM/seasons/19171918")
    assert missing.status_code == 404
    assert "EDM" in missing.json()["detail"]
    bad = await api.get("/teams/EDM/seasons/19871989")
    assert bad.status_code == 422


@pytest.mark.parametrize("difficulty", ["easy", "medium", "hard"])
async def test_random_challenges_fit_their_difficulty(
    api: httpx.AsyncClient, reference: ReferenceGraph, difficulty: str
) -> None:
    rule = RULES[difficulty]  # type: ignore[index]
    seen = set()
    for seed in (1, 2, 3):
        body = await get(api, "/challenges/random", difficulty=difficulty, seed=seed)
        a, b = body["from"]["id"], body["to"]["id"]
        seen.add((a, b))
        assert (body["distance"], body["shortest_paths"]) == reference_count(reference, a, b)
        assert rule.fits(body["distance"], body["shortest_paths"])
        assert body["from"]["games"] >= rule.min_games
        assert body["to"]["games"] >= rule.min_games
    assert len(seen) > 1
    again = await get(api, "/challenges/random", difficulty=difficulty, seed=1)
    assert again == await get(api, "/challenges/random", difficulty=difficulty, seed=1)


@pytest.mark.parametrize("databank_id", LEGENDS)
async def test_a_databank_id_names_the_same_player_as_his_nhl_id(
    api: httpx.AsyncClient, databank_id: str
) -> None:
    nhl_id = NHL_IDS[databank_id]
    by_nhl, by_databank = (
        await get(api, f"/players/{nhl_id}"),
        await get(api, f"/players/{databank_id}"),
    )
    assert by_databank == by_nhl
    assert (by_nhl["id"], by_nhl["nhl_id"], by_nhl["databank_id"]) == (
        nhl_id,
        int(nhl_id),
        databank_id,
    )
    teammates = await get(api, f"/players/{databank_id}/teammates", limit=5)
    assert teammates["player"]["id"] == nhl_id
    assert teammates == await get(api, f"/players/{nhl_id}/teammates", limit=5)


async def test_paths_take_either_id_and_answer_the_canonical_one(api: httpx.AsyncClient) -> None:
    old_link = await get(api, "/paths/shortest", **{"from": "gretzwa01", "to": MCDAVID})
    assert (old_link["from"]["id"], old_link["to"]["id"], old_link["length"]) == (
        GRETZKY,
        MCDAVID,
        3,
    )
    assert old_link["path"]["players"][0]["id"] == GRETZKY
    same = await get(api, "/paths/shortest", **{"from": GRETZKY, "to": MCDAVID})
    assert same["path"] == old_link["path"]
    counted = await get(api, "/paths/all", **{"from": MCDAVID, "to": "gretzwa01"})
    assert counted["to"]["id"] == GRETZKY
    assert (
        counted["total_paths"]
        == (await get(api, "/paths/all", **{"from": MCDAVID, "to": GRETZKY}))["total_paths"]
    )
    # An excluded player given by his Databank id is the same person.
    first_hop = old_link["path"]["players"][1]["id"]
    detour = await get(
        api, "/paths/shortest", **{"from": GRETZKY, "to": MCDAVID, "exclude": first_hop}
    )
    assert first_hop not in [p["id"] for p in detour["path"]["players"]]
    response = await api.get(
        "/paths/shortest", params={"from": GRETZKY, "to": MCDAVID, "exclude": "gretzwa01"}
    )
    assert response.status_code == 422
    distance = await get(api, f"/players/{MCDAVID}/distance", to_hub="gretzwa01")
    assert (distance["hub"]["id"], distance["distance"]) == (GRETZKY, 3)
