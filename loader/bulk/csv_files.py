"""The graph's rows as the CSV files of ``neo4j-admin database import full``.

One file per label and relationship type, with a typed header (``:ID``, ``:START_ID``,
``:END_ID``, ``long``, ``date``, ``boolean``, ``string[]``, ``long[]``), holding exactly the
nodes, relationships and properties the Cypher import writes on an empty graph
(``cypher/load/merge_*``, ``create_*``): a null value is an empty cell (no property, as a
Cypher ``SET p.x = null``), every string is quoted (so an empty string stays one).
Properties the loader computes after the relationships exist (careers, team names,
centrality, the Dataset node) are written by the same Cypher phases once the server runs.

A value the format cannot hold as Cypher would (an empty list, which an empty cell would
turn into no property; the array delimiter or a line break inside a string) raises
:class:`BulkUnsupported`, and the caller falls back to the Cypher import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from loader.assemble import GraphData
from loader.records import PlayerRecord, TeammateRow

ARRAY_DELIMITER = "|"


class BulkUnsupported(ValueError):
    """The rows hold a value that the import files cannot carry unchanged."""


@dataclass
class ImportFiles:
    """The files written, as ``neo4j-admin`` arguments: (label or type, path)."""

    folder: Path
    nodes: list[tuple[str, Path]] = field(default_factory=list)
    relationships: list[tuple[str, Path]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def arguments(self) -> list[str]:
        return [
            *(f"--nodes={label}={path}" for label, path in self.nodes),
            *(f"--relationships={kind}={path}" for kind, path in self.relationships),
            f"--array-delimiter={ARRAY_DELIMITER}",
        ]


def text(value: str | None) -> str:
    if value is None:
        return ""
    if "\n" in value or "\r" in value:
        raise BulkUnsupported(f"a line break in {value!r}")
    return '"' + value.replace('"', '""') + '"'


def number(value: int | None) -> str:
    return "" if value is None else str(value)


def day(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def flag(value: bool) -> str:
    return "true" if value else "false"


def texts(values: Iterable[str]) -> str:
    items = list(values)
    if not items:
        raise BulkUnsupported("an empty list")
    if any(ARRAY_DELIMITER in item for item in items):
        raise BulkUnsupported(f"the array delimiter {ARRAY_DELIMITER!r} in {items!r}")
    return text(ARRAY_DELIMITER.join(items))


def numbers(values: Iterable[int]) -> str:
    items = [str(value) for value in values]
    if not items:
        raise BulkUnsupported("an empty list")
    return ARRAY_DELIMITER.join(items)


def write_import_files(
    data: GraphData, teammates: Iterable[TeammateRow], folder: Path
) -> ImportFiles:
    """Write every node and relationship file of ``data`` (TEAMMATE_OF from ``teammates``)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = ImportFiles(folder)
    team_seasons = {ts.id for ts in data.team_seasons}
    players = {p.id for p in data.players}
    games = {g.id for g in data.games}

    def write(kind: str, name: str, header: str, lines: Iterable[str], node: bool) -> None:
        path = folder / f"{name}.csv"
        count = 0
        with path.open("w", encoding="utf-8", newline="") as out:
            out.write(header + "\n")
            for line in lines:
                out.write(line)
                count += 1
        (files.nodes if node else files.relationships).append((kind, path))
        files.counts[name] = count

    write(
        "TeamSeason",
        "team_seasons",
        "id:ID(TeamSeason),code,season:long,name,team_id,databank_code",
        (
            f"{text(ts.id)},{text(ts.code)},{ts.season},{text(ts.name)},{text(ts.team_id)},"
            f"{text(ts.databank_code)}\n"
            for ts in _unique(data.team_seasons, lambda ts: ts.id)
        ),
        node=True,
    )
    teams = sorted({ts.team_id for ts in data.team_seasons})
    write("Team", "teams", "id:ID(Team)", (f"{text(t)}\n" for t in teams), node=True)
    write(
        "Player",
        "players",
        "id:ID(Player),name,search_name,first_name,last_name,birth_date:date,birth_city,"
        "birth_state,birth_country,position,nhl_id:long,databank_id",
        (
            f"{text(p.id)},{text(p.name)},{text(p.search_name)},{text(p.first_name)},"
            f"{text(p.last_name)},{day(p.birth_date)},{birth_place(p)},{text(p.position)},"
            f"{number(p.nhl_id)},{text(p.databank_id)}\n"
            for p in _unique(data.players, lambda p: p.id)
        ),
        node=True,
    )
    # The Game key is a number: the import's id column holds strings, so the id is written
    # twice, once as the (unstored) import id and once as the ``id`` property.
    write(
        "Game",
        "games",
        ":ID(Game),id:long,season:long,game_type,date:date,home,away,home_goals:long,"
        "away_goals:long,venue",
        (
            f"{g.id},{g.id},{g.season},{text(g.game_type)},{day(g.date)},{text(g.home)},"
            f"{text(g.away)},{g.home_goals},{g.away_goals},{text(g.venue)}\n"
            for g in _unique(data.games, lambda g: g.id)
        ),
        node=True,
    )
    write(
        "OF_TEAM",
        "of_team",
        ":START_ID(TeamSeason),:END_ID(Team)",
        (
            f"{text(ts.id)},{text(ts.team_id)}\n"
            for ts in _unique(data.team_seasons, lambda ts: ts.id)
        ),
        node=False,
    )
    for kind, side in (("PLAYED_HOME", "home_team_season"), ("PLAYED_AWAY", "away_team_season")):
        write(
            kind,
            kind.lower(),
            ":START_ID(TeamSeason),:END_ID(Game)",
            (
                f"{text(getattr(g, side))},{g.id}\n"
                for g in _unique(data.games, lambda g: g.id)
                if g.home_team_season in team_seasons and g.away_team_season in team_seasons
            ),
            node=False,
        )
    write(
        "PLAYED_FOR",
        "played_for",
        ":START_ID(Player),:END_ID(TeamSeason),games:long,goals:long,assists:long,points:long,"
        "pim:long,playoff_games:long,playoff_goals:long,playoff_assists:long,position,"
        "sources:string[]",
        (
            f"{text(r.player)},{text(r.team_season)},{r.games},{r.goals},{r.assists},"
            f"{r.points},{r.pim},{r.playoff_games},{r.playoff_goals},{r.playoff_assists},"
            f"{text(r.position)},{texts(r.sources)}\n"
            for r in _unique(data.played_for, lambda r: (r.player, r.team_season))
            if r.player in players and r.team_season in team_seasons
        ),
        node=False,
    )
    write(
        "PLAYED_IN",
        "played_in",
        ":START_ID(Player),:END_ID(Game),team,toi_seconds:long,goals:long,assists:long,position",
        (
            f"{text(a.player)},{a.game},{text(a.team)},{a.toi_seconds},{number(a.goals)},"
            f"{number(a.assists)},{text(a.position)}\n"
            for a in data.appearances
            if a.player in players and a.game in games
        ),
        node=False,
    )
    write(
        "TEAMMATE_OF",
        "teammate_of",
        ":START_ID(Player),:END_ID(Player),seasons:long[],team_seasons:string[],teams:string[],"
        "first_season:long,last_season:long,games_together:long,games_played_together:long,"
        "strength:long,strength_estimated:boolean",
        (
            f"{text(t.a)},{text(t.b)},{numbers(t.seasons)},{texts(t.team_seasons)},"
            f"{texts(t.teams)},{t.seasons[0]},{t.seasons[-1]},{number(t.games_together)},"
            f"{number(t.games_played_together)},{t.strength},{flag(t.strength_estimated)}\n"
            for t in teammates
            if t.a in players and t.b in players
        ),
        node=False,
    )
    return files


def birth_place(player: PlayerRecord) -> str:
    """City, state, country: one unit, as ``merge_players`` sets it (no city, none of them)."""
    if player.birth_city is None:
        return ",,"
    return ",".join(text(v) for v in (player.birth_city, player.birth_state, player.birth_country))


def _unique(rows: Iterable[Any], key: Callable[[Any], Any]) -> Iterator[Any]:
    """The rows, each key once: two rows of one node or membership would be merged by the
    Cypher import (a MERGE, then SETs that may keep the earlier value), which one line
    each cannot say."""
    seen: set[Any] = set()
    for row in rows:
        k = key(row)
        if k in seen:
            raise BulkUnsupported(f"two rows for {k!r}")
        seen.add(k)
        yield row
