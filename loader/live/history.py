"""Pure transforms of the responses a history sync reads besides those of one season's
games: the season list, the teams of a season, and a team-season's club stats.

Which teams played a season comes from the stats API's team summary report
(``stats/rest/en/team/summary?cayenneExp=seasonId=S``: one row per team that played S,
by NHL team id) and ``stats/rest/en/team`` (team id -> tricode, for defunct teams too).
Which players: ``/v1/club-stats/{team}/{season}/{2|3}`` lists every player who played a
game for the team (with games, goals, assists), ``/v1/roster/{team}/{season}`` adds those
who were listed but never played, and birth dates; the roster alone misses players traded
during the season, so the sync takes both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from loader.live.transform import BadResponse, player_record
from loader.problems import describe_error
from loader.records import PlayerRecord, Position

CLUB_GROUPS = ("skaters", "goalies")


@dataclass(frozen=True)
class ClubStatsRow:
    """One player's totals for one team-season and game type (regular or playoffs)."""

    player: PlayerRecord
    team_season: str
    position: Position | None
    games: int
    goals: int
    assists: int


def season_ids(data: Any) -> list[int]:
    """``/v1/season``: every season id the API knows, oldest first."""
    try:
        return sorted(int(s) for s in data)
    except (TypeError, ValueError) as exc:
        raise BadResponse(f"not a season list: {exc}") from exc


def team_tricodes(data: Any) -> dict[int, str]:
    """``stats/rest/en/team``: NHL team id -> tricode, for every team ever."""
    try:
        return {int(t["id"]): str(t["triCode"]) for t in data["data"]}
    except (KeyError, TypeError, ValueError) as exc:
        raise BadResponse(f"not a team list: {exc}") from exc


def season_team_ids(data: Any, season: int) -> list[int]:
    """``stats/rest/en/team/summary``: ids of the teams that played ``season``."""
    try:
        return sorted(
            {int(row["teamId"]) for row in data["data"] if int(row["seasonId"]) == season}
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise BadResponse(f"not a team summary: {exc}") from exc


def club_stats_rows(data: Any, team_season: str) -> list[ClubStatsRow]:
    """``/v1/club-stats/{team}/{season}/{type}``: every player who played for the team."""
    try:
        rows = []
        for group in CLUB_GROUPS:
            for raw in data.get(group) or []:
                player = player_record(raw)
                rows.append(
                    ClubStatsRow(
                        player,
                        team_season,
                        player.position,
                        int(raw.get("gamesPlayed") or 0),
                        int(raw.get("goals") or 0),
                        int(raw.get("assists") or 0),
                    )
                )
        return rows
    except (AttributeError, TypeError, ValueError, ValidationError) as exc:
        raise BadResponse(f"not club stats: {describe_error(exc)}") from exc


def club_totals(regular: list[ClubStatsRow], playoffs: list[ClubStatsRow]) -> list[dict[str, Any]]:
    """``load/merge_club_stats`` rows: regular season and playoff totals per player."""
    totals: dict[tuple[str, str], dict[str, Any]] = {}
    for rows, prefix in ((regular, ""), (playoffs, "playoff_")):
        for row in rows:
            entry = totals.setdefault(
                (row.player.id, row.team_season),
                {
                    "player": row.player.id,
                    "team_season": row.team_season,
                    "position": row.position,
                    "games": 0,
                    "goals": 0,
                    "assists": 0,
                    "playoff_games": 0,
                    "playoff_goals": 0,
                    "playoff_assists": 0,
                },
            )
            entry[f"{prefix}games"] += row.games
            entry[f"{prefix}goals"] += row.goals
            entry[f"{prefix}assists"] += row.assists
    return [totals[key] for key in sorted(totals)]
