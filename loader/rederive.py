"""TEAMMATE_OF recomputed from the graph itself, for pairs that share given team-seasons.

Used when a load adds to what other loads wrote: ``loader fetch`` (a season on top of
anything), and a file import into a graph that has NHL API memberships. Both players'
whole careers and the games of every team-season involved are read back, so the rows
combine every source in the graph.
"""

from __future__ import annotations

from loader.teammates import GameBits, TeammateIndex
from loader.writer import GraphWriter


async def write_teammates_of(
    writer: GraphWriter, team_seasons: set[str], phase: str = "teammates"
) -> None:
    """Recompute TEAMMATE_OF of every pair that shares one of ``team_seasons``, from the
    graph: both players' whole careers, and the games of every team-season involved."""
    repo = writer.repo
    wanted = sorted(team_seasons)
    memberships = await repo.read("load/read_memberships", team_seasons=wanted)
    info = {row["team_season"]: (row["season"], row["team"]) for row in memberships}
    games = await repo.read("load/read_team_season_games", team_seasons=sorted(info))
    index = TeammateIndex(
        ((row["player"], row["team_season"]) for row in memberships),
        info,
        GameBits.from_rows(
            (row["team_season"], game, row["player"], played)
            for row in games
            for game, played in zip(row["games"], row["played"], strict=True)
        ),
        {(row["player"], row["team_season"]): row["games"] for row in memberships},
    )
    rows = (row.params() for row in index.rows(only=team_seasons))
    await writer.write(phase, "load/merge_teammates", [rows])
