"""Pure transforms of NHL web API responses into loader records.

Each function takes one parsed JSON response and returns records, raising
:class:`BadResponse` when the response does not have the expected shape (the caller
reports it with the URL and skips it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError

from graph_api.names import fold_name
from loader.parsing import check_season, position_of, toi_seconds
from loader.problems import describe_error
from loader.records import Appearance, GameRecord, PlayerRecord, Position, team_season_id
from loader.teams import graph_code

REGULAR, PLAYOFF = 2, 3
FINAL_STATES = frozenset({"OFF", "FINAL"})
ROSTER_GROUPS = ("forwards", "defensemen", "goalies")
BOX_GROUPS = ("forwards", "defense", "goalies")


class BadResponse(ValueError):
    """A response without the fields a transform needs."""


@dataclass(frozen=True)
class RosterEntry:
    """One player on a team-season roster."""

    player: PlayerRecord
    team_season: str
    position: Position | None


@dataclass(frozen=True)
class ScheduleWeek:
    games: list[GameRecord]
    next_start: date | None
    regular_season_start: date | None
    season_end: date | None


def _text(value: Any) -> str:
    """A localized API string (``{"default": "Stützle", ...}``) or a plain one."""
    if isinstance(value, dict):
        return str(value.get("default") or "").strip()
    return str(value or "").strip()


def _date(value: Any) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def player_record(raw: dict[str, Any]) -> PlayerRecord:
    """A Player from a roster entry or a player landing response."""
    nhl_id = int(raw.get("id") or raw.get("playerId") or 0)
    first, last = _text(raw.get("firstName")), _text(raw.get("lastName"))
    name = f"{first} {last}".strip()
    if not nhl_id or not name:
        raise BadResponse("player without id or name")
    return PlayerRecord(
        id=str(nhl_id),
        name=name,
        search_name=fold_name(name),
        first_name=first,
        last_name=last,
        birth_date=_date(raw.get("birthDate")),
        birth_city=_text(raw.get("birthCity")) or None,
        birth_state=_text(raw.get("birthStateProvince")) or None,
        birth_country=_text(raw.get("birthCountry")) or None,
        position=position_of(str(raw.get("positionCode") or raw.get("position") or "")),
        nhl_id=nhl_id,
    )


def roster_entries(data: Any, team: str, season: int) -> list[RosterEntry]:
    """``/v1/roster/{team}/{season}``: every player listed for the team-season."""
    try:
        ts = team_season_id(graph_code(team), check_season(season))
        entries = []
        for group in ROSTER_GROUPS:
            for raw in data.get(group) or []:
                player = player_record(raw)
                entries.append(RosterEntry(player, ts, player.position))
        return entries
    except (AttributeError, TypeError, ValueError, ValidationError) as exc:
        raise BadResponse(f"not a roster: {describe_error(exc)}") from exc


def schedule_week(data: Any, season: int) -> ScheduleWeek:
    """``/v1/schedule/{date}``: the finished regular-season and playoff games of ``season``."""
    try:
        games = []
        for day in data.get("gameWeek") or []:
            for raw in day.get("games") or []:
                if raw.get("season") != season or raw.get("gameType") not in (REGULAR, PLAYOFF):
                    continue
                if raw.get("gameState") not in FINAL_STATES:
                    continue
                games.append(_game(raw, _date(day.get("date"))))
        return ScheduleWeek(
            games,
            _date(data.get("nextStartDate")),
            _date(data.get("regularSeasonStartDate")),
            _date(data.get("playoffEndDate")) or _date(data.get("regularSeasonEndDate")),
        )
    except (AttributeError, TypeError, ValueError, ValidationError) as exc:
        raise BadResponse(f"not a schedule: {describe_error(exc)}") from exc


def _game(raw: dict[str, Any], day: date | None) -> GameRecord:
    played_on = day or _date(raw.get("gameDate")) or _date(raw.get("startTimeUTC"))
    if played_on is None:
        raise BadResponse(f"game {raw.get('id')} has no date")
    home, away = raw["homeTeam"], raw["awayTeam"]
    return GameRecord(
        id=int(raw["id"]),
        season=check_season(int(raw["season"])),
        game_type="P" if raw["gameType"] == PLAYOFF else "R",
        date=played_on,
        home=str(home["abbrev"]),
        away=str(away["abbrev"]),
        home_goals=int(home["score"]),
        away_goals=int(away["score"]),
        venue=_text(raw.get("venue")) or None,
    )


def boxscore(data: Any) -> tuple[GameRecord, list[Appearance]]:
    """``/v1/gamecenter/{id}/boxscore`` of a finished game: the game and who dressed."""
    try:
        if data.get("gameState") not in FINAL_STATES:
            raise BadResponse(f"game {data.get('id')} is not final ({data.get('gameState')})")
        game = _game(data, _date(data.get("gameDate")))
        stats = data["playerByGameStats"]
        appearances: list[Appearance] = []
        for side, team in (("awayTeam", game.away), ("homeTeam", game.home)):
            ts = team_season_id(team, game.season)
            for group in BOX_GROUPS:
                for raw in stats[side].get(group) or []:
                    appearances.append(_appearance(raw, game, team, ts, group == "goalies"))
        return game, appearances
    except (AttributeError, KeyError, TypeError, ValueError, ValidationError) as exc:
        raise BadResponse(f"not a boxscore: {describe_error(exc)}") from exc


def boxscore_players(data: Any) -> list[PlayerRecord]:
    """The players of a boxscore as it names them (``"B. Boeser"``): the last resort for a
    player who is on no roster and has no landing page."""
    try:
        players = []
        for side in ("awayTeam", "homeTeam"):
            for group in BOX_GROUPS:
                for raw in data["playerByGameStats"][side].get(group) or []:
                    name = _text(raw.get("name"))
                    first, _, last = name.rpartition(" ")
                    players.append(
                        player_record(
                            {
                                "id": raw["playerId"],
                                "firstName": first,
                                "lastName": last or name,
                                "position": raw.get("position"),
                            }
                        )
                    )
        return players
    except (AttributeError, KeyError, TypeError, ValueError, ValidationError) as exc:
        raise BadResponse(f"not a boxscore: {describe_error(exc)}") from exc


def _appearance(
    raw: dict[str, Any], game: GameRecord, team: str, ts: str, goalie: bool
) -> Appearance:
    return Appearance(
        player=str(int(raw["playerId"])),
        game=game.id,
        team_season=ts,
        team=team,
        toi_seconds=toi_seconds(str(raw.get("toi") or "00:00")),
        goals=None if goalie else int(raw.get("goals") or 0),
        assists=None if goalie else int(raw.get("assists") or 0),
        position=position_of(str(raw.get("position") or ("G" if goalie else ""))),
        is_goalie=goalie,
        playoff=game.game_type == "P",
    )


def roster_spots(data: Any) -> list[RosterEntry]:
    """``/v1/gamecenter/{id}/play-by-play`` ``rosterSpots``: every player who dressed."""
    try:
        season = check_season(int(data["season"]))
        teams = {
            int(data[side]["id"]): str(data[side]["abbrev"]) for side in ("homeTeam", "awayTeam")
        }
        entries = []
        for spot in data["rosterSpots"]:
            player = player_record(spot)
            ts = team_season_id(teams[int(spot["teamId"])], season)
            entries.append(RosterEntry(player, ts, player.position))
        return entries
    except (AttributeError, KeyError, TypeError, ValueError, ValidationError) as exc:
        raise BadResponse(f"not a play-by-play: {describe_error(exc)}") from exc


def team_names(data: Any) -> dict[str, str]:
    """``stats/rest/en/team``: tricode -> full name of every franchise team."""
    try:
        return {str(t["triCode"]): str(t["fullName"]) for t in data["data"] if t.get("franchiseId")}
    except (KeyError, TypeError) as exc:
        raise BadResponse(f"not a team list: {exc}") from exc
