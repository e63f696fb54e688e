"""``loader import --if-changed``: skip an import the graph already holds.

An import records the digest of its input (every source file's name and sha256, or the
snapshot's digest) on the Dataset node, and only once it has finished. When the recorded
digest of the ``files`` source equals the digest of the folder given, importing it again
would change nothing: the rows are not even read. A graph whose last import was killed has no
new digest, so it is imported again. Used by the one-shot loader of docker-compose.yml.
"""

from __future__ import annotations

from pathlib import Path

from graph_api.settings import Settings
from loader.dataset import DatasetState, read_dataset, source_hash
from loader.files import SourceFiles
from loader.importer import FILES_SOURCE, open_repo
from loader.snapshot import Snapshot, is_snapshot


def input_digest(data_dir: Path) -> str:
    """The digest an import of ``data_dir`` records (files hashed, rows not read)."""
    if is_snapshot(data_dir):
        return Snapshot.open(data_dir).digest
    return SourceFiles.find(data_dir).digest(data_dir)


def holds_input(state: DatasetState, digest: str) -> bool:
    """True when the graph's last finished file import was of exactly this input."""
    return state.version is not None and state.source_hashes.get(FILES_SOURCE) == source_hash(
        digest
    )


async def imported_already(settings: Settings, data_dir: Path) -> DatasetState | None:
    """The graph's Dataset when it already holds the import of ``data_dir``, else None."""
    digest = input_digest(data_dir)
    repo = open_repo(settings)
    try:
        await repo.ping()
        state = await read_dataset(repo)
    finally:
        await repo.close()
    return state if holds_input(state, digest) else None
