"""The history sync in the background of ``puckpath serve``: the API serves what is loaded
while :func:`loader.live.sync.sync_history` adds every season, newest first.

It runs in a daemon thread of the serving process (its own event loop and connections), so
no API worker waits for it. Progress is on the Dataset node (``history_seasons_done`` of
``history_seasons_total``), which ``/stats/graph`` and the page show; every season it loads
is a new data version, so the path caches follow. A failure (the API unreachable) is logged;
the next start resumes from the raw cache.
"""

from __future__ import annotations

import asyncio
import logging
import threading

from graph_api.settings import Settings
from loader.live.sync import sync_history

log = logging.getLogger(__name__)


def _run(settings: Settings, seasons: list[int] | None) -> None:
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


def start_history_sync(settings: Settings, seasons: list[int] | None = None) -> threading.Thread:
    """Start the sync of ``seasons`` (default: every season) in a daemon thread."""
    thread = threading.Thread(
        target=_run, args=(settings, seasons), name="puckpath-history-sync", daemon=True
    )
    thread.start()
    return thread
