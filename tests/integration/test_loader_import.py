"""The full import of ../shared/data (the ``loaded_neo4j`` server), checked against figures
computed here from the files, independently of the loader's transforms."""

from __future__ import annotations

import csv
import gzip
from collections import Counter, defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from known_people import LEGENDS, NHL_IDS, graph_ids

from graph_api.runtime.providers import Neo4jEndpoint
from graph_api.settings import Settings
from loader.status import read_status
from tests.integration.loader_helpers import counts, read, settings_on

CODES = {"AND": "ANA", "CAL": "CGY", "CBS": "CBJ", "FLO": "FLA", "NAS": "NSH", "PHO": "PHX",
         "VEG": "VGK", "WAS": "WSH"}  # fmt: skip


def rows(path: Path) -> list[dict[str, str]]:
    opener: Any = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class Expected:
    """What the graph must hold, computed straight from the CSVs."""

    def __init__(self, data: Path) -> None:
        db, mod = data / "hockey-databank", data / "modern"
        link = graph_ids(data)
        members: dict[str, set[str]] = defaultdict(set)
        for name in ("Scoring.csv.gz", "Goalies.csv.gz"):
            for r in rows(db / name):
                if r["lgID"] == "NHL":
                    year = int(r["year"])
                    ts = f"{CODES.get(r['tmID'], r['tmID'])}-{year}{year + 1}"
                    members[ts].add(link.get(r["playerID"], r["playerID"]))
        self.appearances = rows(mod / "nhl_game_appearances_2009_2026.csv.gz")
        for r in self.appearances:
            members[f"{r['team_abbrev']}-{r['season']}"].add(r["player_id"])
        self.games = rows(mod / "nhl_games_2009_2026.csv.gz")
        team_seasons = {
            f"{CODES.get(r['tmID'], r['tmID'])}-{int(r['year'])}{int(r['year']) + 1}"
            for r in rows(db / "Teams.csv.gz")
            if r["lgID"] == "NHL"
        }
        for g in self.games:
            team_seasons |= {
                f"{g['home_team_abbr']}-{g['season']}",
                f"{g['away_team_abbr']}-{g['season']}",
            }
        self.team_seasons = team_seasons
        self.players = set().union(*members.values())
        pairs: set[tuple[str, str]] = set()
        for roster in members.values():
            pairs.update(combinations(sorted(roster), 2))
        self.pairs = len(pairs)
        self.played_for = sum(len(roster) for roster in members.values())


@pytest.fixture(scope="module")
def expected(shared_data: Path) -> Expected:
    return Expected(shared_data)


@pytest.fixture(scope="module")
def loaded(loaded_neo4j: Neo4jEndpoint) -> Settings:
    return settings_on(loaded_neo4j)


@pytest.fixture(scope="module")
def nodes(loaded: Settings) -> list[dict[str, Any]]:
    import asyncio

    return asyncio.run(read(loaded, "load/dump_nodes"))


async def test_counts_equal_the_files(loaded: Settings, expected: Expected) -> None:
    graph = await counts(loaded)
    assert graph["Player"] == len(expected.players)
    assert graph["TeamSeason"] == len(expected.team_seasons)
    assert graph["Game"] == len(expected.games)
    assert graph["PLAYED_IN"] == len(expected.appearances)
    assert graph["PLAYED_FOR"] == expected.played_for
    assert graph["TEAMMATE_OF"] == expected.pairs
    assert graph["PLAYED_HOME"] == graph["PLAYED_AWAY"] == len(expected.games)
    assert graph["OF_TEAM"] == graph["TeamSeason"]
    assert graph["Dataset"] == 1


async def test_teammate_links_run_from_the_smaller_id(loaded: Settings) -> None:
    """The path queries match a hop's evidence in this direction only."""
    status = await read_status(loaded)
    assert status.relationships["TEAMMATE_OF"] > 0
    assert status.teammates_backwards == 0


def test_each_legend_is_one_node_under_his_nhl_id(nodes: list[dict[str, Any]]) -> None:
    players = [n["props"] for n in nodes if "Player" in n["labels"]]
    by_databank_id = Counter(p.get("databank_id") for p in players)
    for name in ("sidney crosby", "connor mcdavid"):
        assert sum(1 for p in players if p["search_name"] == name) == 1, name
    for databank_id in LEGENDS:
        nhl_id = NHL_IDS[databank_id]
        assert by_databank_id[databank_id] == 1, databank_id
        legend = next(p for p in players if p.get("databank_id") == databank_id)
        assert (legend["id"], legend["nhl_id"]) == (nhl_id, int(nhl_id)), databank_id
        namesakes = [
            p for p in players if p["search_name"] == legend["search_name"] and p is not legend
        ]
        assert all(p.get("birth_date") != legend.get("birth_date") for p in namesakes), namesakes
    jagr = next(p for p in players if p["search_name"] == "jaromir jagr")
    assert (jagr["id"], jagr["nhl_id"], jagr["databank_id"]) == ("8448208", 8448208, "jagrja01")
    assert (jagr["first_season"], jagr["last_season"]) == (19901991, 20172018)


async def test_jagr_carries_both_careers(loaded: Settings) -> None:
    (row,) = await read(loaded, "load/dump_player_relationships", ids=["8448208"])
    played_for = {end for kind, end, _ in row["rels"] if kind == "PLAYED_FOR"}
    assert "PIT-19901991" in played_for  # Databank era
    assert "NJD-20132014" in played_for  # Databank row of a season without per-game data
    played_in = [props for kind, _, props in row["rels"] if kind == "PLAYED_IN"]
    assert played_in
    assert all(p["team"] for p in played_in)


async def test_games_together_of_a_real_pair(loaded: Settings, expected: Expected) -> None:
    malkin, crosby = "8471215", "8471675"
    lineups: dict[str, dict[str, int]] = defaultdict(dict)
    for r in expected.appearances:
        if r["player_id"] in (malkin, crosby):
            minutes, seconds = r["toi"].split(":")
            lineups[f"{r['game_id']}-{r['team_abbrev']}"][r["player_id"]] = int(minutes) * 60 + int(
                seconds
            )
    together = [game for game in lineups.values() if len(game) == 2]
    (row,) = await read(loaded, "load/dump_player_relationships", ids=[malkin])
    edge = next(
        props for kind, end, props in row["rels"] if kind == "TEAMMATE_OF" and end == crosby
    )
    assert edge["games_together"] == len(together)
    assert edge["games_played_together"] == sum(1 for g in together if min(g.values()) > 0)
    assert edge["first_season"] == 20062007
    assert edge["teams"] == ["PIT"]
    assert edge["seasons"] == sorted(edge["seasons"])


def test_team_season_ids_use_nhl_codes(nodes: list[dict[str, Any]]) -> None:
    team_seasons = {n["props"]["id"]: n["props"] for n in nodes if "TeamSeason" in n["labels"]}
    assert team_seasons["WSH-19741975"]["databank_code"] == "WAS"
    assert team_seasons["VGK-20172018"]["team_id"] == "VEG"
    assert team_seasons["SEA-20212022"]["team_id"] == "SEA"
    assert not any(ts.split("-")[0] in CODES for ts in team_seasons)
    teams = {n["props"]["id"]: n["props"] for n in nodes if "Team" in n["labels"]}
    assert {"PHO", "PHX", "ARI", "WIN"} <= set(teams["ARI"]["codes"])


def test_dataset_is_as_of_the_newest_game(nodes: list[dict[str, Any]], expected: Expected) -> None:
    (dataset,) = [n["props"] for n in nodes if "Dataset" in n["labels"]]
    newest = max(date.fromisoformat(g["game_date"]) for g in expected.games)
    assert str(dataset["data_as_of"]) == newest.isoformat()
    assert dataset["version"]
    assert dataset["sources"] == ["hockey-databank", "nhl-per-game"]
