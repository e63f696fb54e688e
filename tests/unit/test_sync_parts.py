"""Pure parts of ``loader sync``: the season range, the history transforms (on recorded
responses and on responses derived from real rows), the estimate's season list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loader.live.history import (
    club_stats_rows,
    club_totals,
    season_ids,
    season_team_ids,
    team_tricodes,
)
from loader.live.seasons import BadSeasonRange, parse_seasons, season_range
from loader.live.transform import BadResponse
from tests.replay_derived import DerivedResponses


def test_parse_seasons() -> None:
    assert parse_seasons("1990-2000") == (19901991, 20002001)
    assert parse_seasons("2004") == (20042005, 20042005)
    assert parse_seasons("19171918") == (19171918, 19171918)
    for bad in ("1990-", "abc", "2000-1990", "1800"):
        with pytest.raises(BadSeasonRange):
            parse_seasons(bad)


def test_season_range_includes_the_lockout() -> None:
    seasons = season_range(20022003, 20062007)
    assert seasons == [20022003, 20032004, 20042005, 20052006, 20062007]
    assert len(season_range(19171918, 20252026)) == 109


def test_team_tricodes_of_the_recorded_team_list(shared_data: Path) -> None:
    raw = json.loads((shared_data / "nhl-api/stats-rest/stats_team.json").read_text())
    codes = team_tricodes(raw)
    assert codes[34] == "HFD"
    assert codes[43] == "MMR"
    assert codes[8] == "MTL"
    with pytest.raises(BadResponse):
        team_tricodes({"teams": []})


def test_teams_of_a_season_from_the_team_summary(shared_data: Path) -> None:
    derived = DerivedResponses(shared_data)
    summary = derived.team_summary(19171918)
    assert season_team_ids(summary, 19171918) == [8, 36, 41, 57]  # MTL, SEN, MWN, TAN
    assert season_team_ids(derived.team_summary(20042005), 20042005) == []
    assert season_ids([20242025, 19171918]) == [19171918, 20242025]


def test_club_stats_rows_and_totals(shared_data: Path) -> None:
    derived = DerivedResponses(shared_data)
    regular = club_stats_rows(derived.club_stats("EDM", 20222023, 2), "EDM-20222023")
    playoffs = club_stats_rows(derived.club_stats("EDM", 20222023, 3), "EDM-20222023")
    mcdavid = next(r for r in regular if r.player.id == "8478402")
    assert (mcdavid.games, mcdavid.goals, mcdavid.assists) == (82, 64, 89)  # his 153 points
    assert mcdavid.player.name == "Connor McDavid"
    totals = {t["player"]: t for t in club_totals(regular, playoffs)}
    assert totals["8478402"]["playoff_games"] == 12
    assert all(r.games > 0 for r in regular)
    with pytest.raises(BadResponse):
        club_stats_rows({"skaters": [{"playerId": 1}]}, "EDM-20222023")
