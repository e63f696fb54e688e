"""Extract one season from the NHL web API (through the cache) into records.

Schedule weeks are walked from the season's start by ``nextStartDate``; rosters come per
team-season; boxscores only for finished games that the graph does not have yet (a
boxscore that cannot be had falls back to the play-by-play's ``rosterSpots``); players
seen in games but on no roster come from their landing page.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from loader.live.client import ApiError, ApiUnreachable, NhlClient
from loader.live.transform import (
    BadResponse,
    RosterEntry,
    boxscore,
    boxscore_players,
    player_record,
    roster_entries,
    roster_spots,
    schedule_week,
    team_names,
)
from loader.problems import Problems
from loader.records import Appearance, GameRecord, PlayerRecord
from loader.writer import Progress

MAX_WEEKS = 60


@dataclass
class SeasonData:
    season: int
    names: dict[str, str] = field(default_factory=dict)
    games: dict[int, GameRecord] = field(default_factory=dict)
    roster: list[RosterEntry] = field(default_factory=list)
    appearances: list[Appearance] = field(default_factory=list)
    players: dict[str, PlayerRecord] = field(default_factory=dict)
    box_names: dict[str, PlayerRecord] = field(default_factory=dict)
    listed_teams: set[str] = field(default_factory=set)
    club_totals: list[dict[str, Any]] = field(default_factory=list)

    @property
    def teams(self) -> list[str]:
        """NHL tricodes of the season: teams of its games and teams the API listed."""
        played = {code for g in self.games.values() for code in (g.home, g.away)}
        return sorted(played | self.listed_teams)


async def extract_season(
    client: NhlClient,
    season: int,
    loaded_games: set[int],
    problems: Problems,
    progress: Progress,
    refresh: bool | None = None,
) -> SeasonData:
    """``refresh``: ask the API again for schedule, rosters and teams even when cached
    (default: unless offline); a finished season's cache can be trusted as it is."""
    fresh = not client.offline if refresh is None else refresh
    data = SeasonData(season)
    try:
        data.names = team_names(await client.get("stats", "en/team", refresh=fresh))
    except ApiUnreachable:
        raise
    except (ApiError, BadResponse) as exc:
        problems.add(client.url("stats", "en/team"), str(exc))
    await _schedule(client, data, problems, fresh)
    rosters = await asyncio.gather(
        *(_roster(client, t, season, problems, fresh) for t in data.teams)
    )
    for entries in rosters:
        for entry in entries:
            data.roster.append(entry)
            data.players.setdefault(entry.player.id, entry.player)
    todo = sorted(g for g in data.games if g not in loaded_games)
    progress.start("boxscores", len(todo))
    results = await asyncio.gather(*(_game(client, g, data, problems, progress) for g in todo))
    progress.finish("boxscores")
    for appearances in results:
        data.appearances.extend(appearances)
    unknown = sorted({a.player for a in data.appearances} - set(data.players))
    landed = await asyncio.gather(*(_landing(client, p, problems) for p in unknown))
    for player_id, player in zip(unknown, landed, strict=True):
        found = player or data.box_names.get(player_id)
        if found is not None:
            data.players[player_id] = found
    return data


async def _schedule(client: NhlClient, data: SeasonData, problems: Problems, refresh: bool) -> None:
    """Walk the weekly schedule from September 1st, jumping to the first request's
    ``regularSeasonStartDate`` when the season starts later (lockouts, 2020-21)."""
    day: date | None = date(data.season // 10000, 9, 1)
    end: date | None = None
    first = True
    for _ in range(MAX_WEEKS):
        if day is None or (end is not None and day > end):
            return
        path = f"schedule/{day.isoformat()}"
        try:
            raw = await client.get("web", path, refresh=refresh)
            week = schedule_week(raw, data.season)
        except ApiUnreachable:
            raise
        except (ApiError, BadResponse) as exc:
            problems.add(client.url("web", path), str(exc))
            return
        if first:
            first, end = False, week.season_end
            start = week.regular_season_start
            if start is not None and start > day + timedelta(days=6):
                day = start
                continue
        for game in week.games:
            data.games[game.id] = game
        day = week.next_start


async def _roster(
    client: NhlClient, team: str, season: int, problems: Problems, refresh: bool
) -> list[RosterEntry]:
    path = f"roster/{team}/{season}"
    try:
        return roster_entries(await client.get("web", path, refresh=refresh), team, season)
    except ApiUnreachable:
        raise
    except (ApiError, BadResponse) as exc:
        problems.add(client.url("web", path), str(exc))
        return []


async def _game(
    client: NhlClient, game_id: int, data: SeasonData, problems: Problems, progress: Progress
) -> list[Appearance]:
    path = f"gamecenter/{game_id}/boxscore"
    try:
        raw = await client.get("web", path)
        game, appearances = boxscore(raw)
        data.games[game.id] = game
        for player in boxscore_players(raw):
            data.box_names.setdefault(player.id, player)
        return appearances
    except ApiUnreachable:
        raise
    except (ApiError, BadResponse) as exc:
        problems.add(client.url("web", path), str(exc))
    finally:
        progress.advance("boxscores", 1)
    fallback = f"gamecenter/{game_id}/play-by-play"
    try:
        spots = roster_spots(await client.get("web", fallback))
    except ApiUnreachable:
        raise
    except (ApiError, BadResponse) as exc:
        problems.add(client.url("web", fallback), str(exc))
        return []
    for spot in spots:
        data.roster.append(spot)
        data.players.setdefault(spot.player.id, spot.player)
    return []


async def _landing(client: NhlClient, player: str, problems: Problems) -> PlayerRecord | None:
    path = f"player/{player}/landing"
    try:
        return player_record({"id": player, **(await client.get("web", path))})
    except ApiUnreachable:
        raise
    except (ApiError, BadResponse) as exc:
        problems.add(client.url("web", path), f"{exc}; player {player} named as in the boxscore")
        return None
