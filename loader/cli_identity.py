"""``loader identity`` and ``loader snapshot build``: work on the files, no graph needed.

Registered on the ``loader`` app by :mod:`loader.cli`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graph_api.cli_errors import exit_with, reported
from graph_api.settings import get_settings
from loader.cli_output import console
from loader.identity import link_people, read_identity_sources
from loader.identity import report as identity_report
from loader.identity.checks import check_links
from loader.identity.rosters import compare_rosters
from loader.problems import Problems
from loader.snapshot import build_snapshot


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
