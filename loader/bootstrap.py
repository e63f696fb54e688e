"""Fill an empty graph before the API starts (``puckpath serve``).

This is the loader's side of serving: the ``puckpath`` command line (``graph_api/cli.py``,
the edge where the service and the loader meet) calls :func:`ensure_loaded`; the service
itself never imports the loader.

A graph with a Dataset node was loaded completely once and is left alone. Otherwise the
loader imports the files of ``DATA_DIR`` when it is set; else the snapshot embedded in the
repo (``data/snapshot``: the full history, offline), then fetches forward from its "data as
of" season to the season under way where the NHL web API answers. Without a snapshot it
loads every season from the NHL web API, newest first. Either way the API requests run in
the background (:mod:`loader.live.background`) once one quick request has shown that the API
answers: ``serve`` starts the API at once and ``/stats/graph`` shows the progress. It says
which source it used and, when none can be had, what to do, instead of a traceback.

A project-managed server that has no database yet is filled before its first start, offline
(:mod:`loader.bulk.first_load`, ``LOADER_OFFLINE_FIRST_LOAD``): :func:`first_load` is what
the server's provider runs, and :func:`ensure_loaded` then only finishes that import.
"""

from __future__ import annotations

import asyncio
import threading
from datetime import date
from pathlib import Path

from rich.console import Console

from graph_api.cli_errors import exit_with, reported
from graph_api.settings import Settings
from loader.bulk.first_load import FirstLoad
from loader.dataset import DatasetState, read_dataset
from loader.errors import LoaderError
from loader.importer import LoadReport, import_files, open_repo
from loader.live.background import api_seasons, start_fetch_forward, start_history_sync
from loader.live.client import ApiError
from loader.snapshot import EMBEDDED_SNAPSHOT, is_snapshot

WHAT_TO_DO = (
    "Set DATA_DIR to a folder of recorded NHL data (the ../shared/data layout, e.g. "
    "DATA_DIR=../shared/data) or check the network connection to the NHL API, then start "
    "again (or start with --no-load to serve an empty graph)."
)


def season_of(day: date) -> int:
    """The season under way (or about to start) on ``day``: from September on, the new one;
    a summer day belongs to the season just ended."""
    start = day.year if day.month >= 9 else day.year - 1
    return start * 10000 + start + 1


def current_season(today: date | None = None) -> int:
    return season_of(today or date.today())


async def _dataset(settings: Settings) -> DatasetState:
    repo = open_repo(settings)
    try:
        return await read_dataset(repo)
    finally:
        await repo.close()


def first_load(
    settings: Settings, console: Console, snapshot: Path = EMBEDDED_SNAPSHOT
) -> FirstLoad:
    """The offline first load of what :func:`ensure_loaded` would import (DATA_DIR, else the
    snapshot), for the provider of a project-managed server to run before its first start."""
    source = settings.data_dir or (snapshot if is_snapshot(snapshot) else None)
    return FirstLoad(settings, source, console.print)


def ensure_loaded(
    settings: Settings,
    console: Console,
    snapshot: Path = EMBEDDED_SNAPSHOT,
    seasons: list[int] | None = None,
    offline: FirstLoad | None = None,
) -> threading.Thread | None:
    """Load the graph when it has never been loaded; raise ``typer.Exit`` when it can't.

    Returns the thread still loading from the NHL API in the background, if any. ``seasons``
    limits what the API is asked for (default: every season it knows). ``offline``: the
    offline first load run before the server started; when it imported the data, only its
    last phases run here, else the Cypher import does the whole load."""
    with reported(console):
        state = asyncio.run(_dataset(settings))
        if state.version is not None:
            console.print(
                f"Graph loaded (version {state.version}, data as of {state.data_as_of}, "
                f"sources: {', '.join(state.sources)})"
            )
            return None
        done = offline if offline is not None and offline.done is not None else None
        if offline is not None and offline.skipped and offline.source is not None:
            console.print(f"No offline import ({offline.skipped}): importing with Cypher")
        if settings.data_dir is not None:
            _load_files(settings, settings.data_dir, console, done)
            return None
        if is_snapshot(snapshot):
            return _load_snapshot(settings, console, snapshot, seasons, done)
        return _load_live(settings, console, seasons)


def _import(settings: Settings, source: Path, offline: FirstLoad | None) -> LoadReport:
    """The offline import's last phases, or the whole Cypher import of ``source``."""
    if offline is not None:
        return asyncio.run(offline.finish(settings))
    return asyncio.run(import_files(settings, source))


def _how(offline: FirstLoad | None) -> str:
    return "offline with neo4j-admin import" if offline is not None else "with Cypher"


def _load_files(
    settings: Settings, data_dir: Path, console: Console, offline: FirstLoad | None
) -> None:
    console.print(f"The graph is empty: importing the files in {data_dir} (DATA_DIR) ...")
    try:
        report = _import(settings, data_dir, offline)
    except LoaderError as exc:
        raise exit_with(console, f"cannot import DATA_DIR={data_dir}: {exc}", WHAT_TO_DO) from None
    console.print(
        f"Imported from files ({_how(offline)}) in {report.seconds:.0f}s: data as of "
        f"{report.dataset.get('data_as_of')}, {len(report.problems)} bad row(s) skipped"
    )


def _load_snapshot(
    settings: Settings,
    console: Console,
    snapshot: Path,
    wanted: list[int] | None,
    offline: FirstLoad | None,
) -> threading.Thread | None:
    """The embedded snapshot now; every season from its "as of" on that the API has, in the
    background."""
    try:
        report = _import(settings, snapshot, offline)
    except LoaderError as exc:
        raise exit_with(
            console, f"cannot import the snapshot {snapshot}: {exc}", WHAT_TO_DO
        ) from None
    as_of = report.dataset.get("data_as_of")
    console.print(
        f"The graph was empty and DATA_DIR is not set: loaded the embedded snapshot ({snapshot}, "
        f"full history, data as of {as_of}) in {report.seconds:.0f}s ({_how(offline)})"
    )
    try:
        known = asyncio.run(api_seasons(settings))
    except ApiError as exc:
        console.print(
            f"The NHL web API did not answer ({exc}): serving the snapshot's data (as of "
            f"{as_of}) without newer games"
        )
        return None
    first = season_of(date.fromisoformat(str(as_of))) if as_of else current_season()
    newer = [s for s in known if s >= first and (wanted is None or s in wanted)]
    if not newer:
        return None
    console.print(
        f"Fetching {len(newer)} season(s) newer than the snapshot ({newer[0]} to {newer[-1]}) "
        "from the NHL web API in the background; /stats/graph shows the progress"
    )
    return start_fetch_forward(settings, newer)


def _load_live(settings: Settings, console: Console, wanted: list[int] | None) -> threading.Thread:
    """Every season from the NHL API, newest first, in the background (``loader sync``)."""
    console.print(
        f"The graph is empty and DATA_DIR is not set: asking the NHL web API "
        f"({settings.loader.api_web_url}) which seasons it has ..."
    )
    try:
        known = asyncio.run(api_seasons(settings))
    except LoaderError as exc:
        raise exit_with(console, f"the NHL API could not be reached: {exc}", WHAT_TO_DO) from None
    count = len(known) if wanted is None else len([s for s in known if s in wanted])
    console.print(
        f"Serving at once; loading {count} season(s) from the NHL API in the background, "
        "newest first (loader sync); /stats/graph and the page show the progress"
    )
    return start_history_sync(settings, wanted)
