"""``loader fetch``, ``loader sync`` and ``loader watch``: the graph from the NHL web API.

Registered on the ``loader`` app by :mod:`loader.cli`."""

from __future__ import annotations

import asyncio
import threading
from typing import Annotated

import typer

from graph_api.cli_errors import exit_with, reported
from graph_api.settings import get_settings
from loader.cli_output import RichProgress, console, graph_settings, print_report, progress_bars
from loader.importer import LoadReport
from loader.live.fetch import fetch_season
from loader.live.refresh import watch as watch_refresh
from loader.live.seasons import parse_seasons, season_range
from loader.live.sync import SyncReport, sync_history


def fetch(
    season: Annotated[
        list[int],
        typer.Option("--season", "-s", help="Season like 20242025; repeat the option for several."),
    ],
    offline: Annotated[
        bool, typer.Option("--offline", help="Replay the response cache only; send no request.")
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Fail on a bad response instead of reporting and skipping it."
        ),
    ] = False,
) -> None:
    """Fetch seasons from the NHL web API (cache first, only new games) and load them."""
    results = []
    with graph_settings() as settings, progress_bars() as bars:
        for one in season:
            report, client = asyncio.run(
                fetch_season(settings, one, offline, strict, RichProgress(bars))
            )
            results.append((one, report, client))
    for one, report, client in results:
        for retry in client.log.retries:
            console.print(f"[yellow]retried[/] {retry}")
        console.print(
            f"season {one}: {client.log.requests} request(s), "
            f"{client.log.cache_hits} from the cache, {len(client.log.retries)} retried"
        )
        print_report(report)


def sync(
    seasons: Annotated[
        str | None,
        typer.Option(
            "--seasons",
            help="Start years like 1990-2000 (1990-91 to 2000-01) or one season; "
            "default: 1917-18 to the season under way.",
        ),
    ] = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="Replay the response cache only; send no request.")
    ] = False,
) -> None:
    """Bring the graph up to date with the NHL API for every season (resumable, newest first)."""
    with reported(console):
        wanted = season_range(*parse_seasons(seasons)) if seasons else None
    with graph_settings() as settings, progress_bars() as bars:
        report, client = asyncio.run(
            sync_history(settings, wanted, offline, RichProgress(bars), bars.console.print)
        )
    console.print(
        f"{client.log.requests} request(s), {client.log.cache_hits} from the cache, "
        f"{len(client.log.retries)} retried"
    )
    print_sync_report(report)


def print_sync_report(report: SyncReport) -> None:
    for season, reason in sorted(report.skipped.items()):
        console.print(f"[yellow]season {season} skipped[/]: {reason}")
    if report.club_stats_missing:
        console.print(
            f"[yellow]club stats missing[/] for {len(report.club_stats_missing)} team-season(s) "
            f"(roster only), e.g. {report.club_stats_missing[0]}"
        )
    for item in report.disagreements[:30]:
        console.print(
            f"[yellow]{item.team_season}[/]: API only {item.only_api[:8]}, "
            f"graph only {item.only_graph[:8]}"
        )
    if len(report.disagreements) > 30:
        console.print(f"... and {len(report.disagreements) - 30} more team-seasons disagree")
    print_report(LoadReport(report.phases, report.problems.items, report.dataset, report.seconds))
    console.print(f"seasons loaded: {len(report.loaded)}, skipped: {len(report.skipped)}")


def watch(
    check_s: Annotated[
        float, typer.Option("--check-s", help="How often to ask whether a refresh is due.")
    ] = 60.0,
) -> None:
    """Keep the graph current: refresh the season under way every LOADER_REFRESH_INTERVAL_S.

    The same refresher ``puckpath serve`` runs beside its workers; Redis (REDIS_URL) makes sure
    one refresh runs per interval however many of them run (docker compose's refresher)."""
    settings = get_settings()
    if settings.loader.refresh_interval_s <= 0 or not settings.redis.url:
        raise exit_with(console, "set LOADER_REFRESH_INTERVAL_S > 0 and REDIS_URL to watch")
    console.print(
        f"refreshing every {settings.loader.refresh_interval_s:.0f}s (checking every "
        f"{check_s:.0f}s); Ctrl-C stops"
    )
    stop = threading.Event()
    try:
        asyncio.run(watch_refresh(settings, stop, check_s))
    except KeyboardInterrupt:
        stop.set()
