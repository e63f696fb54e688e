"""Loading in the background of ``puckpath serve``: the API serves what is loaded while the
history sync (:func:`loader.live.sync.sync_history`, every season newest first) or the fetch
forward from the embedded snapshot's "as of" season (:func:`loader.live.fetch.fetch_season`
per season) adds the rest.

Each runs in a daemon thread of the serving process (its own event loop and connections), so
no API worker waits for it. Progress is on the Dataset node (``history_seasons_done`` of
``history_seasons_total``), which ``/stats/graph`` and the page show ("loading history: 37 of
108 seasons"); every season loaded is a new data version, so the path caches follow. A
failure (the API unreachable) is logged; the next start resumes from the raw cache.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable

from graph_api.settings import Settings
from loader.importer import open_repo
from loader.live.client import ApiError, NhlClient
from loader.live.fetch import EmptySeason, api_cache_dir, fetch_season
from loader.live.history import season_ids
from loader.live.sync import sync_history

log = logging.getLogger(__name__)


async def api_seasons(settings: Settings) -> list[int]:
    """The seasons the NHL web API knows (a fresh ``/v1/season``), oldest first; raises
    :class:`ApiError` when it does not answer. Quick: the one request ``serve`` makes before
    it decides to load in the background."""
    async with NhlClient(settings.loader, api_cache_dir(settings)) as client:
        return season_ids(await client.get("web", "season", refresh=True))


def _sync(settings: Settings, seasons: list[int] | None) -> None:
    try:
        report, client = asyncio.run(sync_history(settings, seasons))
    except Exception:  # the service keeps serving what it has; a restart resumes
        log.exception("background history sync stopped")
        return
    log.info(
        "history sync done: %d season(s) loaded, %d skipped, %d request(s)",
        len(report.loaded),
        len(report.skipped),
        client.log.requests,
    )


async def fetch_forward(settings: Settings, seasons: list[int]) -> list[int]:
    """Fetch ``seasons`` one after the other (only new games), recording the progress; the
    seasons loaded. Stops at the first season the API does not answer for."""
    loaded: list[int] = []
    repo = open_repo(settings)
    try:
        await repo.write("load/set_sync_progress", done=0, total=len(seasons))
        for done, season in enumerate(seasons, start=1):
            try:
                report, client = await fetch_season(settings, season)
            except EmptySeason:
                log.info("season %d: the NHL API has no finished game of it yet", season)
            except ApiError as exc:
                log.warning(
                    "The NHL web API did not answer for season %d (%s): serving the data "
                    "loaded so far without newer games",
                    season,
                    exc,
                )
                break
            else:
                loaded.append(season)
                log.info(
                    "fetched season %d from the NHL API (%d requests): data as of %s",
                    season,
                    client.log.requests,
                    report.dataset.get("data_as_of"),
                )
            await repo.write("load/set_sync_progress", done=done, total=len(seasons))
    finally:
        await repo.close()
    return loaded


def _forward(settings: Settings, seasons: list[int]) -> None:
    try:
        asyncio.run(fetch_forward(settings, seasons))
    except Exception:
        log.exception("background fetch of the newer seasons stopped")


def _start(name: str, target: Callable[..., None], *args: object) -> threading.Thread:
    thread = threading.Thread(target=target, args=args, name=name, daemon=True)
    thread.start()
    return thread


def start_history_sync(settings: Settings, seasons: list[int] | None = None) -> threading.Thread:
    """Start the sync of ``seasons`` (default: every season) in a daemon thread."""
    return _start("puckpath-history-sync", _sync, settings, seasons)


def start_fetch_forward(settings: Settings, seasons: list[int]) -> threading.Thread:
    """Start fetching ``seasons`` (newer than a snapshot) in a daemon thread."""
    return _start("puckpath-fetch-forward", _forward, settings, seasons)
