"""Transform the Hockey Databank CSVs (NHL rows only) into loader records.

Pure functions of the parsed files: people from ``Master.csv``, team-seasons from
``Teams.csv`` and season totals from ``Scoring.csv`` and ``Goalies.csv``. Player ids here
are Databank ids (``gretzwa01``); the assembly step maps them to NHL ids through the
crosswalk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError

from loader.csvfiles import CsvTable
from loader.parsing import int_or_zero, position_of, season_of_start_year, ymd_date_or_none
from loader.problems import Problems, describe_error
from loader.records import PlayedForRecord, Position, TeamSeasonRecord, team_season_id
from loader.teams import nhl_code

NHL = "NHL"
SOURCE = "hockey-databank"

MASTER_COLUMNS = ("playerID", "firstName", "lastName", "pos", "birthYear", "birthMon", "birthDay")
TEAMS_COLUMNS = ("year", "lgID", "tmID", "franchID", "name")
SCORING_COLUMNS = (
    "playerID", "year", "stint", "tmID", "lgID", "pos", "GP", "G", "A", "Pts", "PIM",
    "PostGP", "PostG", "PostA",
)  # fmt: skip
GOALIES_COLUMNS = ("playerID", "year", "tmID", "lgID", "GP", "PostGP")


@dataclass(frozen=True)
class DatabankPerson:
    databank_id: str
    first_name: str
    last_name: str
    birth_date: date | None
    position: Position | None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def transform_master(table: CsvTable, problems: Problems) -> dict[str, DatabankPerson]:
    """Every person with a ``playerID`` (coach- or Hall-of-Fame-only rows have none)."""
    col = table.columns
    people: dict[str, DatabankPerson] = {}
    for line, cells in table.rows():
        player_id = cells[col["playerID"]].strip()
        if not player_id:
            continue
        try:
            birth = ymd_date_or_none(
                cells[col["birthYear"]], cells[col["birthMon"]], cells[col["birthDay"]]
            )
        except ValueError as exc:
            problems.add(table.where(line), f"bad birth date for {player_id}: {exc}")
            birth = None
        first, last = cells[col["firstName"]].strip(), cells[col["lastName"]].strip()
        if not last:
            problems.add(table.where(line), f"player {player_id} has no last name; skipped")
            continue
        people[player_id] = DatabankPerson(
            player_id, first, last, birth, position_of(cells[col["pos"]])
        )
    return people


def transform_teams(table: CsvTable, problems: Problems) -> list[TeamSeasonRecord]:
    """One TeamSeason per NHL row of ``Teams.csv``, keyed by the NHL tricode."""
    col = table.columns
    records: list[TeamSeasonRecord] = []
    for line, cells in table.rows():
        if cells[col["lgID"]] != NHL:
            continue
        try:
            season = season_of_start_year(int(cells[col["year"]]))
            databank_code = cells[col["tmID"]].strip()
            code = nhl_code(databank_code)
            records.append(
                TeamSeasonRecord(
                    id=team_season_id(code, season),
                    code=code,
                    season=season,
                    name=cells[col["name"]].strip() or code,
                    team_id=cells[col["franchID"]].strip(),
                    databank_code=databank_code,
                )
            )
        except (ValueError, ValidationError) as exc:
            problems.add(table.where(line), f"bad team row: {describe_error(exc)}")
    return records


class _Totals:
    """Season totals of one (player, team-season), summed over stints."""

    __slots__ = ("assists", "games", "goals", "pim", "po_assists", "po_games", "po_goals", "pos")

    def __init__(self) -> None:
        self.games = self.goals = self.assists = self.pim = 0
        self.po_games = self.po_goals = self.po_assists = 0
        self.pos: Position | None = None


def transform_scoring(
    scoring: CsvTable, goalies: CsvTable, known_team_seasons: set[str], problems: Problems
) -> list[PlayedForRecord]:
    """PLAYED_FOR rows (player = Databank id) from every NHL Scoring and Goalies row.

    Every goalie row is also in Scoring; a goalie row that is not only adds the games.
    """
    totals: dict[tuple[str, str], _Totals] = {}
    col = scoring.columns
    for line, cells in scoring.rows():
        if cells[col["lgID"]] != NHL:
            continue
        key = _key(scoring, line, cells, known_team_seasons, problems)
        if key is None:
            continue
        try:
            values = [
                int_or_zero(cells[col[name]].strip())
                for name in ("GP", "G", "A", "PIM", "PostGP", "PostG", "PostA")
            ]
        except ValueError as exc:
            problems.add(scoring.where(line), f"bad number: {exc}")
            continue
        entry = totals.setdefault(key, _Totals())
        entry.games += values[0]
        entry.goals += values[1]
        entry.assists += values[2]
        entry.pim += values[3]
        entry.po_games += values[4]
        entry.po_goals += values[5]
        entry.po_assists += values[6]
        entry.pos = entry.pos or position_of(cells[col["pos"]])
    gcol = goalies.columns
    for line, cells in goalies.rows():
        if cells[gcol["lgID"]] != NHL:
            continue
        key = _key(goalies, line, cells, known_team_seasons, problems)
        if key is None or key in totals:
            continue
        try:
            games, po_games = int_or_zero(cells[gcol["GP"]]), int_or_zero(cells[gcol["PostGP"]])
        except ValueError as exc:
            problems.add(goalies.where(line), f"bad number: {exc}")
            continue
        entry = totals.setdefault(key, _Totals())
        entry.games, entry.po_games, entry.pos = games, po_games, "G"
    return [
        PlayedForRecord(
            player=player,
            team_season=ts,
            games=t.games,
            goals=t.goals,
            assists=t.assists,
            points=t.goals + t.assists,
            pim=t.pim,
            playoff_games=t.po_games,
            playoff_goals=t.po_goals,
            playoff_assists=t.po_assists,
            position=t.pos,
            sources=(SOURCE,),
        )
        for (player, ts), t in totals.items()
    ]


def _key(
    table: CsvTable, line: int, cells: list[str], known: set[str], problems: Problems
) -> tuple[str, str] | None:
    col = table.columns
    player = cells[col["playerID"]].strip()
    try:
        season = season_of_start_year(int(cells[col["year"]]))
    except ValueError as exc:
        problems.add(table.where(line), f"bad year: {exc}")
        return None
    ts = team_season_id(nhl_code(cells[col["tmID"]].strip()), season)
    if not player:
        problems.add(table.where(line), "row without playerID")
        return None
    if ts not in known:
        problems.add(table.where(line), f"team-season {ts} is not in Teams.csv")
        return None
    return player, ts
