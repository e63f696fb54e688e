"""``puckpath serve`` fills an empty graph: files from DATA_DIR, else the embedded snapshot
(tests/integration/test_snapshot_run.py), else the NHL API, and says what to do when none can
be had (no traceback)."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest
import typer
from rich.console import Console

from graph_api.runtime.providers import Neo4jEndpoint
from loader.bootstrap import WHAT_TO_DO, ensure_loaded
from loader.status import wipe_graph
from tests.integration.loader_helpers import settings_on


def console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=200), out


def test_a_loaded_graph_is_left_alone(loaded_neo4j: Neo4jEndpoint) -> None:
    screen, out = console()
    ensure_loaded(settings_on(loaded_neo4j), screen)
    assert "Graph loaded" in out.getvalue()
    assert "data as of 2026-05-17" in out.getvalue()


def test_neither_files_nor_network_says_what_to_do(
    scratch_loader_neo4j: Neo4jEndpoint, tmp_path: Path
) -> None:
    settings = settings_on(
        scratch_loader_neo4j,
        api_web_url="http://127.0.0.1:1/v1",
        stats_api_url="http://127.0.0.1:1/stats/rest",
        api_cache_dir=tmp_path / "cache",
        max_attempts=2,
        backoff_initial_s=0.01,
        backoff_max_s=0.02,
    )
    asyncio.run(wipe_graph(settings))
    screen, out = console()
    with pytest.raises(typer.Exit) as exit_info:  # a checkout without data/snapshot
        ensure_loaded(settings, screen, snapshot=tmp_path / "no-snapshot")
    assert exit_info.value.exit_code == 2
    text = " ".join(out.getvalue().split())
    assert "asking the NHL web API (http://127.0.0.1:1/v1) which seasons it has" in text
    assert " ".join(WHAT_TO_DO.split()) in text
    assert "Traceback" not in text

    missing = settings.model_copy(update={"data_dir": tmp_path / "no-such-folder"})
    screen, out = console()
    with pytest.raises(typer.Exit):
        ensure_loaded(missing, screen)
    text = " ".join(out.getvalue().split())
    assert "cannot import DATA_DIR" in text
    assert "DATA_DIR=../shared/data" in text
