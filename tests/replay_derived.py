"""DERIVED NHL API responses for the replay server: seasons that nothing recorded.

Nothing here is a recording. Each response is built from real rows of ../shared/data in the
shape of a recorded (or publicly documented) api-web / stats-rest response, so a sync of
the whole history can be replayed; no player, game or number is invented:

* ``/v1/season``: every season of the statsapi rosters and the per-game files.
* ``/stats/rest/en/team/summary?cayenneExp=seasonId=S``: the teams of season S (statsapi
  rosters through 2020-21, the per-game files after), named from the recorded
  ``stats_team.json``. Only ``teamId``, ``teamFullName`` and ``seasonId`` are filled: the
  data has no team totals for old seasons. A season nobody played (2004-05) has no row.
* ``/v1/roster/{team}/{season}``: statsapi roster rows + statsapi people (ids, names, birth
  dates, numbers) through 2020-21; after that, players of the per-game files. Shape of the
  recorded ``roster/coreyjs_2025-01`` files (no headshot, height or weight).
* ``/v1/club-stats/{team}/{season}/{2|3}``: games, goals and assists summed from the per-game
  appearances; only for seasons with per-game files (else 404: the data has no per-player
  games with NHL ids before 2009-10). Field names as in the public api-web documentation
  (Zmalski NHL-API-Reference, nhl-api-py): ``skaters``/``goalies`` with ``playerId``,
  ``firstName``/``lastName`` ``{"default"}``, ``positionCode``, ``gamesPlayed``, ...
* ``/v1/schedule/{date}`` of seasons without a recorded schedule, and
  ``/v1/gamecenter/{id}/boxscore`` of games without a recorded boxscore: from the per-game
  games and appearances files, in the shape of the recorded schedule and boxscore files.
* ``finished``: ids of recorded schedule games that were still ``FUT`` when recorded, shown
  final (scores from the games file) as the API shows them once played ("the next day").
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

POSITION_CODES = {"C": "C", "LW": "L", "RW": "R", "D": "D", "G": "G", "L": "L", "R": "R"}
ROSTER_GROUP = {
    "C": "forwards",
    "L": "forwards",
    "R": "forwards",
    "D": "defensemen",
    "G": "goalies",
}
BOX_GROUP = {"C": "forwards", "L": "forwards", "R": "forwards", "D": "defense", "G": "goalies"}
LAST_STATSAPI_SEASON = 20202021  # 2021-22 of the statsapi rosters is a November scrape
_SEASON_ID = re.compile(r"seasonId\s*=\s*(\d{8})")


def _rows(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _season_of(day: date) -> int:
    start = day.year if day.month >= 9 else day.year - 1
    return start * 10000 + start + 1


def _dump(value: Any) -> bytes:
    return json.dumps(value, indent=1, ensure_ascii=False).encode()


@dataclass
class Member:
    player: dict[str, Any]
    number: int | None
    position: str


class DerivedResponses:
    """``body(path, query)`` -> derived JSON bytes, or ``None`` (a 404)."""

    def __init__(self, shared_data: Path, season_under_way: int | None = None) -> None:
        self.data = shared_data
        self.season_under_way = season_under_way
        self.finished: set[int] = set()

    # -- source rows ---------------------------------------------------------------------
    @cached_property
    def teams(self) -> dict[int, dict[str, Any]]:
        raw = json.loads((self.data / "nhl-api/stats-rest/stats_team.json").read_text())
        return {int(t["id"]): t for t in raw["data"]}

    @cached_property
    def team_ids(self) -> dict[str, int]:
        return {str(t["triCode"]): team_id for team_id, t in self.teams.items()}

    @cached_property
    def statsapi_people(self) -> dict[str, dict[str, str]]:
        rows = _rows(self.data / "nhl-statsapi/nhl_players_statsapi_2021-11-12.csv.gz")
        return {r["player_id"]: r for r in rows}

    @cached_property
    def statsapi_rosters(self) -> dict[tuple[int, int], dict[str, dict[str, str]]]:
        found: dict[tuple[int, int], dict[str, dict[str, str]]] = defaultdict(dict)
        for r in _rows(self.data / "nhl-statsapi/nhl_rosters_statsapi_1917_2021.csv.gz"):
            start = int(r["season_start"])
            season = start * 10000 + start + 1
            if season <= LAST_STATSAPI_SEASON:
                found[(season, int(r["team_id"]))].setdefault(r["player_id"], r)
        return found

    @cached_property
    def modern_people(self) -> dict[str, dict[str, str]]:
        return {r["player_id"]: r for r in _rows(self.data / "modern/nhl_players_2009_2026.csv.gz")}

    @cached_property
    def games(self) -> dict[int, dict[str, str]]:
        return {
            int(r["game_id"]): r for r in _rows(self.data / "modern/nhl_games_2009_2026.csv.gz")
        }

    @cached_property
    def appearances(self) -> dict[int, list[dict[str, str]]]:
        by_game: dict[int, list[dict[str, str]]] = defaultdict(list)
        for r in _rows(self.data / "modern/nhl_game_appearances_2009_2026.csv.gz"):
            by_game[int(r["game_id"])].append(r)
        return by_game

    @cached_property
    def games_by_season(self) -> dict[int, list[dict[str, str]]]:
        found: dict[int, list[dict[str, str]]] = defaultdict(list)
        for game in self.games.values():
            found[int(game["season"])].append(game)
        return found

    @cached_property
    def modern_teams(self) -> dict[int, set[str]]:
        found: dict[int, set[str]] = defaultdict(set)
        for season, games in self.games_by_season.items():
            for g in games:
                found[season] |= {g["home_team_abbr"], g["away_team_abbr"]}
        return found

    # -- routes --------------------------------------------------------------------------
    def body(self, path: str, query: str) -> bytes | None:
        parts = path.strip("/").split("/")
        if path == "/v1/season":
            return _dump(self.seasons())
        if path == "/stats/rest/en/team/summary":
            found = _SEASON_ID.search(unquote_plus(query))
            return _dump(self.team_summary(int(found.group(1)))) if found else None
        if parts[:2] == ["v1", "roster"] and len(parts) == 4 and parts[3].isdigit():
            return _maybe(self.roster(parts[2], int(parts[3])))
        if parts[:2] == ["v1", "club-stats"] and len(parts) == 5 and parts[3].isdigit():
            return _maybe(self.club_stats(parts[2], int(parts[3]), int(parts[4])))
        if parts[:2] == ["v1", "schedule"] and len(parts) == 3:
            return _maybe(self.schedule(date.fromisoformat(parts[2])))
        if parts[:2] == ["v1", "gamecenter"] and len(parts) == 4 and parts[3] == "boxscore":
            return _maybe(self.boxscore(int(parts[2])))
        return None

    def seasons(self) -> list[int]:
        """Every season with rows, up to ``season_under_way`` when one is given."""
        found = {s for s, _ in self.statsapi_rosters} | set(self.games_by_season)
        last = self.season_under_way or max(found)
        return sorted(s for s in found if s <= last)

    def season_team_ids(self, season: int) -> list[int]:
        if season <= LAST_STATSAPI_SEASON:
            return sorted({team for s, team in self.statsapi_rosters if s == season})
        return sorted(self.team_ids[code] for code in self.modern_teams.get(season, set()))

    def team_summary(self, season: int) -> dict[str, Any]:
        rows = [
            {"seasonId": season, "teamFullName": self.teams[t]["fullName"], "teamId": t}
            for t in self.season_team_ids(season)
        ]
        return {"data": rows, "total": len(rows)}

    def members(self, team: str, season: int) -> list[Member] | None:
        team_id = self.team_ids.get(team)
        if team_id is None:
            return None
        if season <= LAST_STATSAPI_SEASON:
            rows = self.statsapi_rosters.get((season, team_id))
            if not rows:
                return None
            people = self.statsapi_people
            return [
                Member(
                    _statsapi_player(people[pid]),
                    int(r["jersey_number"]) if r["jersey_number"].isdigit() else None,
                    POSITION_CODES[r["position"]],
                )
                for pid, r in sorted(rows.items())
            ]
        seen: dict[str, Member] = {}
        for game in self.games_by_season.get(season, []):
            for a in self.appearances.get(int(game["game_id"]), []):
                if a["team_abbrev"] == team and a["player_id"] not in seen:
                    person = self.modern_people[a["player_id"]]
                    number = int(a["sweater_number"]) if a["sweater_number"].isdigit() else None
                    seen[a["player_id"]] = Member(_modern_player(person), number, a["position"])
        return [seen[p] for p in sorted(seen)] or None

    def roster(self, team: str, season: int) -> dict[str, Any] | None:
        members = self.members(team, season)
        if members is None:
            return None
        groups: dict[str, list[dict[str, Any]]] = {
            g: [] for g in ("forwards", "defensemen", "goalies")
        }
        for m in members:
            entry = {**m.player, "sweaterNumber": m.number, "positionCode": m.position}
            groups[ROSTER_GROUP[m.position]].append(
                {k: v for k, v in entry.items() if v not in (None, "")}
            )
        return groups

    def club_stats(self, team: str, season: int, game_type: int) -> dict[str, Any] | None:
        games = [g for g in self.games_by_season.get(season, []) if _game_type(g) == game_type]
        if not games:
            return None
        totals: dict[str, dict[str, Any]] = {}
        for game in games:
            for a in self.appearances.get(int(game["game_id"]), []):
                if a["team_abbrev"] != team:
                    continue
                goalie = a["is_goalie"] == "True"
                if goalie and a["toi"] in ("", "00:00"):
                    continue
                person = self.modern_people[a["player_id"]]
                row = totals.setdefault(
                    a["player_id"],
                    {
                        "playerId": int(a["player_id"]),
                        "firstName": {"default": person["first_name"]},
                        "lastName": {"default": person["last_name"]},
                        "positionCode": a["position"],
                        "gamesPlayed": 0,
                        **({} if goalie else {"goals": 0, "assists": 0, "points": 0}),
                    },
                )
                row["gamesPlayed"] += 1
                if not goalie:
                    row["goals"] += int(a["goals"] or 0)
                    row["assists"] += int(a["assists"] or 0)
                    row["points"] = row["goals"] + row["assists"]
        if not totals:
            return None
        rows = sorted(totals.values(), key=lambda r: r["playerId"])
        return {
            "season": str(season),
            "gameType": game_type,
            "skaters": [r for r in rows if r["positionCode"] != "G"],
            "goalies": [r for r in rows if r["positionCode"] == "G"],
        }

    def schedule(self, day: date) -> dict[str, Any] | None:
        season = _season_of(day)
        games = sorted(self.games_by_season.get(season, []), key=lambda g: g["game_date"])
        if not games:
            return None
        first, last = games[0]["game_date"], games[-1]["game_date"]
        end = day + timedelta(days=7)
        week: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for g in games:
            if day.isoformat() <= g["game_date"] < end.isoformat():
                week[g["game_date"]].append(self.schedule_game(g))
        return {
            "nextStartDate": end.isoformat() if end.isoformat() <= last else None,
            "regularSeasonStartDate": first,
            "playoffEndDate": last,
            "gameWeek": [{"date": d, "games": week[d]} for d in sorted(week)],
        }

    def schedule_game(self, g: dict[str, str]) -> dict[str, Any]:
        return {
            "id": int(g["game_id"]),
            "season": int(g["season"]),
            "gameType": _game_type(g),
            "venue": {"default": g["venue"]},
            "gameState": "OFF",
            "awayTeam": {"abbrev": g["away_team_abbr"], "score": int(g["away_goals"])},
            "homeTeam": {"abbrev": g["home_team_abbr"], "score": int(g["home_goals"])},
        }

    def finish_recorded_week(self, body: bytes) -> bytes:
        """A recorded schedule week as the API shows it once the ``finished`` games were played."""
        if not self.finished:
            return body
        week = json.loads(body)
        for day in week.get("gameWeek") or []:
            for game in day.get("games") or []:
                real = self.games.get(int(game["id"]))
                if int(game["id"]) in self.finished and real is not None:
                    game["gameState"] = "OFF"
                    game["awayTeam"]["score"] = int(real["away_goals"])
                    game["homeTeam"]["score"] = int(real["home_goals"])
        return _dump(week)

    def boxscore(self, game_id: int) -> dict[str, Any] | None:
        g = self.games.get(game_id)
        rows = self.appearances.get(game_id)
        if g is None or not rows:
            return None
        sides: dict[str, dict[str, list[dict[str, Any]]]] = {
            side: {"forwards": [], "defense": [], "goalies": []}
            for side in ("awayTeam", "homeTeam")
        }
        for a in rows:
            side = "homeTeam" if a["home_away"] == "home" else "awayTeam"
            entry: dict[str, Any] = {
                "playerId": int(a["player_id"]),
                "name": {"default": a["player_name"]},
                "position": a["position"],
                "toi": a["toi"] or "00:00",
            }
            if a["sweater_number"].isdigit():
                entry["sweaterNumber"] = int(a["sweater_number"])
            if a["is_goalie"] != "True":
                entry |= {"goals": int(a["goals"] or 0), "assists": int(a["assists"] or 0)}
            sides[side][BOX_GROUP.get(a["position"], "forwards")].append(entry)
        game = self.schedule_game(g)
        return {**game, "gameDate": g["game_date"], "playerByGameStats": sides}


def _maybe(value: Any) -> bytes | None:
    return None if value is None else _dump(value)


def _game_type(g: dict[str, str]) -> int:
    return 3 if g["game_type"] == "P" else 2


def _statsapi_player(p: dict[str, str]) -> dict[str, Any]:
    return {
        "id": int(p["player_id"]),
        "firstName": {"default": p["first_name"]},
        "lastName": {"default": p["last_name"]},
        "shootsCatches": p["shoots_catches"],
        "birthDate": p["birth_date"],
        "birthCity": {"default": p["birth_city"]} if p["birth_city"] else None,
        "birthCountry": p["birth_country"],
    }


def _modern_player(p: dict[str, str]) -> dict[str, Any]:
    return {
        "id": int(p["player_id"]),
        "firstName": {"default": p["first_name"]},
        "lastName": {"default": p["last_name"]},
        "shootsCatches": p["shootsCatches"],
        "birthDate": p["birthDate"],
        "birthCity": {"default": p["birthCity"]} if p["birthCity"] else None,
        "birthCountry": p["birthCountry"],
    }
