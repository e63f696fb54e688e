"""The embedded snapshot (data/snapshot) can never drift from ../shared/data: rebuilt from
it, every file is byte for byte the committed one, and the rows it loads are the rows the
import of ../shared/data writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loader.assemble import GraphData
from loader.csvfiles import BadSourceFile
from loader.files import SourceFiles
from loader.importer import read_data_dir
from loader.problems import Problems
from loader.snapshot import EMBEDDED_SNAPSHOT, MANIFEST, Snapshot, is_snapshot, rows_of
from loader.snapshot import write_snapshot as write

SIZE_LIMIT = 20_000_000


def test_rebuilt_snapshot_is_the_committed_one_byte_for_byte(
    shared_data: Path, source_rows: GraphData, tmp_path: Path
) -> None:
    write(source_rows, SourceFiles.find(shared_data), shared_data, tmp_path)
    committed = sorted(p.name for p in EMBEDDED_SNAPSHOT.iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == committed
    for name in committed:
        same = (tmp_path / name).read_bytes() == (EMBEDDED_SNAPSHOT / name).read_bytes()
        assert same, f"data/snapshot/{name} differs: run `loader snapshot build ../shared/data`"
    size = sum(p.stat().st_size for p in EMBEDDED_SNAPSHOT.iterdir())
    assert size < SIZE_LIMIT


def test_snapshot_loads_the_rows_of_its_data_directory(
    shared_data: Path, source_rows: GraphData
) -> None:
    problems = Problems()
    data, digest = read_data_dir(EMBEDDED_SNAPSHOT, problems)
    assert not problems.items
    assert dict(rows_of(data)) == dict(rows_of(source_rows))
    assert data.identity == source_rows.identity
    assert digest == SourceFiles.find(shared_data).digest(shared_data)
    manifest = Snapshot.open(EMBEDDED_SNAPSHOT).manifest
    assert "Hockey Databank project" in manifest["attribution"]
    assert manifest["data_as_of"] == max(g.date for g in source_rows.games).isoformat()
    assert manifest["files"]["appearances.csv.gz"]["rows"] == len(source_rows.appearances)


def test_layouts_are_told_apart_and_a_changed_file_is_refused(
    shared_data: Path, tmp_path: Path
) -> None:
    assert is_snapshot(EMBEDDED_SNAPSHOT)
    assert not is_snapshot(shared_data)
    copy = tmp_path / "snapshot"
    shutil.copytree(EMBEDDED_SNAPSHOT, copy)
    games = copy / "games.csv.gz"
    games.write_bytes(games.read_bytes()[:-8] + bytes(8))
    with pytest.raises(BadSourceFile, match=r"games\.csv\.gz does not match"):
        Snapshot.open(copy)
    (copy / MANIFEST).write_text('{"format": "something else"}')
    assert not is_snapshot(copy)
