"""Transform the modern per-game files (2009-10 on, NHL ids) and the id crosswalk.

``modern/nhl_players_*.csv.gz`` -> people by NHL id, ``nhl_games_*`` -> games,
``nhl_game_appearances_*`` -> one appearance per player and game, and
``databank_to_nhl_id_crosswalk_*.csv`` -> Databank id -> NHL id. Pure functions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from loader.csvfiles import CsvTable
from loader.parsing import (
    check_season,
    int_or_none,
    iso_date_or_none,
    position_of,
    toi_seconds,
)
from loader.problems import Problems, describe_error
from loader.records import Appearance, GameRecord, Position, team_season_id

PLAYERS_COLUMNS = (
    "player_id",
    "full_name",
    "first_name",
    "last_name",
    "position_code",
    "birthDate",
)
GAMES_COLUMNS = (
    "game_id", "season", "game_type", "game_date", "away_team_abbr", "home_team_abbr", "venue",
    "away_goals", "home_goals",
)  # fmt: skip
APPEARANCES_COLUMNS = (
    "season", "game_id", "team_abbrev", "player_id", "position", "is_goalie", "toi", "goals",
    "assists",
)  # fmt: skip
CROSSWALK_COLUMNS = ("databank_playerID", "nhl_player_id", "nhl_name", "nhl_birthdate")


@dataclass(frozen=True)
class NhlPerson:
    nhl_id: int
    name: str
    first_name: str
    last_name: str
    birth_date: date | None
    position: Position | None


@dataclass(frozen=True)
class CrosswalkEntry:
    databank_id: str
    nhl_id: int
    nhl_name: str
    nhl_birth_date: date | None


def transform_players(
    table: CsvTable, problems: Problems, birth: str = "birthDate", position: str = "position_code"
) -> dict[int, NhlPerson]:
    """People by NHL id; ``birth``/``position`` name those columns (the statsapi file has
    ``birth_date`` and ``position``)."""
    col = table.columns
    people: dict[int, NhlPerson] = {}
    for line, cells in table.rows():
        try:
            nhl_id = int(cells[col["player_id"]])
            birth_date = iso_date_or_none(cells[col[birth]].strip())
        except ValueError as exc:
            problems.add(table.where(line), f"bad player row: {exc}")
            continue
        first, last = cells[col["first_name"]].strip(), cells[col["last_name"]].strip()
        name = cells[col["full_name"]].strip() or f"{first} {last}".strip()
        if not name:
            problems.add(table.where(line), f"player {nhl_id} has no name; skipped")
            continue
        people[nhl_id] = NhlPerson(
            nhl_id, name, first, last, birth_date, position_of(cells[col[position]])
        )
    return people


def transform_games(table: CsvTable, problems: Problems) -> list[GameRecord]:
    col = table.columns
    games: list[GameRecord] = []
    for line, cells in table.rows():
        try:
            games.append(
                GameRecord(
                    id=int(cells[col["game_id"]]),
                    season=check_season(int(cells[col["season"]])),
                    game_type=cells[col["game_type"]].strip(),
                    date=date.fromisoformat(cells[col["game_date"]].strip()),
                    home=cells[col["home_team_abbr"]].strip(),
                    away=cells[col["away_team_abbr"]].strip(),
                    home_goals=int(cells[col["home_goals"]]),
                    away_goals=int(cells[col["away_goals"]]),
                    venue=cells[col["venue"]].strip() or None,
                )
            )
        except (ValueError, ValidationError) as exc:
            problems.add(table.where(line), f"bad game row: {describe_error(exc)}")
    return games


def transform_appearances(
    table: CsvTable, games: dict[int, GameRecord], problems: Problems
) -> list[Appearance]:
    """One appearance per row, for games in ``games`` and the game's home or away team.

    The file has ~750,000 rows, so repeated cells (players, times, positions) are parsed
    once and looked up after that.
    """
    col = table.columns
    i_season, i_game, i_team = col["season"], col["game_id"], col["team_abbrev"]
    i_player, i_pos, i_goalie = col["player_id"], col["position"], col["is_goalie"]
    i_toi, i_goals, i_assists = col["toi"], col["goals"], col["assists"]
    out: list[Appearance] = []
    seen: set[int] = set()
    players: dict[str, str] = {}
    times: dict[str, int] = {}
    counts: dict[str, int | None] = {}
    positions: dict[str, Position | None] = {}
    team_seasons: dict[tuple[str, int], str] = {}
    for line, cells in table.rows():
        try:
            game_id = int(cells[i_game])
            season = int(cells[i_season])
            player = players.get(cells[i_player]) or players.setdefault(
                cells[i_player], str(int(cells[i_player]))
            )
            toi = times.get(cells[i_toi])
            if toi is None:
                toi = times[cells[i_toi]] = toi_seconds(cells[i_toi])
            goals = _count(counts, cells[i_goals])
            assists = _count(counts, cells[i_assists])
        except ValueError as exc:
            problems.add(table.where(line), f"bad appearance row: {exc}")
            continue
        game = games.get(game_id)
        team = cells[i_team]
        if game is None:
            problems.add(table.where(line), f"game {game_id} is not in the games file")
            continue
        if season != game.season or team not in (game.home, game.away):
            problems.add(table.where(line), f"{team} {season} does not match game {game_id}")
            continue
        seen_key = game_id * 100_000_000 + int(player)
        if seen_key in seen:
            problems.add(table.where(line), f"player {player} twice in game {game_id}")
            continue
        seen.add(seen_key)
        position = positions.get(cells[i_pos], "?")
        if position == "?":
            position = positions[cells[i_pos]] = position_of(cells[i_pos])
        ts = team_seasons.get((team, season))
        if ts is None:
            ts = team_seasons[(team, season)] = team_season_id(team, season)
        out.append(
            Appearance(
                player,
                game_id,
                ts,
                team,
                toi,
                goals,
                assists,
                position,
                cells[i_goalie] == "True",
                game.game_type == "P",
            )
        )
    return out


def _count(cache: dict[str, int | None], cell: str) -> int | None:
    if cell in cache:
        return cache[cell]
    value = cache[cell] = int_or_none(cell)
    return value


def transform_crosswalk(table: CsvTable, problems: Problems) -> dict[str, CrosswalkEntry]:
    col = table.columns
    entries: dict[str, CrosswalkEntry] = {}
    used: dict[int, str] = {}
    for line, cells in table.rows():
        databank_id = cells[col["databank_playerID"]].strip()
        try:
            nhl_id = int(cells[col["nhl_player_id"]])
            birth = iso_date_or_none(cells[col["nhl_birthdate"]].strip())
        except ValueError as exc:
            problems.add(table.where(line), f"bad crosswalk row: {exc}")
            continue
        if not databank_id or nhl_id in used:
            problems.add(table.where(line), f"NHL id {nhl_id} is linked twice; skipped")
            continue
        used[nhl_id] = databank_id
        entries[databank_id] = CrosswalkEntry(
            databank_id, nhl_id, cells[col["nhl_name"]].strip(), birth
        )
    return entries


def team_names_by_code(path: Path, problems: Problems) -> dict[str, str]:
    """Tricode -> full name from a recorded ``stats/rest/en/team`` response (optional)."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
        return {str(t["triCode"]): str(t["fullName"]) for t in data if t.get("franchiseId")}
    except (ValueError, KeyError, TypeError) as exc:
        problems.add(str(path), f"unreadable team list: {exc}")
        return {}
