"""Transforms of the source CSVs, checked against the real files read independently here."""

from __future__ import annotations

import csv
import gzip
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from loader import databank, modern
from loader.assemble import People, per_game_totals
from loader.csvfiles import CsvTable
from loader.files import SourceFiles, extract_transform
from loader.identity import link_data_dir
from loader.problems import Problems, StrictModeError
from loader.records import team_season_id


def rows_of(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def files(shared_data: Path) -> SourceFiles:
    return SourceFiles.find(shared_data)


def test_master_people_have_dates_and_positions(files: SourceFiles) -> None:
    problems = Problems()
    people = databank.transform_master(
        CsvTable(files.master, "Master.csv", databank.MASTER_COLUMNS), problems
    )
    gretzky = people["gretzwa01"]
    assert (gretzky.name, gretzky.birth_date, gretzky.position) == (
        "Wayne Gretzky",
        date(1961, 1, 26),
        "C",
    )
    with_id = [r for r in rows_of(files.master) if r["playerID"]]
    assert len(people) == len(with_id)
    assert not problems


def test_teams_keep_nhl_rows_and_map_codes(files: SourceFiles) -> None:
    problems = Problems()
    records = databank.transform_teams(
        CsvTable(files.teams, "Teams.csv", databank.TEAMS_COLUMNS), problems
    )
    nhl_rows = [r for r in rows_of(files.teams) if r["lgID"] == "NHL"]
    assert len(records) == len(nhl_rows) == len({r.id for r in records})
    by_id = {r.id: r for r in records}
    assert by_id["WSH-19741975"].databank_code == "WAS"
    assert by_id["ANA-20162017"].team_id == "AND"
    assert by_id["EDM-19871988"].name == "Edmonton Oilers"
    assert not any(r.code in databank_codes() for r in records)


def databank_codes() -> set[str]:
    from loader.teams import DATABANK_TO_NHL_CODE

    return set(DATABANK_TO_NHL_CODE)


def test_scoring_sums_stints_of_one_team_season(files: SourceFiles) -> None:
    problems = Problems()
    teams = databank.transform_teams(
        CsvTable(files.teams, "Teams.csv", databank.TEAMS_COLUMNS), problems
    )
    records = databank.transform_scoring(
        CsvTable(files.scoring, "Scoring.csv", databank.SCORING_COLUMNS),
        CsvTable(files.goalies, "Goalies.csv", databank.GOALIES_COLUMNS),
        {t.id for t in teams},
        problems,
    )
    nhl = [r for r in rows_of(files.scoring) if r["lgID"] == "NHL"]
    stints = Counter((r["playerID"], r["year"], r["tmID"]) for r in nhl)
    assert len(records) == len(stints)
    player, year, team = next(key for key, count in stints.items() if count > 1)
    expected_games = sum(
        int(r["GP"] or 0)
        for r in nhl
        if (r["playerID"], r["year"], r["tmID"]) == (player, year, team)
    )
    season = int(year) * 10000 + int(year) + 1
    row = next(
        r for r in records if r.player == player and r.team_season == team_season_id(team, season)
    )
    assert row.games == expected_games
    assert not problems


def test_appearances_parse_time_goalies_and_playoffs(files: SourceFiles) -> None:
    problems = Problems()
    games = modern.transform_games(
        CsvTable(files.games, files.games.name, modern.GAMES_COLUMNS), problems
    )
    by_id = {g.id: g for g in games}
    appearances = modern.transform_appearances(
        CsvTable(files.appearances, files.appearances.name, modern.APPEARANCES_COLUMNS),
        by_id,
        problems,
    )
    raw = rows_of(files.appearances)
    assert len(appearances) == len(raw)
    first = raw[0]
    minutes, seconds = first["toi"].split(":")
    assert appearances[0].toi_seconds == int(minutes) * 60 + int(seconds)
    goalie = next(a for a in appearances if a.is_goalie)
    assert goalie.goals is None
    assert goalie.position == "G"
    playoff = next(a for a in appearances if a.playoff)
    assert by_id[playoff.game].game_type == "P"
    assert not problems


def test_per_game_totals_skip_goalies_who_only_dressed(files: SourceFiles) -> None:
    problems = Problems()
    games = {
        g.id: g
        for g in modern.transform_games(
            CsvTable(files.games, files.games.name, modern.GAMES_COLUMNS), problems
        )
    }
    appearances = modern.transform_appearances(
        CsvTable(files.appearances, files.appearances.name, modern.APPEARANCES_COLUMNS),
        games,
        problems,
    )
    backup = next(a for a in appearances if a.is_goalie and a.toi_seconds == 0)
    mine = [
        a for a in appearances if (a.player, a.team_season) == (backup.player, backup.team_season)
    ]
    expected = sum(1 for a in mine if not a.playoff and a.toi_seconds > 0)
    totals = per_game_totals(mine)[(backup.player, backup.team_season)]
    assert totals.games == expected < sum(1 for a in mine if not a.playoff)


def test_identity_links_make_one_person_of_two_ids(files: SourceFiles) -> None:
    problems = Problems()
    people = People(
        links=link_data_dir(files.master.parents[1], problems),
        databank=databank.transform_master(
            CsvTable(files.master, "Master.csv", databank.MASTER_COLUMNS), problems
        ),
        nhl=modern.transform_players(
            CsvTable(files.players, files.players.name, modern.PLAYERS_COLUMNS), problems
        ),
        crosswalk=modern.transform_crosswalk(
            CsvTable(files.crosswalk, files.crosswalk.name, modern.CROSSWALK_COLUMNS), problems
        ),
    )
    assert people.graph_id("jagrja01") == "8448208"  # in the 2009-2018 crosswalk
    assert people.graph_id("gretzwa01") == "8447400"  # career ended in 1999: linked by statsapi
    jagr, gretzky = people.record("8448208"), people.record("8447400")
    assert jagr is not None
    assert gretzky is not None
    assert (jagr.nhl_id, jagr.databank_id, jagr.search_name) == (
        8448208,
        "jagrja01",
        "jaromir jagr",
    )
    assert (gretzky.id, gretzky.nhl_id, gretzky.databank_id, gretzky.name) == (
        "8447400",
        8447400,
        "gretzwa01",
        "Wayne Gretzky",
    )


def copy_with_bad_row(files: SourceFiles, root: Path) -> tuple[Path, int]:
    """A data folder whose games file has one malformed row (at the returned line)."""
    for source in files.all():
        relative = source.relative_to(files.master.parents[1])
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(source)
    games = root / files.games.relative_to(files.master.parents[1])
    games.unlink()
    lines = gzip.decompress(files.games.read_bytes()).decode().splitlines(keepends=True)
    bad_line = 3
    lines[bad_line - 1] = lines[bad_line - 1].replace(",R,", ",R,not-a-date-", 1)
    games.write_bytes(gzip.compress("".join(lines).encode()))
    return root, bad_line


def test_bad_row_is_reported_with_file_and_line_and_skipped(
    files: SourceFiles, tmp_path: Path
) -> None:
    root, line = copy_with_bad_row(files, tmp_path)
    problems = Problems()
    data = extract_transform(SourceFiles.find(root), link_data_dir(root, problems), problems)
    where = f"{files.games.name}:{line}"
    assert any(p.where == where for p in problems.items), problems.items[:3]
    assert len(data.games) == len(rows_of(files.games)) - 1
    with pytest.raises(StrictModeError, match=where):
        problems.raise_if_strict(strict=True)
