"""The player page's and the path picture's API on the real loaded graph: a player's distance
table against networkx over the independent reference graph (and against the centre numbers
the load phase stored), the shortest-path graph against every shortest path listed by
/paths/all and the strongest path of /paths/shortest."""

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
    MCDAVID,
    OVECHKIN,
    api_app_fixture,
    api_fixture,
    reference_fixture,
)
from api_reference_graph import ReferenceGraph


async def get(api: httpx.AsyncClient, url: str, **params: Any) -> Any:
    response = await api.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("player", [GRETZKY, OVECHKIN])
async def test_distance_table_matches_networkx(
    api: httpx.AsyncClient, reference: ReferenceGraph, player: str
) -> None:
    lengths = nx.single_source_shortest_path_length(reference.graph, player)
    expected = sorted(Counter(d for d in lengths.values() if d > 0).items())
    body = await get(api, f"/players/{player}/distances")
    assert body["player"]["id"] == player
    assert [(row["distance"], row["players"]) for row in body["distances"]] == expected
    assert body["connected"] == len(lengths) - 1
    assert body["eccentricity"] == max(lengths.values())
    mean = sum(lengths.values()) / (len(lengths) - 1)
    assert body["average_distance"] == pytest.approx(mean, abs=1e-4)
    # The same numbers the centrality load phase stored on the player.
    page = await get(api, f"/players/{player}")
    if page["average_distance"] is not None:
        assert page["average_distance"] == pytest.approx(body["average_distance"], abs=1e-4)
        assert page["eccentricity"] == body["eccentricity"]


async def test_distance_table_by_databank_id_and_unknown_id(api: httpx.AsyncClient) -> None:
    by_alias = await get(api, "/players/gretzwa01/distances")
    assert by_alias["player"]["id"] == GRETZKY
    assert by_alias["distances"] == (await get(api, f"/players/{GRETZKY}/distances"))["distances"]
    response = await api.get("/players/nosuch99/distances")
    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "detail": "no player with id nosuch99"}


def ids(path: dict[str, Any]) -> list[str]:
    return [player["id"] for player in path["players"]]


@pytest.mark.parametrize(("a", "b"), [(GRETZKY, MCDAVID), (CROSBY, HOWE)])
async def test_path_graph_is_the_union_of_every_shortest_path(
    api: httpx.AsyncClient, a: str, b: str
) -> None:
    every = await get(api, "/paths/all", **{"from": a, "to": b, "limit": 100})
    assert not every["truncated"], "too many shortest paths to list for this check"
    paths = [ids(path) for path in every["paths"]]
    body = await get(api, "/paths/graph", **{"from": a, "to": b, "per_layer": 40})
    assert body["length"] == every["length"]
    assert body["total_paths"] == every["total_paths"] == len(paths)
    strongest = await get(api, "/paths/shortest", **{"from": a, "to": b})
    assert body["strongest"] == ids(strongest["path"])

    through = Counter(player for path in paths for player in path)
    for layer in body["layers"]:
        expected = {path[layer["distance"]] for path in paths}
        assert {p["player"]["id"] for p in layer["players"]} == expected
        assert layer["hidden_players"] == 0
        assert layer["hidden_paths"] == 0
        for shown in layer["players"]:
            assert shown["paths_through"] == through[shown["player"]["id"]]
            assert shown["on_strongest"] == (shown["player"]["id"] in body["strongest"])

    used = Counter((path[i], path[i + 1]) for path in paths for i in range(len(path) - 1))
    assert {(link["from_id"], link["to_id"]): link["paths_through"] for link in body["links"]} == (
        dict(used)
    )
    hops = {(h["from_id"], h["to_id"]): h for path in every["paths"] for h in path["hops"]}
    for link in body["links"]:
        hop = hops[(link["from_id"], link["to_id"])]
        assert link["strength"] == hop["strength"]
        assert link["strength_estimated"] == hop["strength_estimated"]
        assert [ts["id"] for ts in link["team_seasons"]] == [ts["id"] for ts in hop["team_seasons"]]
    on_strongest = [
        (link["from_id"], link["to_id"]) for link in body["links"] if link["on_strongest"]
    ]
    assert on_strongest == list(zip(body["strongest"], body["strongest"][1:], strict=False))


async def test_path_graph_summarises_the_quieter_connectors(api: httpx.AsyncClient) -> None:
    full = await get(api, "/paths/graph", **{"from": GRETZKY, "to": MCDAVID, "per_layer": 40})
    small = await get(api, "/paths/graph", **{"from": GRETZKY, "to": MCDAVID, "per_layer": 3})
    assert small["total_paths"] == full["total_paths"]
    assert small["strongest"] == full["strongest"]
    for big, layer in zip(full["layers"], small["layers"], strict=True):
        everyone = {p["player"]["id"]: p["paths_through"] for p in big["players"]}
        shown = [p["player"]["id"] for p in layer["players"]]
        assert len(shown) == min(3, len(everyone))
        assert layer["total_players"] == len(everyone)
        assert layer["hidden_players"] == len(everyone) - len(shown)
        assert layer["hidden_paths"] == full["total_paths"] - sum(everyone[p] for p in shown)
        assert set(full["strongest"]) & set(everyone) <= set(shown)
        # Besides the strongest path's player, the busiest connectors are the ones shown.
        others = sorted(
            (v for p, v in everyone.items() if p not in full["strongest"]), reverse=True
        )
        kept = sorted((everyone[p] for p in shown if p not in full["strongest"]), reverse=True)
        assert kept == others[: len(kept)]
    drawn = {p["player"]["id"] for layer in small["layers"] for p in layer["players"]}
    assert all(link["from_id"] in drawn and link["to_id"] in drawn for link in small["links"])


async def test_path_graph_without_a_path_and_with_bad_input(api: httpx.AsyncClient) -> None:
    body = await get(api, "/paths/graph", **{"from": GRETZKY, "to": MCDAVID, "to_season": 19901991})
    assert body["length"] is None
    assert body["total_paths"] == 0
    assert body["layers"] == []
    assert body["links"] == []
    assert "Wayne Gretzky" in body["reason"]
    missing = await api.get("/paths/graph", params={"from": GRETZKY, "to": "nosuch99"})
    assert missing.status_code == 404
    assert missing.json()["error"] == "not_found"
    bad = await api.get("/paths/graph", params={"from": GRETZKY, "to": MCDAVID, "per_layer": 0})
    assert bad.status_code == 422
    assert set(bad.json()) == {"error", "detail"}
    same = await get(api, "/paths/graph", **{"from": "gretzwa01", "to": GRETZKY})
    assert same["length"] == 0
    assert same["strongest"] == [GRETZKY]


async def test_teammates_are_ordered_by_games_together(api: httpx.AsyncClient) -> None:
    body = await get(api, f"/players/{OVECHKIN}/teammates", limit=10)
    strengths = [t["strength"] for t in body["teammates"]]
    assert strengths == sorted(strengths, reverse=True)
    top = body["teammates"][0]
    link = await get(api, "/paths/shortest", **{"from": OVECHKIN, "to": top["player"]["id"]})
    assert link["path"]["hops"][0]["strength"] == top["strength"]
