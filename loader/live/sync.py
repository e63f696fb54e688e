"""``loader sync``: every season from 1917-18 to the season under way, from the NHL API.

Per season, newest first: the teams that played it (stats API team summary), each
team-season's players with NHL ids (club stats + roster, see :mod:`loader.live.history`),
and for the seasons whose boxscores carry per-player data (``BOXSCORE_SEASONS_FROM`` on)
the schedule and every finished game's boxscore (:func:`loader.live.extract.extract_season`).
Players are merged by ``Player.id`` = NHL id. A season nobody played (2004-05) has no team
and is skipped as such.

Resumable: every response goes to the raw cache before it is used and every write is a
MERGE, so a run killed at any point and started again reads the cache and finishes with
the same graph. Only the season under way is asked for again (new games); a finished
season's cached responses are used as they are.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from graph_api.settings import Settings
from loader.centrality import write_centrality
from loader.dataset import record_load
from loader.importer import open_repo
from loader.live.client import ApiError, ApiUnreachable, NhlClient
from loader.live.extract import SeasonData, extract_season
from loader.live.fetch import (
    API_SOURCE,
    api_cache_dir,
    club_stats_path,
    drop_unknown_players,
    season_digest,
    season_team_seasons,
    write_season,
)
from loader.live.history import (
    ClubStatsRow,
    club_stats_rows,
    club_totals,
    season_ids,
    season_team_ids,
    team_tricodes,
)
from loader.live.seasons import season_range
from loader.live.transform import BadResponse, roster_entries, team_names
from loader.problems import Problems
from loader.records import team_season_id
from loader.teams import graph_code
from loader.writer import GraphWriter, NoProgress, PhaseStats, Progress

FIRST_SEASON = 19171918
# api-web boxscores list every player with stats from 2009-10 on (the per-game files of
# ../shared/data start there too); earlier seasons get team-season memberships only.
BOXSCORE_SEASONS_FROM = 20092010
# For the estimate printed before a sync: finished games per team in a season (regular
# season and playoffs) and schedule weeks per season.
GAMES_PER_TEAM = 44
# A long sync writes the centres of the hockey universe after this many seasons, and at its end.
CENTRALITY_EVERY = 10
WEEKS_PER_SEASON = 40


@dataclass(frozen=True)
class Disagreement:
    """A team-season whose players differ between the API and the graph loaded before."""

    team_season: str
    only_api: list[str]
    only_graph: list[str]


@dataclass
class SyncReport:
    loaded: list[int] = field(default_factory=list)
    skipped: dict[int, str] = field(default_factory=dict)
    problems: Problems = field(default_factory=Problems)
    disagreements: list[Disagreement] = field(default_factory=list)
    club_stats_missing: list[str] = field(default_factory=list)
    phases: list[PhaseStats] = field(default_factory=list)
    dataset: dict[str, object] = field(default_factory=dict)
    expected_requests: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class SeasonTeams:
    season: int
    teams: list[str]


class HistorySync:
    """One sync run: plan (season list, teams of each season), estimate, then load."""

    def __init__(self, settings: Settings, client: NhlClient, progress: Progress) -> None:
        self.settings = settings
        self.client = client
        self.progress = progress
        self.report = SyncReport()
        self.current = FIRST_SEASON
        self.tricodes: dict[int, str] = {}
        self.names: dict[str, str] = {}

    async def plan(self, wanted: list[int] | None) -> list[SeasonTeams]:
        online = not self.client.offline
        known = season_ids(await self.client.get("web", "season", refresh=online))
        teams = await self.client.get("stats", "en/team", refresh=online)
        self.tricodes, self.names = team_tricodes(teams), team_names(teams)
        self.current = known[-1]
        every = season_range(FIRST_SEASON, self.current)
        seasons = [s for s in every if wanted is None or s in wanted]
        found = await asyncio.gather(*(self._teams(s) for s in reversed(seasons)))
        return list(found)

    async def _teams(self, season: int) -> SeasonTeams:
        params = {"cayenneExp": f"seasonId={season} and gameTypeId=2"}
        fresh = not self.client.offline and season == self.current
        raw = await self.client.get("stats", "en/team/summary", params, refresh=fresh)
        ids = season_team_ids(raw, season)
        return SeasonTeams(season, sorted(self.tricodes[i] for i in ids if i in self.tricodes))

    def estimate(self, plans: list[SeasonTeams]) -> tuple[int, int]:
        """(requests expected, of which already in the cache) for the seasons planned."""
        total = cached = 0
        for plan in plans:
            for team in plan.teams:
                paths = [f"roster/{team}/{plan.season}"]
                paths += [club_stats_path(team, plan.season, t) for t in (2, 3)]
                total += len(paths)
                cached += sum(self.client.cache_path("web", p).exists() for p in paths)
            if plan.season >= BOXSCORE_SEASONS_FROM and plan.teams:
                games = len(plan.teams) * GAMES_PER_TEAM
                total += WEEKS_PER_SEASON + games
                box = self.client.cache_dir / "web" / "gamecenter"
                prefix = str(plan.season // 10000)
                done = sum(1 for p in box.glob(f"{prefix}0*")) if box.exists() else 0
                cached += min(done, games)
        return total, cached

    async def season(self, plan: SeasonTeams) -> SeasonData | None:
        if not plan.teams:
            self.report.skipped[plan.season] = "the API lists no team (no season played)"
            return None
        refresh = not self.client.offline and plan.season == self.current
        problems = self.report.problems
        if plan.season >= BOXSCORE_SEASONS_FROM:
            data = await extract_season(
                self.client, plan.season, set(), problems, NoProgress(), refresh
            )
        else:
            data = SeasonData(plan.season, names=dict(self.names))
        data.listed_teams |= set(plan.teams)
        results = await asyncio.gather(*(self._team(data, t, refresh) for t in data.teams))
        regular = [row for rows, _ in results for row in rows]
        playoffs = [row for _, rows in results for row in rows]
        for row in regular + playoffs:
            data.players.setdefault(row.player.id, row.player)
        data.club_totals = club_totals(regular, playoffs)
        data.roster = list(dict.fromkeys(data.roster))  # schedule teams' rosters came twice
        drop_unknown_players(data, problems)
        return data

    async def _team(
        self, data: SeasonData, team: str, refresh: bool
    ) -> tuple[list[ClubStatsRow], list[ClubStatsRow]]:
        season = data.season
        ts = team_season_id(graph_code(team), season)
        path = f"roster/{team}/{season}"
        try:
            raw = await self.client.get("web", path, refresh=refresh)
            for entry in roster_entries(raw, team, season):
                data.roster.append(entry)
                data.players.setdefault(entry.player.id, entry.player)
        except ApiUnreachable:
            raise
        except (ApiError, BadResponse) as exc:
            self.report.problems.add(self.client.url("web", path), str(exc))
        found: list[list[ClubStatsRow]] = []
        for game_type in (2, 3):
            path = club_stats_path(team, season, game_type)
            try:
                raw = await self.client.get("web", path, refresh=refresh)
                found.append(club_stats_rows(raw, ts))
            except ApiUnreachable:
                raise
            except (ApiError, BadResponse) as exc:
                if game_type == 2:
                    self.report.club_stats_missing.append(f"{ts} ({exc})")
                found.append([])
        return found[0], found[1]


async def sync_history(
    settings: Settings,
    wanted: list[int] | None = None,
    offline: bool = False,
    progress: Progress | None = None,
    announce: Callable[[str], None] = lambda _: None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> tuple[SyncReport, NhlClient]:
    """Sync ``wanted`` seasons (ids like 19171918; None: every season), newest first."""
    started = time.perf_counter()
    progress = progress or NoProgress()
    repo = open_repo(settings)
    client = NhlClient(settings.loader, api_cache_dir(settings), offline, transport)
    sync = HistorySync(settings, client, progress)
    report = sync.report
    try:
        await repo.ping()
        await repo.apply_schema()
        plans = await sync.plan(wanted)
        report.expected_requests, cached = sync.estimate(plans)
        rate = settings.loader.rate_limit_per_s
        todo = report.expected_requests - cached
        announce(
            f"{len(plans)} season(s), {sum(len(p.teams) for p in plans)} team-seasons: about "
            f"{report.expected_requests:,} request(s), {cached:,} in the cache; "
            f"{todo:,} to send take about {todo / rate / 60:.1f} min at {rate:g} per second"
        )
        writer = GraphWriter(repo, settings.loader.batch_size)
        progress.start("seasons", len(plans))
        await repo.write("load/set_sync_progress", done=0, total=len(plans))
        stale_centres = False
        for done, plan in enumerate(plans, start=1):
            data = await sync.season(plan)
            if data is not None:
                report.disagreements += await _disagreements(writer, data)
                await write_season(writer, data, settings.loader.write_concurrency)
                # The centres are of the whole graph (a minute of CPU on the full history):
                # every CENTRALITY_EVERY seasons while a long sync runs, and at its end.
                stale_centres = True
                if (len(report.loaded) + 1) % CENTRALITY_EVERY == 0 or done == len(plans):
                    await write_centrality(writer)
                    stale_centres = False
                report.dataset = await record_load(
                    repo, f"{API_SOURCE}:{plan.season}", season_digest(data), [API_SOURCE]
                )
                report.loaded.append(plan.season)
            await repo.write("load/set_sync_progress", done=done, total=len(plans))
            progress.advance("seasons", 1)
        if stale_centres:
            await write_centrality(writer)
        progress.finish("seasons")
        report.phases = _merge_phases(writer.stats)
    finally:
        await client.aclose()
        await repo.close()
    report.seconds = time.perf_counter() - started
    return report, client


async def _disagreements(writer: GraphWriter, data: SeasonData) -> list[Disagreement]:
    """Team-seasons the graph had players for that the API names differently."""
    ts_ids = [ts.id for ts in season_team_seasons(data)]
    rows = await writer.repo.read("load/read_memberships", team_seasons=ts_ids)
    in_graph: dict[str, set[str]] = {}
    for row in rows:
        if row["team_season"] in ts_ids:
            in_graph.setdefault(row["team_season"], set()).add(row["player"])
    from_api: dict[str, set[str]] = {}
    for entry in data.roster:
        from_api.setdefault(entry.team_season, set()).add(entry.player.id)
    for total in data.club_totals:
        from_api.setdefault(total["team_season"], set()).add(total["player"])
    for appearance in data.appearances:
        from_api.setdefault(appearance.team_season, set()).add(appearance.player)
    found = []
    for ts in sorted(in_graph):
        api, graph = from_api.get(ts, set()), in_graph[ts]
        if api != graph:
            found.append(Disagreement(ts, sorted(api - graph), sorted(graph - api)))
    return found


def _merge_phases(stats: list[PhaseStats]) -> list[PhaseStats]:
    """Per-season phase timings summed per phase."""
    rows: dict[str, list[float]] = {}
    for s in stats:
        entry = rows.setdefault(s.phase, [0, 0.0])
        entry[0] += s.rows
        entry[1] += s.seconds
    return [PhaseStats(phase, int(r), sec) for phase, (r, sec) in rows.items()]
