"""Fixtures of the unit tests that read the real data: its transform, made once."""

from __future__ import annotations

from pathlib import Path

import pytest

from loader.assemble import GraphData
from loader.files import SourceFiles, extract_transform
from loader.identity import link_data_dir
from loader.problems import Problems


@pytest.fixture(scope="session")
def source_rows(shared_data: Path) -> GraphData:
    """What ``loader import ../shared/data`` writes (the transform; no graph needed)."""
    problems = Problems()
    data = extract_transform(
        SourceFiles.find(shared_data), link_data_dir(shared_data, problems), problems
    )
    assert not problems.items, problems.items[:5]
    return data
