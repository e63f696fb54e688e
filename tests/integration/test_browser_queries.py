"""The saved Neo4j Browser queries (cypher/browser/*.cypher) run as pasted and return rows.

Each file's header names its Browser parameters the way a person sets them,
``//   :param player => 'Wayne Gretzky'``; the test reads those lines, so the values it runs
with are exactly the ones the header tells a person to paste (real players only).
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver, GraphDatabase

from graph_api.graph.catalog import QueryCatalog
from graph_api.runtime.services import Neo4jEndpoint
from tests.known_people import NHL_IDS

CATALOG = QueryCatalog.load()
BROWSER_QUERIES = CATALOG.under("browser")
PARAM_LINE = re.compile(r"^//\s+:param\s+(\w+)\s*=>\s*(.+?)\s*$", re.MULTILINE)
PARAM_USE = re.compile(r"\$(\w+)")


def header(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if line.lstrip().startswith("//"))


def body(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))


def browser_params(text: str) -> dict[str, Any]:
    """The ``:param name => value`` lines of a header, values read as literals."""
    return {name: ast.literal_eval(value) for name, value in PARAM_LINE.findall(header(text))}


def test_there_are_browser_queries() -> None:
    assert len(BROWSER_QUERIES) >= 8
    assert {
        "browser/player_teammates",
        "browser/shortest_path_hops",
        "browser/era_hubs",
        "browser/franchise_rosters",
    } <= set(BROWSER_QUERIES)


@pytest.mark.parametrize("name", BROWSER_QUERIES)
def test_header_declares_every_parameter(name: str) -> None:
    text = CATALOG[name]
    declared = browser_params(text)
    used = set(PARAM_USE.findall(body(text)))
    assert used == set(declared), f"{name}: uses {sorted(used)}, declares {sorted(declared)}"
    if not used:
        assert "No parameters." in header(text)
    assert "// Columns:" in header(text)
    assert ";" not in body(text), "one statement per file, no trailing semicolon needed"


@pytest.fixture(scope="module")
def driver(loaded_neo4j: Neo4jEndpoint) -> Iterator[Driver]:
    with GraphDatabase.driver(
        loaded_neo4j.uri, auth=(loaded_neo4j.user, loaded_neo4j.password)
    ) as drv:
        yield drv


def run(driver: Driver, name: str) -> list[dict[str, Any]]:
    text = CATALOG[name]
    records, _, _ = driver.execute_query(text, browser_params(text), database_="neo4j")
    return [record.data() for record in records]


@pytest.mark.parametrize("name", BROWSER_QUERIES)
def test_query_returns_rows_with_the_documented_columns(driver: Driver, name: str) -> None:
    rows = run(driver, name)
    assert rows, f"{name} returned no rows with the parameters in its header"
    columns = next(line for line in header(CATALOG[name]).splitlines() if "Columns:" in line)
    documented = header(CATALOG[name])[header(CATALOG[name]).index(columns) :]
    for column in rows[0]:
        assert re.search(rf"\b{column}\b", documented), f"{name}: column {column} not documented"


def test_shortest_path_hops_chain_from_one_player_to_the_other(driver: Driver) -> None:
    params = browser_params(CATALOG["browser/shortest_path_hops"])
    rows = run(driver, "browser/shortest_path_hops")
    assert [row["hop"] for row in rows] == list(range(1, len(rows) + 1))
    assert rows[0]["player"] == params["from_player"]
    assert rows[-1]["teammate"] == params["to_player"]
    for before, after in itertools.pairwise(rows):
        assert before["teammate"] == after["player"]
    assert all(row["team_seasons"] for row in rows), "every hop has its evidence"
    # The graph view of the same pair draws one evidence path per shared team-season.
    graph = run(driver, "browser/shortest_path_graph")
    assert len(graph) >= len(rows)


def test_all_shortest_paths_have_one_length(driver: Driver) -> None:
    params = browser_params(CATALOG["browser/all_shortest_paths"])
    rows = run(driver, "browser/all_shortest_paths")
    assert len({row["hops"] for row in rows}) == 1
    for row in rows:
        assert row["chain"][0] == params["from_player"]
        assert row["chain"][-1] == params["to_player"]
        assert len(row["chain"]) == row["hops"] + 1


def test_era_hubs_are_ranked_and_inside_the_window(driver: Driver) -> None:
    params = browser_params(CATALOG["browser/era_hubs"])
    rows = run(driver, "browser/era_hubs")
    counts = [row["teammates"] for row in rows]
    assert counts == sorted(counts, reverse=True)
    for row in rows:
        assert row["first_season"] <= params["to_season"]
        assert row["last_season"] >= params["from_season"]
        assert row["team_seasons"] >= 1


def test_franchise_rosters_stay_in_the_window(driver: Driver) -> None:
    params = browser_params(CATALOG["browser/franchise_rosters"])
    rows = run(driver, "browser/franchise_rosters")
    seasons = [row["season"] for row in rows]
    assert seasons == sorted(seasons)
    assert all(params["from_season"] <= season <= params["to_season"] for season in seasons)
    assert all(row["players"] == len(row["roster"]) for row in rows)


def test_player_teammates_finds_the_named_player(driver: Driver) -> None:
    params = browser_params(CATALOG["browser/player_teammates"])
    rows = run(driver, "browser/player_teammates")
    assert {row["player"] for row in rows} == {params["player"]}
    assert all(row["seasons"] for row in rows)


DATABANK_PARAMS = {
    "browser/player_teammates": {"player": "gretzwa01"},
    "browser/player_career": {"player": "jagrja01"},
    "browser/player_neighbourhood": {"player": "messima01"},
    "browser/common_teammates": {"player": "lemiema01", "other": "jagrja01"},
    "browser/shortest_path_hops": {"from_player": "howego01", "to_player": "gretzwa01"},
}


@pytest.mark.parametrize(("name", "databank_ids"), DATABANK_PARAMS.items())
def test_a_player_named_by_either_id_gives_the_same_rows(
    driver: Driver, name: str, databank_ids: dict[str, str]
) -> None:
    """A saved query takes a player's NHL id or his Hockey Databank id alike."""
    text = CATALOG[name]
    by_databank_id = {**browser_params(text), **databank_ids}
    by_nhl_id = {**by_databank_id, **{p: NHL_IDS[v] for p, v in databank_ids.items()}}
    results = [
        [r.data() for r in driver.execute_query(text, values, database_="neo4j")[0]]
        for values in (by_databank_id, by_nhl_id)
    ]
    assert results[0], f"{name}: no rows for {by_databank_id}"
    assert results[0] == results[1]
