"""``loader``: fill the puckpath graph from files or the NHL web API, and report on it."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from graph_api.cli_errors import exit_with, reported
from graph_api.runtime.providers import provide_neo4j
from graph_api.settings import Settings, get_settings
from loader.identity import link_people, read_identity_sources
from loader.identity import report as identity_report
from loader.identity.checks import check_links
from loader.identity.rosters import compare_rosters
from loader.import_check import imported_already
from loader.importer import LoadReport, import_files
from loader.live.fetch import fetch_season
from loader.live.refresh import watch as watch_refresh
from loader.live.sync import (
    SyncReport,
    parse_seasons,
    season_range,
    sync_history,
)
from loader.problems import Problems
from loader.snapshot import build_snapshot
from loader.status import GraphStatus, graph_digest, read_status, wipe_graph

app = typer.Typer(
    help="Load NHL players, team-seasons, games and TEAMMATE_OF into the puckpath graph.",
    no_args_is_help=True,
)
console = Console(stderr=True)


@app.callback()
def _quiet_driver() -> None:
    """Load NHL players, team-seasons, games and TEAMMATE_OF into the puckpath graph."""
    # Neo4j warns about property keys an empty graph does not know yet; not news here.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)


class RichProgress:
    """The writer's progress as one rich bar per phase."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._tasks: dict[str, TaskID] = {}

    def start(self, phase: str, total: int | None) -> None:
        self._tasks[phase] = self._progress.add_task(phase, total=total)

    def advance(self, phase: str, rows: int) -> None:
        self._progress.advance(self._tasks[phase], rows)

    def finish(self, phase: str) -> None:
        task = self._tasks[phase]
        done = self._progress.tasks[self._tasks[phase]].completed
        self._progress.update(task, total=done, completed=done)


@contextmanager
def _graph_settings() -> Iterator[Settings]:
    """Settings pointing at a reachable Neo4j: NEO4J_URI, or the project-managed server.

    Any ``AppError`` of the command's body (bad input, Neo4j or the NHL API away) ends the
    command with its message and hint, after the server is stopped."""
    settings = get_settings()
    with reported(console), provide_neo4j(settings) as endpoint:
        if endpoint.provider != "given":
            console.print(f"Neo4j ({endpoint.provider}): {endpoint.uri}")
        yield settings.model_copy(
            update={"neo4j": settings.neo4j.model_copy(update={"uri": endpoint.uri})}
        )


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description:<15}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
    )


def print_report(report: LoadReport) -> None:
    for problem in report.problems[:50]:
        console.print(f"[yellow]skipped[/] {problem}")
    if len(report.problems) > 50:
        console.print(f"[yellow]... and {len(report.problems) - 50} more skipped[/]")
    table = Table("phase", "rows", "seconds", "rows/s", title="load")
    for phase in report.phases:
        table.add_row(
            phase.phase, f"{phase.rows:,}", f"{phase.seconds:.1f}", f"{phase.rows_per_s:,.0f}"
        )
    console.print(table)
    dataset = report.dataset
    changed = "new version" if dataset.get("changed") else "unchanged"
    console.print(
        f"[green]done[/] in {report.seconds:.1f}s: version {dataset.get('version')} ({changed}), "
        f"data as of {dataset.get('data_as_of')}, {len(report.problems)} bad row(s) skipped"
    )


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
    with _graph_settings() as settings:
        held = asyncio.run(imported_already(settings, data_dir)) if if_changed else None
        if held is not None:
            console.print(
                f"[green]unchanged[/]: the graph already holds {data_dir} (version "
                f"{held.version}, data as of {held.data_as_of}); nothing imported"
            )
            return
        with _progress() as bars:
            report = asyncio.run(import_files(settings, data_dir, strict, RichProgress(bars)))
    print_report(report)


snapshot_app = typer.Typer(
    help="The embedded snapshot: the graph's source rows in data/snapshot.",
    no_args_is_help=True,
)
app.add_typer(snapshot_app, name="snapshot")


@snapshot_app.command("build")
def snapshot_build(
    data_dir: Annotated[
        Path, typer.Argument(help="Folder in the ../shared/data layout to build it from.")
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Where to write it (replacing the files there).")
    ] = Path("data/snapshot"),
) -> None:
    """Write the snapshot of DATA_DIR: gzipped CSV rows plus manifest.json (deterministic)."""
    problems = Problems()
    with reported(console):
        manifest = build_snapshot(data_dir, out, problems)
    for problem in problems.items[:50]:
        console.print(f"[yellow]skipped[/] {problem}")
    size = sum(path.stat().st_size for path in out.iterdir() if path.is_file())
    rows = ", ".join(f"{name} {entry['rows']:,}" for name, entry in manifest["files"].items())
    console.print(
        f"[green]done[/]: {out} ({size / 1e6:.1f} MB), data as of {manifest['data_as_of']}; "
        f"{rows}; {len(problems)} bad row(s) skipped"
    )


@app.command()
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
    with _graph_settings() as settings, _progress() as bars:
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


@app.command()
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
    with _graph_settings() as settings, _progress() as bars:
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


@app.command()
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
    with _graph_settings() as settings:
        graph = asyncio.run(read_status(settings))
        fingerprint = asyncio.run(graph_digest(settings)) if digest else None
    print_status(graph)
    if fingerprint:
        Console().print(f"digest {fingerprint}")


@app.command()
def identity(
    data_dir: Annotated[
        Path | None,
        typer.Argument(help="Folder in the ../shared/data layout; default: DATA_DIR."),
    ] = None,
    report: Annotated[
        bool, typer.Option("--report", help="Also list every unlinked person with the reason.")
    ] = False,
    csv_path: Annotated[
        Path | None,
        typer.Option("--csv", help="Write every Databank NHL player's link or reason here."),
    ] = None,
    rosters: Annotated[
        bool,
        typer.Option(
            "--rosters", help="Compare the Databank's team-seasons with the statsapi rosters."
        ),
    ] = False,
    rosters_csv: Annotated[
        Path | None,
        typer.Option("--rosters-csv", help="Write the rows only one source has here."),
    ] = None,
) -> None:
    """Link Databank players to NHL ids (no graph needed): linked share per tier, targets."""
    folder = data_dir or get_settings().data_dir
    if folder is None:
        raise exit_with(console, "give DATA_DIR (e.g. ../shared/data) or set DATA_DIR")
    problems = Problems()
    with reported(console):
        sources = read_identity_sources(folder, problems)
    links = link_people(sources)
    lines = identity_report.summary_lines(check_links(sources, links))
    lines += [f"skipped {p}" for p in problems.items]
    if report:
        lines += identity_report.unlinked_lines(links)
    if csv_path is not None:
        written = identity_report.write_links_csv(csv_path, sources, links)
        lines.append(f"wrote {written:,} rows to {csv_path}")
    if rosters or rosters_csv is not None:
        comparison = compare_rosters(sources, links)
        lines += identity_report.roster_lines(comparison, rows=report)
        if rosters_csv is not None:
            written = identity_report.write_rosters_csv(rosters_csv, comparison)
            lines.append(f"wrote {written:,} rows to {rosters_csv}")
    out = Console(soft_wrap=True, highlight=False)
    for line in lines:
        out.print(line, markup=False)


@app.command()
def reset(
    yes: Annotated[bool, typer.Option("--yes", help="Really delete the whole graph.")] = False,
) -> None:
    """Delete every node and relationship of the graph (the schema stays)."""
    if not yes:
        raise exit_with(console, "this deletes the whole graph; run again with --yes")
    with _graph_settings() as settings:
        asyncio.run(wipe_graph(settings))
    console.print("[green]done[/]: the graph is empty")


def print_status(graph: GraphStatus) -> None:
    out = Console()
    table = Table("label / relationship", "count", title="graph")
    for name, count in graph.labels.items():
        table.add_row(f"(:{name})", f"{count:,}")
    for name, count in graph.relationships.items():
        table.add_row(f"[:{name}]", f"{count:,}")
    out.print(table)
    if graph.first_season is None:
        out.print("The graph is empty: run `loader import DIR` or `loader fetch`.")
        return
    out.print(
        f"seasons {graph.first_season}..{graph.last_season} ({graph.seasons} seasons); "
        f"per-game data: {', '.join(map(str, graph.game_seasons)) or 'none'}"
    )
    out.print(
        f"data as of {graph.data_as_of}, version {graph.version}, loaded at {graph.loaded_at}, "
        f"sources: {', '.join(graph.sources) or 'none'}"
    )
