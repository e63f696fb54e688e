"""``loader fetch --season S``: extract (cache first) -> transform -> load one season.

Incremental: only finished games whose appearances are not in the graph yet get their
boxscore fetched. Season totals, TEAMMATE_OF, careers and team names are then recomputed
in the graph for the season's team-seasons, so they combine with anything loaded before
(files or other seasons).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Collection
from pathlib import Path

import httpx

from graph_api.observability.metrics import counts_as_loader_run
from graph_api.settings import Settings
from loader.centrality import write_centrality
from loader.dataset import record_load
from loader.importer import LoadReport, open_repo
from loader.live.client import ApiError, NhlClient
from loader.live.extract import SeasonData, extract_season
from loader.plan import split_lanes
from loader.problems import Problems
from loader.records import TeamSeasonRecord, team_season_id
from loader.rederive import write_teammates_of
from loader.teams import franchise_of, graph_code
from loader.writer import GraphWriter, NoProgress, PhaseStats, Progress

API_SOURCE = "nhl-api"


class EmptySeason(ApiError):
    """The API answered, but had nothing to load for the season."""


def api_cache_dir(settings: Settings) -> Path:
    return settings.loader.api_cache_dir or settings.cache_dir / "nhl-api"


@counts_as_loader_run(API_SOURCE)
async def fetch_season(
    settings: Settings,
    season: int,
    offline: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> tuple[LoadReport, NhlClient]:
    """Fetch and load ``season``; returns the report and the client (its retry log)."""
    started = time.perf_counter()
    progress = progress or NoProgress()
    problems = Problems()
    repo = open_repo(settings)
    client = NhlClient(settings.loader, api_cache_dir(settings), offline, transport)
    try:
        await repo.ping()
        await repo.apply_schema()
        loaded = {row["id"] for row in await repo.read("load/read_loaded_games", season=season)}
        extract_started = time.perf_counter()
        data = await extract_season(client, season, loaded, problems, progress)
        extracted = PhaseStats(
            "extract", client.log.requests + client.log.cache_hits,
            time.perf_counter() - extract_started,
        )  # fmt: skip
        if not data.games and not data.roster:
            raise EmptySeason(
                client.url("web", f"schedule/{season // 10000}-09-01"),
                f"no finished game and no roster found for season {season}",
            )
        drop_unknown_players(data, problems)
        problems.raise_if_strict(strict)
        writer = GraphWriter(repo, settings.loader.batch_size, progress)
        await write_season(writer, data, settings.loader.write_concurrency)
        await write_centrality(writer)
        dataset = await record_load(
            repo, f"{API_SOURCE}:{season}", season_digest(data, loaded), [API_SOURCE]
        )
    finally:
        await client.aclose()
        await repo.close()
    report = LoadReport(
        [extracted, *writer.stats], problems.items, dataset, time.perf_counter() - started
    )
    return report, client


def drop_unknown_players(data: SeasonData, problems: Problems) -> None:
    known = set(data.players)
    missing = sorted({a.player for a in data.appearances} - known)
    if missing:
        problems.add(f"season {data.season}", f"appearances of unknown players skipped: {missing}")
        data.appearances = [a for a in data.appearances if a.player in known]


def season_team_seasons(data: SeasonData) -> list[TeamSeasonRecord]:
    return [
        TeamSeasonRecord(
            id=team_season_id(graph_code(code), data.season),
            code=graph_code(code),
            season=data.season,
            name=data.names.get(code, code),
            team_id=franchise_of(code),
        )
        for code in data.teams
    ]


async def write_season(writer: GraphWriter, data: SeasonData, lanes: int) -> None:
    team_seasons = season_team_seasons(data)
    ts_ids = [ts.id for ts in team_seasons]
    players = sorted(data.players.values(), key=lambda p: p.id)
    games = sorted(data.games.values(), key=lambda g: g.id)
    await writer.write(
        "team-seasons", "load/merge_team_seasons", [[t.params() for t in team_seasons]]
    )
    await writer.write(
        "players", "load/merge_players", split_lanes([p.params() for p in players], lanes)
    )
    await writer.write("games", "load/merge_games", [[g.params() for g in games]])
    roster = [
        {"player": e.player.id, "team_season": e.team_season, "position": e.position}
        for e in data.roster
        if e.team_season in set(ts_ids)
    ]
    await writer.write("roster", "load/merge_roster_membership", [roster])
    if data.club_totals:
        await writer.write("club-stats", "load/merge_club_stats", [data.club_totals])
    appearances = sorted(data.appearances, key=lambda a: (a.game, a.player))
    await writer.write("played-in", "load/merge_played_in", [[a.params() for a in appearances]])
    await writer.write(
        "played-for", "load/refresh_played_for_from_games", [ts_ids], param="team_seasons"
    )
    await write_teammates_of(writer, set(ts_ids))
    affected = sorted({e.player.id for e in data.roster} | {a.player for a in data.appearances})
    await writer.write("player-careers", "load/refresh_player_careers", [affected], param="ids")
    teams = sorted({ts.team_id for ts in team_seasons})
    await writer.write("teams", "load/refresh_teams", [teams], param="ids")


def club_stats_path(team: str, season: int, game_type: int) -> str:
    return f"club-stats/{team}/{season}/{game_type}"


def season_digest(data: SeasonData, loaded_games: Collection[int] = ()) -> str:
    """sha256 of what the graph holds of the season once ``data`` is written: every game id
    (those loaded before and the new ones; a finished game's boxscore never changes), the
    roster and the club totals. It depends on the API's answers only, never on which
    responses this process's cache happens to hold, so two refreshers with their own caches
    (two hosts, or ``serve`` and ``loader watch``) record the same version for the same data."""
    content = {
        "season": data.season,
        "games": sorted({*loaded_games, *data.games}),
        "roster": sorted((e.team_season, e.player.id, e.position or "") for e in data.roster),
        "club_totals": sorted(json.dumps(row, sort_keys=True) for row in data.club_totals),
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
