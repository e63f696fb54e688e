"""The snapshot's tables: one gzipped CSV per row kind, each row as text cells and back.

A snapshot holds the graph's source rows (:class:`loader.assemble.GraphData`) after the
transform, so loading it gives exactly the rows the import of its data directory gives.
Cells are plain text: empty is None, booleans are ``0``/``1``, lists are ``;``-joined.
Values a row can be derived from (an appearance's team-season and playoff flag, from its
game; a player's search name, from his name) are not stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph_api.names import fold_name
from loader.assemble import GraphData
from loader.identity import IdentityLink, IdentityLinks, Unlinked
from loader.parsing import position_of
from loader.records import (
    Appearance,
    GameRecord,
    PlayedForRecord,
    PlayerRecord,
    TeamSeasonRecord,
    team_season_id,
)

Cells = list[str]


@dataclass(frozen=True)
class Table:
    """One file of the snapshot: its name, header and the rows of a GraphData as cells."""

    name: str
    columns: tuple[str, ...]
    cells: Callable[[GraphData], Iterable[Cells]]

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv.gz"


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _opt_int(cell: str) -> int | None:
    return int(cell) if cell else None


def _opt(cell: str) -> str | None:
    return cell or None


def _player_cells(data: GraphData) -> Iterator[Cells]:
    for p in data.players:
        yield [
            text(v)
            for v in (p.id, p.databank_id, p.nhl_id, p.name, p.first_name, p.last_name,
                      p.birth_date, p.position, p.birth_city, p.birth_state, p.birth_country)
        ]  # fmt: skip


def _team_season_cells(data: GraphData) -> Iterator[Cells]:
    for ts in data.team_seasons:
        yield [text(v) for v in (ts.id, ts.code, ts.season, ts.name, ts.team_id, ts.databank_code)]


def _game_cells(data: GraphData) -> Iterator[Cells]:
    for g in data.games:
        yield [
            text(v)
            for v in (g.id, g.season, g.game_type, g.date, g.home, g.away, g.home_goals,
                      g.away_goals, g.venue)
        ]  # fmt: skip


def _played_for_cells(data: GraphData) -> Iterator[Cells]:
    for r in data.played_for:
        yield [
            text(v)
            for v in (r.player, r.team_season, r.games, r.goals, r.assists, r.points, r.pim,
                      r.playoff_games, r.playoff_goals, r.playoff_assists, r.position)
        ] + [";".join(r.sources)]  # fmt: skip


def _appearance_cells(data: GraphData) -> Iterator[Cells]:
    for a in data.appearances:
        yield [
            text(v)
            for v in (a.game, a.team, a.player, a.toi_seconds, a.goals, a.assists, a.position,
                      a.is_goalie)
        ]  # fmt: skip


def _link_cells(data: GraphData) -> Iterator[Cells]:
    links = data.identity.links if data.identity else {}
    for link in links.values():
        yield [link.databank_id, str(link.nhl_id), link.method, link.note]


def _unlinked_cells(data: GraphData) -> Iterator[Cells]:
    unlinked = data.identity.unlinked if data.identity else {}
    for person in unlinked.values():
        yield [
            person.databank_id,
            person.name,
            person.reason,
            " ".join(map(str, person.candidates)),
        ]


TABLES = (
    Table(
        "players",
        (
            "id",
            "databank_id",
            "nhl_id",
            "name",
            "first_name",
            "last_name",
            "birth_date",
            "position",
            "birth_city",
            "birth_state",
            "birth_country",
        ),
        _player_cells,
    ),
    Table(
        "team_seasons",
        ("id", "code", "season", "name", "team_id", "databank_code"),
        _team_season_cells,
    ),
    Table(
        "games",
        ("id", "season", "game_type", "date", "home", "away", "home_goals", "away_goals", "venue"),
        _game_cells,
    ),
    Table(
        "played_for",
        (
            "player",
            "team_season",
            "games",
            "goals",
            "assists",
            "points",
            "pim",
            "playoff_games",
            "playoff_goals",
            "playoff_assists",
            "position",
            "sources",
        ),
        _played_for_cells,
    ),
    Table(
        "appearances",
        ("game", "team", "player", "toi_seconds", "goals", "assists", "position", "is_goalie"),
        _appearance_cells,
    ),
    Table("identity_links", ("databank_id", "nhl_id", "method", "note"), _link_cells),
    Table("identity_unlinked", ("databank_id", "name", "reason", "candidates"), _unlinked_cells),
)


def graph_data(rows: dict[str, Iterable[Cells]]) -> GraphData:
    """The GraphData of the snapshot's rows (by table name); inverse of ``Table.cells``."""
    team_seasons = [
        TeamSeasonRecord(
            id=c[0], code=c[1], season=int(c[2]), name=c[3], team_id=c[4], databank_code=_opt(c[5])
        )
        for c in rows["team_seasons"]
    ]
    players = [
        PlayerRecord(
            id=c[0],
            databank_id=_opt(c[1]),
            nhl_id=_opt_int(c[2]),
            name=c[3],
            search_name=fold_name(c[3]),
            first_name=c[4],
            last_name=c[5],
            birth_date=date.fromisoformat(c[6]) if c[6] else None,
            position=position_of(c[7]),
            birth_city=_opt(c[8]),
            birth_state=_opt(c[9]),
            birth_country=_opt(c[10]),
        )
        for c in rows["players"]
    ]
    games = [
        GameRecord(
            id=int(c[0]), season=int(c[1]), game_type=c[2], date=date.fromisoformat(c[3]),
            home=c[4], away=c[5], home_goals=int(c[6]), away_goals=int(c[7]), venue=_opt(c[8]),
        )
        for c in rows["games"]
    ]  # fmt: skip
    played_for = [
        PlayedForRecord(
            player=c[0], team_season=c[1], games=int(c[2]), goals=int(c[3]), assists=int(c[4]),
            points=int(c[5]), pim=int(c[6]), playoff_games=int(c[7]), playoff_goals=int(c[8]),
            playoff_assists=int(c[9]), position=position_of(c[10]),
            sources=tuple(c[11].split(";")) if c[11] else (),
        )
        for c in rows["played_for"]
    ]  # fmt: skip
    appearances = _appearances(rows["appearances"], {g.id: g for g in games})
    links = {
        c[0]: IdentityLink(c[0], int(c[1]), c[2], c[3])  # type: ignore[arg-type]
        for c in rows["identity_links"]
    }
    unlinked = {
        c[0]: Unlinked(c[0], c[1], c[2], tuple(int(n) for n in c[3].split()))
        for c in rows["identity_unlinked"]
    }
    return GraphData(
        team_seasons=team_seasons,
        players=players,
        games=games,
        played_for=played_for,
        appearances=appearances,
        identity=IdentityLinks(links, unlinked),
    )


def _appearances(rows: Iterable[Cells], games: dict[int, GameRecord]) -> list[Appearance]:
    """About 750,000 rows: repeated cells (games, players, times) are parsed once."""
    numbers: dict[str, int | None] = {"": None}
    by_game: dict[str, GameRecord] = {}
    team_seasons: dict[tuple[str, str], str] = {}
    out: list[Appearance] = []
    for c in rows:
        game = by_game.get(c[0])
        if game is None:
            game = by_game[c[0]] = games[int(c[0])]
        ts = team_seasons.get((c[0], c[1]))
        if ts is None:
            ts = team_seasons[(c[0], c[1])] = team_season_id(c[1], game.season)
        toi, goals, assists = numbers.get(c[3], 0), numbers.get(c[4]), numbers.get(c[5])
        if toi == 0 or goals is None or assists is None:  # maybe not parsed yet
            toi, goals, assists = (_number(numbers, cell) for cell in (c[3], c[4], c[5]))
        out.append(
            Appearance(
                c[2],
                game.id,
                ts,
                c[1],
                toi or 0,
                goals,
                assists,
                c[6] or None,
                c[7] == "1",
                game.game_type == "P",
            )
        )
    return out


def _number(cache: dict[str, int | None], cell: str) -> int | None:
    if cell not in cache:
        cache[cell] = int(cell)
    return cache[cell]
