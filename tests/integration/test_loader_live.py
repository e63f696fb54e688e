"""The live path end to end against a local server replaying the recorded NHL API JSON:
a run with injected faults ends with exactly the graph of a clean run and reports what it
retried; a second run fetches only games not loaded yet; an offline run replays the cache."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from graph_api.runtime.providers import Neo4jEndpoint
from graph_api.settings import Settings
from loader.importer import LoadReport, open_repo
from loader.live.client import NhlClient
from loader.live.fetch import fetch_season
from loader.status import wipe_graph
from tests.integration.loader_helpers import counts, digest, settings_on
from tests.replay_server import FAULT_KINDS, FaultPlan, ReplayServer

SEASON = 20242025
RECORDED_BOXSCORE = "/v1/gamecenter/2024020600/boxscore"


def live_settings(endpoint: Neo4jEndpoint, server: ReplayServer, cache: Path) -> Settings:
    return settings_on(
        endpoint,
        api_web_url=server.web_url,
        stats_api_url=server.stats_url,
        api_cache_dir=cache,
        rate_limit_per_s=500.0,
        http_concurrency=8,
        http_timeout_s=1.0,
        backoff_initial_s=0.02,
        backoff_max_s=0.2,
        max_attempts=4,
        refresh_interval_s=0.0,
    )


def fetch(settings: Settings, offline: bool = False) -> tuple[LoadReport, NhlClient]:
    return asyncio.run(fetch_season(settings, SEASON, offline=offline))


@pytest.fixture(scope="module")
def clean(
    scratch_loader_neo4j: Neo4jEndpoint, shared_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """One fault-free run into an empty graph: its digest, counts and report."""
    cache = tmp_path_factory.mktemp("nhl-cache-clean")
    with ReplayServer(shared_data / "nhl-api") as server:
        settings = live_settings(scratch_loader_neo4j, server, cache)
        asyncio.run(wipe_graph(settings))
        report, client = fetch(settings)
    return {
        "digest": asyncio.run(digest(settings)),
        "counts": asyncio.run(counts(settings)),
        "report": report,
        "retries": client.log.retries,
        "cache": cache,
        "settings": settings,
    }


def test_clean_run_loads_the_recorded_season(clean: dict[str, Any], shared_data: Path) -> None:
    graph = clean["counts"]
    assert graph["TeamSeason"] == 32
    assert graph["PLAYED_IN"] == 40  # the one recorded boxscore of 2024-25
    assert graph["Game"] >= 965  # finished games of the recorded schedule weeks
    assert graph["TEAMMATE_OF"] > 0
    assert graph["Dataset"] == 1
    # Boxscores that were never recorded are reported with their URL, and skipped.
    assert any("/gamecenter/" in p.where and "404" in p.message for p in clean["report"].problems)


async def test_a_fetch_keeps_strengths_and_centres(clean: dict[str, Any]) -> None:
    """``loader fetch`` rederives TEAMMATE_OF with its strength and reruns the centrality
    phase, so a graph built by fetches alone has both."""
    repo = open_repo(clean["settings"])
    try:
        best = await repo.read("read/centres", limit=2)
        assert best[0]["centre_rank"] == 1  # ties share a rank, so the second may be 1 too
        assert best[1]["centre_rank"] >= 1
        assert all(row["average_distance"] >= 1 for row in best)
        a, b = (row["player"]["id"] for row in best)
        (row,) = await repo.read("read/strongest_of_shortest_paths", from_id=a, to_id=b, cap=10)
    finally:
        await repo.close()
    assert row["links"]
    assert all(isinstance(link["strength"], int) for link in row["links"])
    assert all(isinstance(link["strength_estimated"], bool) for link in row["links"])


def test_faulty_run_ends_with_the_graph_of_a_clean_run(
    clean: dict[str, Any],
    scratch_loader_neo4j: Neo4jEndpoint,
    shared_data: Path,
    tmp_path: Path,
) -> None:
    plan = FaultPlan(every=6, repeat=1, retry_after_s=1, slow_s=2.5)
    with ReplayServer(shared_data / "nhl-api", plan) as server:
        settings = live_settings(scratch_loader_neo4j, server, tmp_path / "cache")
        asyncio.run(wipe_graph(settings))
        _, client = fetch(settings)
        injected = dict(server.state.injected)
    assert set(injected) == set(FAULT_KINDS)
    # Every injected fault was retried (a busy machine may add a timeout of its own).
    assert len(client.log.retries) >= sum(injected.values())
    for kind, words in (("429", "HTTP 429"), ("503", "HTTP 503"), ("slow", "timeout"),
                        ("drop", "dropped connection"), ("truncate", "truncated")):  # fmt: skip
        assert any(words in retry for retry in client.log.retries), kind
    assert asyncio.run(digest(settings)) == clean["digest"]


def test_second_run_fetches_only_games_not_loaded(
    clean: dict[str, Any], scratch_loader_neo4j: Neo4jEndpoint, shared_data: Path, tmp_path: Path
) -> None:
    with ReplayServer(shared_data / "nhl-api") as server:
        settings = live_settings(scratch_loader_neo4j, server, tmp_path / "cache")
        asyncio.run(wipe_graph(settings))
        fetch(settings)
        assert server.state.attempts[RECORDED_BOXSCORE] == 1
        report, _ = fetch(settings)
        assert server.state.attempts[RECORDED_BOXSCORE] == 1
    assert report.dataset["changed"] is False
    assert asyncio.run(digest(settings)) == clean["digest"]


def test_offline_run_replays_the_cache(
    clean: dict[str, Any], scratch_loader_neo4j: Neo4jEndpoint, shared_data: Path
) -> None:
    with ReplayServer(shared_data / "nhl-api") as server:
        settings = live_settings(scratch_loader_neo4j, server, clean["cache"])
        asyncio.run(wipe_graph(settings))
        fetch(settings, offline=True)
        assert server.state.requests == 0
    assert asyncio.run(digest(settings)) == clean["digest"]


def roster_only(shared_data: Path) -> list[tuple[str, str]]:
    """(player, team) on a recorded 2024-25 roster but in no 2024-25 game of the files."""
    import csv
    import gzip
    import json

    with gzip.open(
        shared_data / "modern" / "nhl_game_appearances_2009_2026.csv.gz", "rt", newline=""
    ) as handle:
        played = {
            (r["player_id"], r["team_abbrev"])
            for r in csv.DictReader(handle)
            if r["season"] == str(SEASON)
        }
    found = []
    for file in sorted((shared_data / "nhl-api" / "roster" / "coreyjs_2025-01").glob("*.json")):
        team = file.stem.split("_")[1]
        roster = json.loads(file.read_text())
        for group in ("forwards", "defensemen", "goalies"):
            found += [
                (str(p["id"]), team) for p in roster[group] if (str(p["id"]), team) not in played
            ]
    return found


def test_file_import_after_a_fetch_keeps_the_api_memberships(
    scratch_loader_neo4j: Neo4jEndpoint, shared_data: Path, tmp_path: Path
) -> None:
    from loader.importer import import_files
    from tests.integration.loader_helpers import read

    with ReplayServer(shared_data / "nhl-api") as server:
        settings = live_settings(scratch_loader_neo4j, server, tmp_path / "cache")
        asyncio.run(wipe_graph(settings))
        fetch(settings)
    asyncio.run(import_files(settings, shared_data))
    only_api = roster_only(shared_data)
    assert only_api
    for player, team in only_api:
        ts = f"{team}-{SEASON}"
        rows = asyncio.run(read(settings, "load/read_memberships", team_seasons=[ts]))
        members = {r["player"] for r in rows if r["team_season"] == ts}
        assert player in members
        rels = asyncio.run(read(settings, "load/dump_player_relationships", ids=sorted(members)))
        mates = {
            end if start == player else start
            for row in rels
            for start, (kind, end, props) in ((row["start"], rel) for rel in row["rels"])
            if kind == "TEAMMATE_OF" and player in (start, end) and ts in props["team_seasons"]
        }
        assert mates == members - {player}, (player, team)
