"""``loader sync`` end to end: a real Neo4j, and the NHL API replayed locally from the recorded
responses plus responses DERIVED from the real rows of ../shared/data (tests/replay_derived.py).

Seasons 1917-18, 1967-68, 1979-80 (memberships only), 2004-05 (lockout: no team) and
2024-25 (rosters, club stats and boxscores)."""

from __future__ import annotations

import asyncio
import csv
import gzip
from pathlib import Path
from typing import Any

import pytest

from graph_api.runtime.providers import Neo4jEndpoint
from graph_api.settings import Settings
from loader.importer import import_files
from loader.live.sync import SyncReport, sync_history
from loader.status import wipe_graph
from tests.integration.loader_helpers import digest, read, settings_on
from tests.integration.test_loader_live import live_settings
from tests.replay_derived import DerivedResponses
from tests.replay_server import FAULT_KINDS, FaultPlan, ReplayServer

SEASONS = [19171918, 19671968, 19791980, 20042005, 20242025]
OLD_SEASONS = SEASONS[:3]
PAIR_SEASONS = [*OLD_SEASONS, 20242025]


@pytest.fixture(scope="module")
def derived(shared_data: Path) -> DerivedResponses:
    return DerivedResponses(shared_data)


def run_sync(settings: Settings, seasons: list[int] = SEASONS) -> SyncReport:
    report, _ = asyncio.run(sync_history(settings, seasons))
    return report


async def team_season_members(settings: Settings, seasons: list[int]) -> dict[str, set[str]]:
    rows = await read(settings, "read/team_seasons")
    wanted = [r["id"] for r in rows if r["season"] in seasons]
    found: dict[str, set[str]] = {ts: set() for ts in wanted}
    for row in await read(settings, "load/read_memberships", team_seasons=wanted):
        if row["team_season"] in found:
            found[row["team_season"]].add(row["player"])
    return found


async def player_ids(settings: Settings) -> set[str]:
    return {r["id"] for r in await read(settings, "load/player_element_ids")}


@pytest.fixture(scope="module")
def clean(
    scratch_loader_neo4j: Neo4jEndpoint,
    shared_data: Path,
    derived: DerivedResponses,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Any]:
    """One fault-free sync into an empty graph."""
    cache = tmp_path_factory.mktemp("sync-cache")
    with ReplayServer(shared_data / "nhl-api", derived=derived) as server:
        settings = live_settings(scratch_loader_neo4j, server, cache)
        asyncio.run(wipe_graph(settings))
        report = run_sync(settings)
        members = asyncio.run(team_season_members(settings, SEASONS))
    return {"report": report, "digest": asyncio.run(digest(settings)), "members": members}


def test_sync_loads_every_team_season_and_skips_the_lockout(
    clean: dict[str, Any], derived: DerivedResponses
) -> None:
    report: SyncReport = clean["report"]
    assert report.loaded == [20242025, 19791980, 19671968, 19171918]  # newest first
    assert list(report.skipped) == [20042005]
    members: dict[str, set[str]] = clean["members"]
    for season in [*OLD_SEASONS, 20242025]:
        teams = [ts for ts in members if ts.endswith(str(season))]
        assert len(teams) == len(derived.season_team_ids(season)), season
        assert all(members[ts] for ts in teams), season
    # Historical tricodes land on the graph's (Databank) team-season codes.
    assert {"MTW-19171918", "OTS-19171918", "TOA-19171918", "MTL-19171918"} <= set(members)
    assert all(p.isdigit() for ps in members.values() for p in ps)  # merged by NHL id


def test_sync_has_the_team_seasons_of_the_file_import(
    clean: dict[str, Any], loaded_neo4j: Neo4jEndpoint
) -> None:
    """Same team-seasons as the full file import (read-only graph), with about as many players
    each (the statsapi rosters and the Databank differ by a player here and there)."""
    files = asyncio.run(team_season_members(settings_on(loaded_neo4j), SEASONS))
    assert set(files) == set(clean["members"])
    for ts, players in files.items():
        assert abs(len(players) - len(clean["members"][ts])) <= 3, ts


@pytest.mark.timeout(1800)  # a full file import, then a sync on top: slow on a busy machine
def test_sync_over_a_file_import_adds_no_known_person(
    scratch_loader_neo4j: Neo4jEndpoint, shared_data: Path, derived: DerivedResponses,
    tmp_path: Path,
) -> None:  # fmt: skip
    """Over a file import, the sync creates no second person: every person it adds is one no
    source file knows by NHL id (pre-2009 people need the identity links for that), and every
    TEAMMATE_OF pair of the file import is kept."""
    with ReplayServer(shared_data / "nhl-api", derived=derived) as server:
        settings = live_settings(scratch_loader_neo4j, server, tmp_path / "cache")
        asyncio.run(wipe_graph(settings))
        asyncio.run(import_files(settings, shared_data))
        before = asyncio.run(player_ids(settings))
        pairs_before = {s: asyncio.run(teammate_pairs(settings, s)) for s in PAIR_SEASONS}
        report = run_sync(settings)
        after = asyncio.run(player_ids(settings))
        pairs_after = {s: asyncio.run(teammate_pairs(settings, s)) for s in PAIR_SEASONS}
    known = nhl_ids_in_files(shared_data) if identity_links(before) else modern_ids(shared_data)
    assert not (after - before) & known
    for season in PAIR_SEASONS if identity_links(before) else [20242025]:
        assert pairs_before[season] <= pairs_after[season], season
    # Where the sources disagree (the recorded roster lists players who never played), the
    # report names the team-season.
    assert any(d.team_season.endswith("20242025") and d.only_api for d in report.disagreements)


def _ids(path: Path, column: str) -> set[str]:
    with gzip.open(path, "rt") as handle:
        return {r[column] for r in csv.DictReader(handle)}


def modern_ids(shared_data: Path) -> set[str]:
    return _ids(shared_data / "modern/nhl_players_2009_2026.csv.gz", "player_id")


def nhl_ids_in_files(shared_data: Path) -> set[str]:
    statsapi = shared_data / "nhl-statsapi/nhl_players_statsapi_2021-11-12.csv.gz"
    return modern_ids(shared_data) | _ids(statsapi, "player_id")


def identity_links(players: set[str]) -> bool:
    """Whether the file import keys pre-2009 people by NHL id (Gretzky, 8447400)."""
    return "8447400" in players


async def teammate_pairs(settings: Settings, season: int) -> set[tuple[str, str]]:
    members = await team_season_members(settings, [season])
    ids = sorted(set().union(*members.values()))
    rows = await read(settings, "load/dump_player_relationships", ids=ids)
    return {
        (start, end)
        for row in rows
        for start, (kind, end, props) in ((row["start"], rel) for rel in row["rels"])
        if kind == "TEAMMATE_OF" and season in props["seasons"]
    }


def test_sync_with_injected_faults_ends_with_the_clean_graph(
    clean: dict[str, Any], scratch_loader_neo4j: Neo4jEndpoint, shared_data: Path,
    derived: DerivedResponses, tmp_path: Path,
) -> None:  # fmt: skip
    plan = FaultPlan(every=9, repeat=1, retry_after_s=1, slow_s=2.5)
    with ReplayServer(shared_data / "nhl-api", plan, derived) as server:
        settings = live_settings(scratch_loader_neo4j, server, tmp_path / "cache")
        asyncio.run(wipe_graph(settings))
        run_sync(settings)
        injected = dict(server.state.injected)
    assert set(injected) == set(FAULT_KINDS)
    assert asyncio.run(digest(settings)) == clean["digest"]
