"""The file sources of ``loader import DIR`` (the ../shared/data layout), extracted and
transformed into :class:`GraphData`; Databank people get their NHL ids from identity
linking (:mod:`loader.identity`), which also reads the nhl-statsapi files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from loader import birth_places, databank, modern
from loader.assemble import (
    GraphData,
    People,
    merge_played_for,
    modern_team_seasons,
    per_game_totals,
    player_records,
)
from loader.birth_places import (
    BirthPlaces,
    databank_birth_places,
    modern_birth_places,
    statsapi_birth_places,
)
from loader.csvfiles import CsvTable, MissingSourceFile, file_digest
from loader.identity import IdentityLinks
from loader.layout import DATABANK_DIR, MODERN_DIR, STATSAPI_DIR, one_file
from loader.problems import Problems

TEAM_LIST = Path("nhl-api") / "stats-rest" / "stats_team.json"


@dataclass(frozen=True)
class SourceFiles:
    """Where each source file is, found by name pattern under the data directory."""

    master: Path
    scoring: Path
    goalies: Path
    teams: Path
    crosswalk: Path
    players: Path
    games: Path
    appearances: Path
    team_list: Path
    statsapi: tuple[Path, ...]

    @classmethod
    def find(cls, root: Path) -> SourceFiles:
        if not root.is_dir():
            raise MissingSourceFile(f"data directory {root} does not exist")
        db, mod, statsapi = root / DATABANK_DIR, root / MODERN_DIR, root / STATSAPI_DIR
        return cls(
            master=one_file(db, "Master.csv*"),
            scoring=one_file(db, "Scoring.csv*"),
            goalies=one_file(db, "Goalies.csv*"),
            teams=one_file(db, "Teams.csv*"),
            crosswalk=one_file(mod, "databank_to_nhl_id_crosswalk_*.csv*"),
            players=one_file(mod, "nhl_players_*.csv*"),
            games=one_file(mod, "nhl_games_*.csv*"),
            appearances=one_file(mod, "nhl_game_appearances_*.csv*"),
            team_list=root / TEAM_LIST,
            statsapi=(
                one_file(statsapi, "nhl_players_statsapi_*.csv*"),
                one_file(statsapi, "nhl_rosters_statsapi_*.csv*"),
                one_file(statsapi, "nhl_teams_statsapi_*.csv*"),
            ),
        )

    def all(self) -> list[Path]:
        paths = [self.master, self.scoring, self.goalies, self.teams, self.crosswalk]
        paths += [self.players, self.games, self.appearances, *self.statsapi]
        return paths + ([self.team_list] if self.team_list.exists() else [])

    def digest(self, root: Path) -> str:
        """One digest over every file's name and sha256: the import's content version."""
        parts = [f"{p.relative_to(root).as_posix()}={file_digest(p)}" for p in self.all()]
        return "|".join(parts)


def extract_transform(files: SourceFiles, links: IdentityLinks, problems: Problems) -> GraphData:
    """Read every file and build the rows to write (pure apart from reading the files);
    ``links`` gives Databank people their NHL ids (``loader.identity.link_data_dir``)."""
    people = People(
        links=links,
        databank=databank.transform_master(
            CsvTable(files.master, "Master.csv", databank.MASTER_COLUMNS), problems
        ),
        nhl=modern.transform_players(
            CsvTable(files.players, files.players.name, modern.PLAYERS_COLUMNS), problems
        ),
        crosswalk=modern.transform_crosswalk(
            CsvTable(files.crosswalk, files.crosswalk.name, modern.CROSSWALK_COLUMNS), problems
        ),
        birth_places=read_birth_places(files),
    )
    team_seasons = databank.transform_teams(
        CsvTable(files.teams, "Teams.csv", databank.TEAMS_COLUMNS), problems
    )
    known_ts = {ts.id for ts in team_seasons}
    databank_rows = databank.transform_scoring(
        CsvTable(files.scoring, "Scoring.csv", databank.SCORING_COLUMNS),
        CsvTable(files.goalies, "Goalies.csv", databank.GOALIES_COLUMNS),
        known_ts,
        problems,
    )
    for row in databank_rows:
        if row.player not in people.databank:
            problems.add(f"Scoring.csv player {row.player}", "not in Master.csv")
    databank_rows = [row for row in databank_rows if row.player in people.databank]

    games = modern.transform_games(
        CsvTable(files.games, files.games.name, modern.GAMES_COLUMNS), problems
    )
    games_by_id = {game.id: game for game in games}
    names = modern.team_names_by_code(files.team_list, problems)
    team_seasons += modern_team_seasons(games, known_ts, names)
    appearances = modern.transform_appearances(
        CsvTable(files.appearances, files.appearances.name, modern.APPEARANCES_COLUMNS),
        games_by_id,
        problems,
    )
    unknown = {a.player for a in appearances if int(a.player) not in people.nhl}
    for player in sorted(unknown):
        problems.add(files.appearances.name, f"player {player} is not in {files.players.name}")
    if unknown:
        appearances = [a for a in appearances if a.player not in unknown]

    played_for = merge_played_for(databank_rows, per_game_totals(appearances), people)
    players = player_records((row.player for row in played_for), people, problems)
    return GraphData(
        team_seasons=team_seasons,
        players=players,
        games=games,
        played_for=played_for,
        appearances=appearances,
        identity=people.links,
    )


def read_birth_places(files: SourceFiles) -> BirthPlaces:
    """Every source's birth places (``loader.birth_places``)."""
    statsapi_players = files.statsapi[0]
    return BirthPlaces(
        modern=modern_birth_places(
            CsvTable(files.players, files.players.name, birth_places.MODERN_COLUMNS)
        ),
        statsapi=statsapi_birth_places(
            CsvTable(statsapi_players, statsapi_players.name, birth_places.STATSAPI_COLUMNS)
        ),
        databank=databank_birth_places(
            CsvTable(files.master, "Master.csv", birth_places.DATABANK_COLUMNS)
        ),
    )
