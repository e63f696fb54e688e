"""What the ``loader`` commands share: the console, rich progress bars, the Neo4j they
write to, and the printed reports."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

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

from graph_api.cli_errors import reported
from graph_api.runtime.providers import provide_neo4j
from graph_api.settings import Settings, get_settings
from loader.importer import LoadReport
from loader.status import GraphStatus

console = Console(stderr=True)


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
def graph_settings() -> Iterator[Settings]:
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


def progress_bars() -> Progress:
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
    if graph.teammates_backwards:
        out.print(
            f"[red]{graph.teammates_backwards:,} TEAMMATE_OF link(s) stored from the larger "
            "player id[/]: the paths would miss their evidence; re-run `loader import`."
        )
