"""Transforms of the recorded NHL web API responses (../shared/data/nhl-api)."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from loader.live.transform import (
    BadResponse,
    boxscore,
    roster_entries,
    roster_spots,
    schedule_week,
    team_names,
)


def load(shared_data: Path, relative: str) -> Any:
    return json.loads((shared_data / "nhl-api" / relative).read_text(encoding="utf-8"))


def appearances_of(shared_data: Path, game_id: int) -> list[dict[str, str]]:
    path = shared_data / "modern" / "nhl_game_appearances_2009_2026.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["game_id"] == str(game_id)]


def test_roster_lists_every_group(shared_data: Path) -> None:
    raw = load(shared_data, "roster/coreyjs_2025-01/roster_EDM_20242025.json")
    entries = roster_entries(raw, "EDM", 20242025)
    expected = {str(p["id"]) for group in ("forwards", "defensemen", "goalies") for p in raw[group]}
    assert {e.player.id for e in entries} == expected
    assert {e.team_season for e in entries} == {"EDM-20242025"}
    mcdavid = next(e.player for e in entries if e.player.id == "8478402")
    assert (mcdavid.name, mcdavid.position, mcdavid.nhl_id) == ("Connor McDavid", "C", 8478402)
    place = (mcdavid.birth_city, mcdavid.birth_state, mcdavid.birth_country)
    assert place == ("Richmond Hill", "ON", "CAN")


def test_roster_keeps_accents_and_folds_search_name(shared_data: Path) -> None:
    raw = load(shared_data, "roster/coreyjs_2025-01/roster_OTT_20242025.json")
    stutzle = next(
        e.player for e in roster_entries(raw, "OTT", 20242025) if "tzle" in e.player.name
    )
    assert stutzle.name == "Tim Stützle"
    assert stutzle.search_name == "tim stutzle"
    # No state or province in the roster: none is made up.
    assert (stutzle.birth_city, stutzle.birth_state, stutzle.birth_country) == (
        "Viersen",
        None,
        "DEU",
    )


def test_schedule_keeps_finished_regular_and_playoff_games(shared_data: Path) -> None:
    raw = load(shared_data, "schedule/schedule_2024-10-04.json")
    week = schedule_week(raw, 20242025)
    finished = [
        g
        for day in raw["gameWeek"]
        for g in day["games"]
        if g["gameType"] in (2, 3) and g["gameState"] in ("OFF", "FINAL")
    ]
    assert [g.id for g in week.games] == [g["id"] for g in finished]
    first = week.games[0]
    assert (first.id, first.away, first.home, first.away_goals, first.home_goals) == (
        2024020001, "NJD", "BUF", 4, 1,
    )  # fmt: skip
    assert str(week.next_start) == raw["nextStartDate"]


def test_schedule_matches_the_games_file(shared_data: Path) -> None:
    path = shared_data / "modern" / "nhl_games_2009_2026.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        games = {int(r["game_id"]): r for r in csv.DictReader(handle)}
    for file in sorted((shared_data / "nhl-api" / "schedule").glob("*.json")):
        for game in schedule_week(json.loads(file.read_text()), 20242025).games:
            row = games[game.id]
            assert (game.home, game.away) == (row["home_team_abbr"], row["away_team_abbr"])
            assert (game.home_goals, game.away_goals) == (
                int(row["home_goals"]),
                int(row["away_goals"]),
            )


@pytest.mark.parametrize("game_id", [2024020600, 2023020280])
def test_boxscore_equals_the_recorded_appearances(shared_data: Path, game_id: int) -> None:
    game, appearances = boxscore(
        load(shared_data, f"gamecenter/gamecenter_{game_id}_boxscore.json")
    )
    rows = appearances_of(shared_data, game_id)
    assert game.id == game_id
    recorded = {(r["player_id"], r["team_abbrev"]) for r in rows}
    boxed = {(a.player, a.team) for a in appearances}
    assert recorded <= boxed
    # The per-game file lacks most backup goalies who did not play in 2024-25 (README 2.1).
    extra = [a for a in appearances if (a.player, a.team) not in recorded]
    assert all(a.is_goalie and a.toi_seconds == 0 for a in extra)
    appearances = [a for a in appearances if (a.player, a.team) in recorded]
    by_player = {r["player_id"]: r for r in rows}
    for a in appearances:
        minutes, seconds = by_player[a.player]["toi"].split(":")
        assert a.toi_seconds == int(minutes) * 60 + int(seconds)
        if not a.is_goalie:
            assert (a.goals, a.assists) == (
                int(by_player[a.player]["goals"]),
                int(by_player[a.player]["assists"]),
            )


def test_play_by_play_roster_spots_are_the_dressed_players(shared_data: Path) -> None:
    spots = roster_spots(load(shared_data, "gamecenter/gamecenter_2023020204_play-by-play.json"))
    rows = appearances_of(shared_data, 2023020204)
    assert {(s.player.id, s.team_season) for s in spots} == {
        (r["player_id"], f"{r['team_abbrev']}-20232024") for r in rows
    }
    assert len(spots) == 40


def test_team_list_names_every_franchise_team(shared_data: Path) -> None:
    names = team_names(load(shared_data, "stats-rest/stats_team.json"))
    assert names["SEA"] == "Seattle Kraken"
    assert "TBD" not in names


def test_wrong_shape_is_a_bad_response(shared_data: Path) -> None:
    with pytest.raises(BadResponse):
        boxscore(load(shared_data, "schedule/schedule_2024-10-04.json"))
    with pytest.raises(BadResponse):
        roster_spots({"season": 20232024})
