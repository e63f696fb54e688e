"""Extract: the files identity linking reads, transformed by the loader's own transforms.

The Databank side is ``Master.csv`` (people) and the NHL rows of ``Scoring.csv`` and
``Goalies.csv`` (who played for which team-season); the NHL side is the nhl-statsapi people,
rosters and teams (``../shared/data/README.md`` section 3b) and the 2009-2018 crosswalk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from loader import databank, modern
from loader.csvfiles import CsvTable, MissingSourceFile
from loader.databank import DatabankPerson
from loader.layout import DATABANK_DIR, MODERN_DIR, STATSAPI_DIR, one_file
from loader.modern import CrosswalkEntry, NhlPerson
from loader.problems import Problems
from loader.records import TeamSeasonRecord

ALIAS_COLUMNS = ("playerID", "firstName", "nameNote")
# Master.csv ``nameNote`` forms that give another last name ("also known as Block").
ALIAS_PREFIXES = ("also known as ", "also listed as ", "born ")
STATSAPI_PEOPLE_COLUMNS = (
    "player_id", "full_name", "first_name", "last_name", "birth_date", "position",
)  # fmt: skip
STATSAPI_ROSTER_COLUMNS = ("season_start", "team_id", "player_id")
STATSAPI_TEAM_COLUMNS = ("team_id", "name", "abbreviation", "team_name", "location_name")


@dataclass(frozen=True)
class StatsapiTeam:
    team_id: int
    name: str
    abbreviation: str
    team_name: str
    location_name: str


@dataclass(frozen=True)
class DatabankTeamSeason:
    """A Databank NHL team-season: ``tmID`` and name in one season (start year)."""

    season_start: int
    tm_id: str
    franch_id: str
    name: str


@dataclass(frozen=True)
class IdentitySources:
    databank_people: dict[str, DatabankPerson]
    # databank id -> another last name the person is known by (``nameNote``)
    databank_aliases: dict[str, str]
    # (databank id, season start year, Databank tmID) of every NHL Scoring/Goalies row
    databank_memberships: frozenset[tuple[str, int, str]]
    databank_team_seasons: tuple[DatabankTeamSeason, ...]
    crosswalk: dict[str, CrosswalkEntry]
    nhl_people: dict[int, NhlPerson]
    # (NHL id, season start year, statsapi team id) of every roster row
    nhl_memberships: frozenset[tuple[int, int, int]]
    nhl_teams: dict[int, StatsapiTeam]


def read_identity_sources(data_dir: Path, problems: Problems) -> IdentitySources:
    """Read the Databank, the crosswalk and nhl-statsapi files of a ../shared/data folder."""
    if not data_dir.is_dir():
        raise MissingSourceFile(f"data directory {data_dir} does not exist")
    db, statsapi = data_dir / DATABANK_DIR, data_dir / STATSAPI_DIR
    crosswalk_file = one_file(data_dir / MODERN_DIR, "databank_to_nhl_id_crosswalk_*.csv*")
    master = one_file(db, "Master.csv*")
    people = databank.transform_master(
        CsvTable(master, "Master.csv", databank.MASTER_COLUMNS), problems
    )
    teams_table = CsvTable(one_file(db, "Teams.csv*"), "Teams.csv", databank.TEAMS_COLUMNS)
    team_seasons = databank.transform_teams(teams_table, problems)
    played = databank.transform_scoring(
        CsvTable(one_file(db, "Scoring.csv*"), "Scoring.csv", databank.SCORING_COLUMNS),
        CsvTable(one_file(db, "Goalies.csv*"), "Goalies.csv", databank.GOALIES_COLUMNS),
        {ts.id for ts in team_seasons},
        problems,
    )
    by_ts = {ts.id: ts for ts in team_seasons}
    memberships = frozenset(
        (row.player, by_ts[row.team_season].season // 10000, _tm_id(by_ts[row.team_season]))
        for row in played
    )
    crosswalk = modern.transform_crosswalk(
        CsvTable(crosswalk_file, crosswalk_file.name, modern.CROSSWALK_COLUMNS), problems
    )
    return IdentitySources(
        databank_people=people,
        databank_aliases=transform_aliases(CsvTable(master, "Master.csv", ALIAS_COLUMNS)),
        databank_memberships=memberships,
        databank_team_seasons=tuple(
            DatabankTeamSeason(ts.season // 10000, _tm_id(ts), ts.team_id, ts.name)
            for ts in team_seasons
        ),
        crosswalk=crosswalk,
        nhl_people=modern.transform_players(
            CsvTable(
                one_file(statsapi, "nhl_players_statsapi_*.csv*"),
                "statsapi players",
                STATSAPI_PEOPLE_COLUMNS,
            ),
            problems,
            birth="birth_date",
            position="position",
        ),
        nhl_memberships=transform_statsapi_rosters(
            CsvTable(
                one_file(statsapi, "nhl_rosters_statsapi_*.csv*"),
                "statsapi rosters",
                STATSAPI_ROSTER_COLUMNS,
            ),
            problems,
        ),
        nhl_teams=transform_statsapi_teams(
            CsvTable(
                one_file(statsapi, "nhl_teams_statsapi_*.csv*"),
                "statsapi teams",
                STATSAPI_TEAM_COLUMNS,
            ),
            problems,
        ),
    )


def _tm_id(ts: TeamSeasonRecord) -> str:
    return ts.databank_code or ts.code


def transform_aliases(table: CsvTable) -> dict[str, str]:
    """Other last names from ``nameNote``: ``also known as Block`` -> ``Block``; a note that
    repeats the first name (``also known as Mike Jefferson``) gives the rest."""
    col = table.columns
    aliases: dict[str, str] = {}
    for _, cells in table.rows():
        player_id, note = cells[col["playerID"]].strip(), cells[col["nameNote"]].strip()
        prefix = next((p for p in ALIAS_PREFIXES if note.lower().startswith(p)), None)
        if not player_id or prefix is None:
            continue
        alias = note[len(prefix) :].strip()
        first = cells[col["firstName"]].strip()
        if first and alias.startswith(first + " "):
            alias = alias[len(first) + 1 :]
        aliases[player_id] = alias
    return aliases


def transform_statsapi_rosters(
    table: CsvTable, problems: Problems
) -> frozenset[tuple[int, int, int]]:
    col = table.columns
    rows: set[tuple[int, int, int]] = set()
    for line, cells in table.rows():
        try:
            rows.add(
                (
                    int(cells[col["player_id"]]),
                    int(cells[col["season_start"]]),
                    int(cells[col["team_id"]]),
                )
            )
        except ValueError as exc:
            problems.add(table.where(line), f"bad roster row: {exc}")
    return frozenset(rows)


def transform_statsapi_teams(table: CsvTable, problems: Problems) -> dict[int, StatsapiTeam]:
    col = table.columns
    teams: dict[int, StatsapiTeam] = {}
    for line, cells in table.rows():
        try:
            team_id = int(cells[col["team_id"]])
        except ValueError as exc:
            problems.add(table.where(line), f"bad team row: {exc}")
            continue
        name, abbreviation, team_name, location = (
            cells[col[column]].strip() for column in STATSAPI_TEAM_COLUMNS[1:]
        )
        teams[team_id] = StatsapiTeam(team_id, name, abbreviation, team_name, location)
    return teams
