"""Every loader command answers --help, and bad input fails with a message, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from loader.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["import"],
        ["fetch"],
        ["sync"],
        ["status"],
        ["reset"],
        ["snapshot"],
        ["snapshot", "build"],
    ],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_sync_rejects_a_bad_season_range() -> None:
    result = runner.invoke(app, ["sync", "--seasons", "2000-1990"])
    assert result.exit_code == 2
    assert "YYYY-YYYY" in result.output


def test_reset_needs_yes() -> None:
    result = runner.invoke(app, ["reset"])
    assert result.exit_code == 2
    assert "--yes" in result.output


def test_import_of_a_missing_folder_fails_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    from graph_api.settings import get_settings

    get_settings.cache_clear()
    try:
        result = runner.invoke(app, ["import", str(tmp_path / "nowhere")])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2
    assert "does not exist" in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_snapshot_build_of_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["snapshot", "build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert "does not exist" in " ".join(result.output.split())
    assert not (tmp_path / "out").exists()
