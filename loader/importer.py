"""``loader import DIR``: files -> rows -> graph, in phases that can be re-run at will.

Every write is a MERGE on a constrained key followed by SETs of values computed from the
input alone, so running the import twice, or again after it was killed at any point, ends
with the same graph. The Dataset node is written last: a graph without it was never
completely loaded.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph_api.graph.catalog import QueryCatalog
from graph_api.graph.repo import GraphRepo, make_driver
from graph_api.observability.metrics import counts_as_loader_run
from graph_api.settings import Settings
from loader.assemble import PER_GAME_SOURCE, GraphData
from loader.centrality import Computed, compute_from_memberships, write_centrality
from loader.databank import SOURCE as DATABANK_SOURCE
from loader.dataset import record_load
from loader.files import SourceFiles, extract_transform
from loader.identity import link_data_dir
from loader.plan import TeammateLanes, played_in_lanes, split_lanes
from loader.problems import Problem, Problems
from loader.records import TeammateRow
from loader.rederive import write_teammates_of
from loader.snapshot import Snapshot, is_snapshot
from loader.teammates import GameBits, TeammateIndex
from loader.writer import GraphWriter, PhaseStats, Progress

FILES_SOURCE = "files"


@dataclass
class LoadReport:
    phases: list[PhaseStats] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    dataset: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0


LOADER_READ_TIMEOUT_S = 600.0
# Players deleted per transaction when their Databank id became an alias (with relationships).
REPLACED_BATCH = 200


def open_repo(settings: Settings) -> GraphRepo:
    """The loader's GraphRepo: its reads (whole seasons of games) may take minutes."""
    neo4j = settings.neo4j.model_copy(
        update={"query_timeout_s": max(settings.neo4j.query_timeout_s, LOADER_READ_TIMEOUT_S)}
    )
    return GraphRepo(make_driver(neo4j), QueryCatalog.load(), neo4j)


@counts_as_loader_run(FILES_SOURCE)
async def import_files(
    settings: Settings,
    data_dir: Path,
    strict: bool = False,
    progress: Progress | None = None,
) -> LoadReport:
    """Transform every file under ``data_dir`` (stopping in strict mode on bad rows), or read
    the snapshot there, then write the graph."""
    started = time.perf_counter()
    problems = Problems()
    transform_started = time.perf_counter()
    with bulk_objects():
        data, digest = read_data_dir(data_dir, problems)
    transform = PhaseStats("transform", data.row_count(), time.perf_counter() - transform_started)
    problems.raise_if_strict(strict)
    repo = open_repo(settings)
    try:
        with frozen_rows():
            await repo.ping()
            await repo.apply_schema()
            writer = GraphWriter(repo, settings.loader.batch_size, progress)
            await write_graph(writer, data, settings.loader.write_concurrency)
            dataset = await record_files_load(repo, digest)
    finally:
        await repo.close()
    return LoadReport(
        [transform, *writer.stats], problems.items, dataset, time.perf_counter() - started
    )


@contextmanager
def bulk_objects() -> Iterator[None]:
    """No cyclic garbage collection while the rows are built: the ~850,000 row tuples hold
    no cycles, and each full collection would walk all those made so far (half the
    transform's CPU). After it, the import freezes them (``gc.freeze``) so the collections
    set off by the writes' own objects skip them, and unfreezes them at the end."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def frozen_rows() -> Iterator[None]:
    """The rows built so far out of the garbage collector's passes while they are written
    (``gc.freeze``), unless a serving process has frozen its own objects already."""
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    try:
        yield
    finally:
        if freeze:
            gc.unfreeze()


async def record_files_load(repo: GraphRepo, digest: str) -> dict[str, Any]:
    """The Dataset node of a load from files (a data directory or a snapshot)."""
    return await record_load(repo, FILES_SOURCE, digest, [DATABANK_SOURCE, PER_GAME_SOURCE])


def read_data_dir(data_dir: Path, problems: Problems) -> tuple[GraphData, str]:
    """The rows to write and the digest of their input: from a snapshot (``loader snapshot
    build``) or from source files in the ../shared/data layout."""
    if is_snapshot(data_dir):
        snapshot = Snapshot.open(data_dir)
        return snapshot.graph_data(), snapshot.digest
    files = SourceFiles.find(data_dir)
    data = extract_transform(files, link_data_dir(data_dir, problems), problems)
    return data, files.digest(data_dir)


async def write_graph(writer: GraphWriter, data: GraphData, lanes: int) -> None:
    """Write every phase in dependency order (nodes before the relationships between them)."""
    existing = await writer.repo.read_one("load/relationship_counts") or {}
    teammates = TeammateLanes(teammate_index(data), writer.batch_size).start()
    centres = None if existing.get("teammate_of") else _compute_centres(data)
    try:
        await _write_nodes(writer, data, lanes)
        await _delete_replaced_players(writer)
        await writer.write(
            "played-for",
            "load/merge_played_for",
            [(r.params() for r in data.played_for)],
            len(data.played_for),
        )
        players = await _element_ids(writer, "load/player_element_ids")
        played_in, ids = await _played_in_plan(writer, bool(existing.get("played_in")), players)
        await writer.write(
            "played-in",
            played_in,
            played_in_lanes(data.appearances, lanes, writer.batch_size, ids),
            len(data.appearances),
        )
        query, params = _teammates_plan(bool(existing.get("teammate_of")), players)
        await writer.write("teammates", query, teammates.parallel(lanes, params))
        await writer.write("teammates-mixed", query, [teammates.mixed(params)])
    except BaseException:
        if centres is not None:
            centres.cancel()
        raise
    finally:
        teammates.stop()
    await write_derived(writer, data, lanes, centres)


async def write_derived(
    writer: GraphWriter, data: GraphData, lanes: int, centres: Awaitable[Computed] | None
) -> None:
    """What follows the relationships: links of the NHL API's team-seasons, careers, teams
    and the centres (``centres``: computed from ``data`` when the links are exactly its
    pairs, else read back from the graph)."""
    from_api = {row["id"] for row in await writer.repo.read("load/read_api_team_seasons")}
    if from_api:
        await write_teammates_of(writer, from_api, phase="teammates-api")
    player_ids = [p.id for p in data.players]
    await writer.write(
        "player-careers",
        "load/refresh_player_careers",
        split_lanes(player_ids, lanes),
        len(player_ids),
        param="ids",
    )
    teams = sorted({ts.team_id for ts in data.team_seasons})
    await writer.write("teams", "load/refresh_teams", [teams], len(teams), param="ids")
    # Links from the NHL API's team-seasons were added: the in-memory centres miss them.
    await write_centrality(writer, await centres if centres and not from_api else None)


def teammate_index(data: GraphData) -> TeammateIndex:
    """Who was on which team-season and in which games: the source of every TEAMMATE_OF."""
    return TeammateIndex(
        ((r.player, r.team_season) for r in data.played_for),
        {ts.id: (ts.season, ts.team_id) for ts in data.team_seasons},
        GameBits.from_appearances(data.appearances),
        {(r.player, r.team_season): r.games + r.playoff_games for r in data.played_for},
    )


def compute_centres(data: GraphData) -> Computed:
    """On a graph without links, the links written are exactly the pairs sharing a
    team-season of ``data``: their centres are computed from those (in a thread beside the
    writes: numpy releases the GIL), instead of reading every link back afterwards."""
    memberships = [(r.player, r.team_season) for r in data.played_for]
    seasons = {ts.id: ts.season for ts in data.team_seasons}
    return compute_from_memberships(memberships, seasons)


def _compute_centres(data: GraphData) -> asyncio.Future[Computed]:
    return asyncio.ensure_future(asyncio.to_thread(compute_centres, data))


async def _write_nodes(writer: GraphWriter, data: GraphData, lanes: int) -> None:
    """Team-seasons first; then players and games at once (they share no node)."""
    await writer.write(
        "team-seasons",
        "load/merge_team_seasons",
        [[r.params() for r in data.team_seasons]],
        len(data.team_seasons),
    )
    players = writer.write(
        "players",
        "load/merge_players",
        split_lanes([r.params() for r in data.players], lanes),
        len(data.players),
    )
    games = writer.write(
        "games", "load/merge_games", [[r.params() for r in data.games]], len(data.games)
    )
    await (asyncio.gather(players, games) if lanes > 1 else _in_turn(players, games))


async def _delete_replaced_players(writer: GraphWriter) -> None:
    """A graph loaded before identity linking keyed Wayne Gretzky ``gretzwa01``; he is
    ``8447400`` now (``databank_id`` ``gretzwa01``): the old node goes, relationships and all."""
    while True:
        rows = await writer.repo.write("load/delete_replaced_players", limit=REPLACED_BATCH)
        if not rows or not rows[0]["deleted"]:
            return


async def _in_turn(*steps: Awaitable[PhaseStats]) -> None:
    for step in steps:
        await step


async def _played_in_plan(
    writer: GraphWriter, existing: bool, players: dict[Any, str]
) -> tuple[str, tuple[dict[Any, str], dict[Any, str]] | None]:
    """MERGE by key when PLAYED_IN exists already, else CREATE by element id."""
    if existing:
        return "load/merge_played_in", None
    return "load/create_played_in", (players, await _element_ids(writer, "load/game_element_ids"))


def _teammates_plan(
    existing: bool, players: dict[Any, str]
) -> tuple[str, Callable[[TeammateRow], dict[str, Any]]]:
    """MERGE by key when TEAMMATE_OF exists already, else CREATE by element id."""
    if existing:
        return "load/merge_teammates", _teammate_params
    return "load/create_teammates", _teammate_params_by_element(players)


async def _element_ids(writer: GraphWriter, query: str) -> dict[Any, str]:
    return {row["id"]: row["element_id"] for row in await writer.repo.read(query)}


def _teammate_params(row: TeammateRow) -> dict[str, Any]:
    return row.params()


def _teammate_params_by_element(players: dict[Any, str]) -> Callable[[TeammateRow], dict[str, Any]]:
    def params(row: TeammateRow) -> dict[str, Any]:
        values = row.params()
        values["a"], values["b"] = players[row.a], players[row.b]
        return values

    return params
