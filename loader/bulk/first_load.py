"""The first load of an empty project-managed Neo4j, done offline (``LOADER_OFFLINE_FIRST_LOAD``).

``puckpath serve`` (``make run``) gives :meth:`FirstLoad.before_start` to the provider of its
local server, which calls it before the server's first start. When that server has no
database yet, the loader reads the data (the same extract -> transform as ``loader
import``), writes it as the CSV files of ``neo4j-admin database import full``
(:mod:`.csv_files`) and imports them into the store while no server runs. Once the server
is up, :meth:`FirstLoad.finish` applies the schema and runs the phases that need the graph
(careers, teams, centres, the Dataset node: the same code as the Cypher import), so the
graph is the one the Cypher import writes, digest for digest.

Anything else falls back to the Cypher import (``loader import``): a server given by
NEO4J_URI or run by Docker (not ours to stop: ``before_start`` is never called), a server
already running, a database that exists (even empty), the setting off, nothing to import
offline (the NHL API as the only source), or an offline import that fails (its store is
removed first). ``skipped`` says why.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graph_api.observability.metrics import counts_as_loader_run
from graph_api.runtime.errors import RuntimeUnavailable
from graph_api.runtime.neo4j_local import LocalNeo4jServer
from graph_api.settings import Settings
from loader.assemble import GraphData
from loader.bulk.csv_files import BulkUnsupported, write_import_files
from loader.centrality import Computed
from loader.errors import LoaderError
from loader.importer import (
    FILES_SOURCE,
    LoadReport,
    bulk_objects,
    compute_centres,
    frozen_rows,
    open_repo,
    read_data_dir,
    record_files_load,
    teammate_index,
    write_derived,
)
from loader.problems import Problems
from loader.writer import GraphWriter, PhaseStats

DATABASE = "neo4j"
ADMIN_IMPORT_TIMEOUT_S = 1800.0
# What makes the offline import give way to the Cypher import (which reports a bad data
# directory itself).
FALLS_BACK_ON = (BulkUnsupported, RuntimeUnavailable, LoaderError, subprocess.SubprocessError)


@dataclass
class OfflineImport:
    """What the offline import wrote, for the phases that need the server."""

    data: GraphData
    digest: str
    problems: Problems
    centres: concurrent.futures.Future[Computed]
    phases: list[PhaseStats]
    started: float


class FirstLoad:
    """The offline first load of one data source (``source``: a data directory or a
    snapshot; None: nothing to import offline)."""

    def __init__(
        self, settings: Settings, source: Path | None, say: Callable[[str], None] = print
    ) -> None:
        self.settings = settings
        self.source = source
        self.say = say
        self.done: OfflineImport | None = None
        self.skipped: str | None = None
        self._threads = concurrent.futures.ThreadPoolExecutor(1, "centres")

    def before_start(self, server: LocalNeo4jServer) -> None:
        """Fill the server's store offline when it has none; else leave it alone."""
        self.skipped = self._why_not(server)
        if self.skipped is not None or self.source is None:
            return
        self.say(
            f"A new Neo4j database: importing {self.source} offline (neo4j-admin database "
            "import) before the server starts ..."
        )
        try:
            self.done = self._import(server, self.source)
        except FALLS_BACK_ON as exc:
            self.skipped = f"the offline import failed ({exc})"
            remove_store(server)

    def _why_not(self, server: LocalNeo4jServer) -> str | None:
        if not self.settings.loader.offline_first_load:
            return "LOADER_OFFLINE_FIRST_LOAD is off"
        if self.source is None:
            return "no data directory or snapshot to import offline"
        if server.running_pid() is not None:
            return "the Neo4j server runs already"
        if server.has_store():
            return f"the database exists already ({server.home / 'data'})"
        return None

    def _import(self, server: LocalNeo4jServer, source: Path) -> OfflineImport:
        started = time.perf_counter()
        problems = Problems()
        with bulk_objects():
            data, digest = read_data_dir(source, problems)
        phases = [PhaseStats("transform", data.row_count(), time.perf_counter() - started)]
        centres = self._threads.submit(compute_centres, data)
        with frozen_rows():
            server.write_config()  # a new machine: the instance folder is made here
            with tempfile.TemporaryDirectory(prefix="bulk-", dir=server.home) as folder:
                began = time.perf_counter()
                files = write_import_files(data, teammate_index(data).rows(), Path(folder))
                rows = sum(files.counts.values())
                phases.append(PhaseStats("import-files", rows, time.perf_counter() - began))
                began = time.perf_counter()
                server.run_admin(
                    [
                        "database",
                        "import",
                        "full",
                        DATABASE,
                        *files.arguments(),
                        "--overwrite-destination",
                        f"--max-off-heap-memory={server.page_cache}",
                        f"--report-file={server.home / 'logs' / 'import.report'}",
                    ],
                    timeout_s=ADMIN_IMPORT_TIMEOUT_S,
                )
                phases.append(PhaseStats("neo4j-admin-import", rows, time.perf_counter() - began))
        return OfflineImport(data, digest, problems, centres, phases, started)

    @counts_as_loader_run(FILES_SOURCE)
    async def finish(self, settings: Settings) -> LoadReport:
        """Schema, careers, teams, centres and the Dataset node, on the running server
        (``settings`` name it)."""
        done = self.done
        if done is None:
            raise LoaderError("no offline import to finish")
        loader = settings.loader
        repo = open_repo(settings)
        try:
            began = time.perf_counter()
            await repo.ping()
            await repo.apply_schema()
            schema = PhaseStats("schema", 0, time.perf_counter() - began)
            writer = GraphWriter(repo, loader.batch_size)
            writer.stats.append(schema)
            await write_derived(
                writer, done.data, loader.write_concurrency, asyncio.wrap_future(done.centres)
            )
            dataset = await record_files_load(repo, done.digest)
        finally:
            await repo.close()
            self._threads.shutdown(wait=False)
        return LoadReport(
            [*done.phases, *writer.stats],
            done.problems.items,
            dataset,
            time.perf_counter() - done.started,
        )


def remove_store(server: LocalNeo4jServer) -> None:
    """Delete what a failed offline import left of the database, so the server starts empty."""
    for folder in ("databases", "transactions"):
        shutil.rmtree(server.home / "data" / folder / DATABASE, ignore_errors=True)
