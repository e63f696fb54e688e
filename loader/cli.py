"""``loader``: fill the puckpath graph from files or the NHL web API, and report on it.

The commands on the NHL API live in :mod:`loader.cli_live`, those on the files alone in
:mod:`loader.cli_identity`; what they share (console, progress bars, reports) in
:mod:`loader.cli_output`."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graph_api.cli_errors import exit_with
from loader import cli_identity, cli_live
from loader.cli_output import (
    RichProgress,
    console,
    graph_settings,
    print_report,
    print_status,
    progress_bars,
)
from loader.import_check import imported_already
from loader.importer import import_files
from loader.status import graph_digest, read_status, wipe_graph

app = typer.Typer(
    help="Load NHL players, team-seasons, games and TEAMMATE_OF into the puckpath graph.",
    no_args_is_help=True,
)


@app.callback()
def _quiet_driver() -> None:
    """Load NHL players, team-seasons, games and TEAMMATE_OF into the puckpath graph."""
    # Neo4j warns about property keys an empty graph does not know yet; not news here.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)


@app.command("import")
def import_command(
    data_dir: Annotated[
        Path,
        typer.Argument(
            help="Folder in the ../shared/data layout (hockey-databank/, modern/, "
            "nhl-statsapi/, nhl-api/), or a snapshot (data/snapshot)."
        ),
    ],
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Fail on the first bad row instead of reporting and skipping it."
        ),
    ] = False,
    if_changed: Annotated[
        bool,
        typer.Option(
            "--if-changed",
            help="Do nothing when the graph already holds an import of exactly these files "
            "(the Dataset node's digest of them).",
        ),
    ] = False,
) -> None:
    """Import the Hockey Databank and the per-game files of DATA_DIR (or a snapshot)."""
    with graph_settings() as settings:
        held = asyncio.run(imported_already(settings, data_dir)) if if_changed else None
        if held is not None:
            console.print(
                f"[green]unchanged[/]: the graph already holds {data_dir} (version "
                f"{held.version}, data as of {held.data_as_of}); nothing imported"
            )
            return
        with progress_bars() as bars:
            report = asyncio.run(import_files(settings, data_dir, strict, RichProgress(bars)))
    print_report(report)


snapshot_app = typer.Typer(
    help="The embedded snapshot: the graph's source rows in data/snapshot.",
    no_args_is_help=True,
)
app.add_typer(snapshot_app, name="snapshot")
snapshot_app.command("build")(cli_identity.snapshot_build)
app.command()(cli_live.fetch)
app.command()(cli_live.sync)
app.command()(cli_live.watch)


@app.command()
def status(
    digest: Annotated[
        bool,
        typer.Option(
            "--digest",
            help="Also print a sha256 of every node and relationship (compares two loads).",
        ),
    ] = False,
) -> None:
    """Counts of every label and relationship type, seasons covered and "data as of"."""
    with graph_settings() as settings:
        graph = asyncio.run(read_status(settings))
        fingerprint = asyncio.run(graph_digest(settings)) if digest else None
    print_status(graph)
    if fingerprint:
        Console().print(f"digest {fingerprint}")


app.command()(cli_identity.identity)


@app.command()
def reset(
    yes: Annotated[bool, typer.Option("--yes", help="Really delete the whole graph.")] = False,
) -> None:
    """Delete every node and relationship of the graph (the schema stays)."""
    if not yes:
        raise exit_with(console, "this deletes the whole graph; run again with --yes")
    with graph_settings() as settings:
        asyncio.run(wipe_graph(settings))
    console.print("[green]done[/]: the graph is empty")
