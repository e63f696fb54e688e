"""The embedded snapshot: the graph's source rows, small enough to ship inside the repo.

``loader snapshot build DATA_DIR`` transforms a data directory (the ../shared/data layout)
exactly as ``loader import`` does and writes the resulting rows (:mod:`.tables`) as gzipped
CSV files plus ``manifest.json`` (provenance, "data as of", the Hockey Databank attribution,
row counts and sha256 of every file). ``loader import data/snapshot`` recognises the layout by
its manifest and loads the same rows, so the graph is the same as from the data directory,
with the same data version. The build is deterministic (sorted rows, gzip without a time
stamp): rebuilding from the same data gives the same bytes, which a test checks.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loader.assemble import GraphData
from loader.csvfiles import BadSourceFile, MissingSourceFile, file_digest
from loader.files import SourceFiles, extract_transform
from loader.identity import link_data_dir
from loader.problems import Problems
from loader.snapshot.tables import TABLES, Cells, graph_data

__all__ = ["EMBEDDED_SNAPSHOT", "MANIFEST", "Snapshot", "build_snapshot", "is_snapshot"]

MANIFEST = "manifest.json"
FORMAT = "puckpath-snapshot"
FORMAT_VERSION = 2  # 2: players carry birth_city, birth_state, birth_country
# The snapshot committed in the repo, loaded when no data directory is given.
EMBEDDED_SNAPSHOT = Path(__file__).resolve().parents[2] / "data" / "snapshot"
DATABANK_ATTRIBUTION = (
    "The information used herein was obtained free of charge from and is copyrighted by the "
    "Hockey Databank project. For more information about the Hockey Databank project please "
    "visit http://sports.groups.yahoo.com/group/hockey-databank"
)
PROVENANCE = (
    "Built by `loader snapshot build` from a data directory in the ../shared/data layout: "
    "the Hockey Databank (github.com/rippinrobr/hockey-databank, NHL rows 1917-18..2017-18), "
    "per-game NHL appearances and games 2009-10..2025-26 (sportsdataverse/fastRhockey-nhl-data), "
    "the 2009-2018 Databank-to-NHL-id crosswalk and the old NHL stats API's players and "
    "rosters (michael-hainke/NHL), which link Databank people to NHL ids. The rows are the "
    "loader's transform of those files; `source_files` lists their sha256. The statistics "
    "are NHL data (c) NHL."
)


def is_snapshot(path: Path) -> bool:
    """A snapshot directory (its manifest names the format), not a ../shared/data layout."""
    manifest = path / MANIFEST
    if not manifest.is_file():
        return False
    try:
        return bool(json.loads(manifest.read_text(encoding="utf-8")).get("format") == FORMAT)
    except ValueError:
        return False


@dataclass(frozen=True)
class Snapshot:
    """A snapshot directory and its manifest."""

    path: Path
    manifest: dict[str, Any]

    @classmethod
    def open(cls, path: Path) -> Snapshot:
        """Read and check the manifest: known format, every file present and unchanged."""
        if not is_snapshot(path):
            raise MissingSourceFile(f"{path} is not a snapshot (no {MANIFEST} of {FORMAT})")
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format_version") != FORMAT_VERSION:
            raise BadSourceFile(
                f"{path / MANIFEST}: format_version {manifest.get('format_version')} "
                f"(this loader reads {FORMAT_VERSION})"
            )
        for table in TABLES:
            entry = manifest["files"].get(table.file_name)
            file = path / table.file_name
            if entry is None or not file.is_file():
                raise MissingSourceFile(f"snapshot file {file} is missing")
            if file_digest(file) != entry["sha256"]:
                raise BadSourceFile(f"{file} does not match the sha256 in {MANIFEST}")
        return cls(path, manifest)

    @property
    def digest(self) -> str:
        """The digest of the data directory it was built from: the import's content version,
        so the snapshot and its data directory load as the same data version."""
        return str(self.manifest["source_digest"])

    @property
    def data_as_of(self) -> str | None:
        value = self.manifest.get("data_as_of")
        return str(value) if value else None

    def graph_data(self) -> GraphData:
        return graph_data({table.name: self._rows(table.file_name) for table in TABLES})

    def _rows(self, name: str) -> list[Cells]:
        with gzip.open(self.path / name, "rt", encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            next(reader, None)
            return list(reader)


def build_snapshot(data_dir: Path, out: Path, problems: Problems) -> dict[str, Any]:
    """Transform ``data_dir`` and write its snapshot to ``out``; returns the manifest."""
    files = SourceFiles.find(data_dir)
    data = extract_transform(files, link_data_dir(data_dir, problems), problems)
    return write_snapshot(data, files, data_dir, out)


def write_snapshot(data: GraphData, files: SourceFiles, root: Path, out: Path) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    entries: dict[str, dict[str, Any]] = {}
    for table in TABLES:
        rows = sorted(table.cells(data))
        payload = _gzip_csv(table.columns, rows)
        (out / table.file_name).write_bytes(payload)
        entries[table.file_name] = {
            "rows": len(rows),
            "columns": list(table.columns),
            "sha256": hashlib.sha256(payload).hexdigest(),
        }
    newest = max((game.date for game in data.games), default=None)
    seasons = data.seasons()
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "data_as_of": newest.isoformat() if newest else None,
        "seasons": [seasons[0], seasons[-1]] if seasons else [],
        "attribution": DATABANK_ATTRIBUTION,
        "provenance": PROVENANCE,
        "source_digest": files.digest(root),
        "source_files": {
            path.relative_to(root).as_posix(): file_digest(path) for path in files.all()
        },
        "files": entries,
    }
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    (out / MANIFEST).write_text(text, encoding="utf-8")
    return manifest


def _gzip_csv(columns: Iterable[str], rows: Iterable[Cells]) -> bytes:
    """CSV (LF line ends) gzipped without a name or time stamp: the same rows, the same bytes."""
    buffer = io.BytesIO()
    with (
        gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as raw,
        io.TextIOWrapper(raw, encoding="utf-8", newline="") as handle,
    ):
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    return buffer.getvalue()


def rows_of(data: GraphData) -> Iterator[tuple[str, list[Cells]]]:
    """Every table's rows of ``data`` as the snapshot stores them (sorted): for comparisons."""
    for table in TABLES:
        yield table.name, sorted(table.cells(data))
