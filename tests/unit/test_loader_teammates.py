"""TEAMMATE_OF rows, checked against a brute-force count over the real per-game rows."""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pytest

from loader.records import Appearance
from loader.teammates import GameBits, TeammateIndex, teammate_rows


@pytest.fixture(scope="module")
def edmonton(shared_data: Path) -> list[Appearance]:
    """Every Edmonton appearance of 2023-24 and 2024-25, from the real per-game file."""
    path = shared_data / "modern" / "nhl_game_appearances_2009_2026.csv.gz"
    rows = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            if r["team_abbrev"] != "EDM" or r["season"] not in ("20232024", "20242025"):
                continue
            minutes, seconds = r["toi"].split(":")
            rows.append(
                Appearance(
                    r["player_id"],
                    int(r["game_id"]),
                    f"EDM-{r['season']}",
                    "EDM",
                    int(minutes) * 60 + int(seconds),
                    None,
                    None,
                    r["position"],
                    r["is_goalie"] == "True",
                    False,
                )
            )
    return rows


def test_games_together_equal_a_brute_force_count(edmonton: list[Appearance]) -> None:
    info = {"EDM-20232024": (20232024, "EDM"), "EDM-20242025": (20242025, "EDM")}
    memberships = {(a.player, a.team_season) for a in edmonton}
    rows = {
        (r.a, r.b): r for r in teammate_rows(memberships, info, GameBits.from_appearances(edmonton))
    }

    by_game: dict[int, list[Appearance]] = defaultdict(list)
    for a in edmonton:
        by_game[a.game].append(a)
    dressed: dict[tuple[str, str], int] = defaultdict(int)
    played: dict[tuple[str, str], int] = defaultdict(int)
    for lineup in by_game.values():
        for x, y in combinations(sorted(lineup, key=lambda a: a.player), 2):
            dressed[(x.player, y.player)] += 1
            if x.toi_seconds > 0 and y.toi_seconds > 0:
                played[(x.player, y.player)] += 1

    players = sorted({p for p, _ in memberships})
    pairs = {
        (a, b)
        for a, b in combinations(players, 2)
        if {ts for p, ts in memberships if p == a} & {ts for p, ts in memberships if p == b}
    }
    assert set(rows) == pairs
    for pair, row in rows.items():
        assert row.games_together == dressed.get(pair, 0)
        assert row.games_played_together == played.get(pair, 0)
    mcdavid_draisaitl = rows[("8477934", "8478402")]
    assert mcdavid_draisaitl.seasons == [20232024, 20242025]
    assert mcdavid_draisaitl.teams == ["EDM"]
    assert mcdavid_draisaitl.games_together >= 150


def test_pairs_without_game_data_have_no_game_counts() -> None:
    # Gretzky and Messier, Edmonton 1979-80 (a Databank season: no per-game data).
    memberships = [("gretzwa01", "EDM-19791980"), ("messima01", "EDM-19791980")]
    (row,) = teammate_rows(memberships, {"EDM-19791980": (19791980, "EDM")}, GameBits())
    assert (row.a, row.b, row.team_seasons) == ("gretzwa01", "messima01", ["EDM-19791980"])
    assert row.games_together is None
    assert row.games_played_together is None


def test_only_keeps_pairs_that_share_one_of_the_team_seasons(edmonton: list[Appearance]) -> None:
    info = {"EDM-20232024": (20232024, "EDM"), "EDM-20242025": (20242025, "EDM")}
    memberships = {(a.player, a.team_season) for a in edmonton}
    index = TeammateIndex(memberships, info, GameBits.from_appearances(edmonton))
    only_new = list(index.rows(only={"EDM-20242025"}))
    assert only_new
    assert all("EDM-20242025" in r.team_seasons for r in only_new)
    assert len(only_new) < len(list(index.rows()))


def test_strength_is_exact_with_game_data_and_estimated_without(
    edmonton: list[Appearance], shared_data: Path
) -> None:
    # Gretzky 79 + 3 playoff games, Messier 75 + 3 in Edmonton 1979-80 (Databank Scoring rows).
    scoring = shared_data / "hockey-databank" / "Scoring.csv.gz"
    with gzip.open(scoring, "rt", encoding="utf-8", newline="") as handle:
        games = {
            (r["playerID"], "EDM-19791980"): int(r["GP"]) + int(r["PostGP"] or 0)
            for r in csv.DictReader(handle)
            if r["year"] == "1979" and r["playerID"] in ("gretzwa01", "messima01")
        }
    memberships = [("gretzwa01", "EDM-19791980"), ("messima01", "EDM-19791980")]
    info = {"EDM-19791980": (19791980, "EDM")}
    (old,) = teammate_rows(memberships, info, GameBits(), games)
    assert (old.strength, old.strength_estimated) == (78, True)

    modern_info = {"EDM-20232024": (20232024, "EDM"), "EDM-20242025": (20242025, "EDM")}
    modern = {(a.player, a.team_season) for a in edmonton}
    rows = teammate_rows(modern, modern_info, GameBits.from_appearances(edmonton))
    for row in rows:
        assert row.strength == row.games_played_together
        assert row.strength_estimated is False
