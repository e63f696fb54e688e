"""`loader identity`: the report, its CSV files, and the roster check against statsapi."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from loader.cli import app
from loader.identity import IdentityLinks, IdentitySources, link_people, read_identity_sources
from loader.identity.rosters import compare_rosters
from loader.problems import Problems

runner = CliRunner()


@pytest.fixture(scope="module")
def sources(shared_data: Path) -> IdentitySources:
    return read_identity_sources(shared_data, Problems())


@pytest.fixture(scope="module")
def links(sources: IdentitySources) -> IdentityLinks:
    return link_people(sources)


def test_rosters_of_both_sources_agree_on_more_than_99_percent(
    sources: IdentitySources, links: IdentityLinks
) -> None:
    comparison = compare_rosters(sources, links)
    databank_rows = {row for row in sources.databank_memberships if row[0] in links.links}
    assert comparison.both + comparison.count("databank_only") == len(databank_rows)
    assert comparison.agreement > 0.99
    assert {row.databank_id for row in comparison.differences} <= links.links.keys()


def test_identity_report_prints_tiers_and_writes_csv(
    shared_data: Path, links: IdentityLinks, tmp_path: Path
) -> None:
    links_csv, rosters_csv = tmp_path / "links.csv", tmp_path / "rosters.csv"
    result = runner.invoke(
        app,
        [
            "identity",
            str(shared_data),
            "--report",
            "--csv",
            str(links_csv),
            "--rosters",
            "--rosters-csv",
            str(rosters_csv),
        ],
    )
    assert result.exit_code == 0, result.output
    for method in ("crosswalk", "team_season", "birth_date_last_name", "birth_date_first_name"):
        assert method in result.output
    assert "NHL ids used twice: 0" in result.output
    for person in links.unlinked.values():
        assert f"{person.databank_id} {person.name}: {person.reason}" in result.output
    with links_csv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(links.links) + len(links.unlinked)
    gretzky = next(row for row in rows if row["databank_id"] == "gretzwa01")
    assert (gretzky["status"], gretzky["nhl_id"]) == ("linked", "8447400")
    unlinked = {row["databank_id"] for row in rows if row["status"] == "unlinked"}
    assert unlinked == links.unlinked.keys()
    with rosters_csv.open(encoding="utf-8") as handle:
        differing = list(csv.DictReader(handle))
    assert f"wrote {len(differing):,} rows to" in result.output
    assert {row["side"] for row in differing} <= {"databank_only", "statsapi_only"}


def test_identity_of_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    result = runner.invoke(app, ["identity", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "does not exist" in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_identity_has_help() -> None:
    result = runner.invoke(app, ["identity", "--help"])
    assert result.exit_code == 0
    assert "--rosters" in result.output
