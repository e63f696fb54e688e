"""The background history sync of ``puckpath serve``: the API answers while it runs, and
/stats/graph shows its progress ("loading history: N of M seasons")."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx

from graph_api.app import create_app
from graph_api.runtime.providers import Neo4jEndpoint, RedisEndpoint
from graph_api.settings import RedisSettings, Settings
from loader.live.background import start_history_sync
from loader.status import wipe_graph
from tests.integration.test_loader_live import live_settings
from tests.replay_derived import DerivedResponses
from tests.replay_server import ReplayServer

SEASONS = [19171918, 19181919, 19191920]
BILLY_BELL = "8445044"  # Montreal Canadiens 1917-18 (statsapi roster)


async def graph_stats(settings: Settings) -> dict[str, object]:
    app = create_app(settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://t") as client,
    ):
        response = await client.get("/stats/graph", params={"hub": BILLY_BELL})
        assert response.status_code == 200, response.text
        return dict(response.json()["dataset"])


def test_background_sync_reports_its_progress(
    scratch_loader_neo4j: Neo4jEndpoint,
    redis_endpoint: RedisEndpoint,
    shared_data: Path,
    tmp_path: Path,
) -> None:
    with ReplayServer(shared_data / "nhl-api", derived=DerivedResponses(shared_data)) as server:
        settings = live_settings(scratch_loader_neo4j, server, tmp_path / "cache").model_copy(
            update={"redis": RedisSettings(url=redis_endpoint.url)}
        )
        asyncio.run(wipe_graph(settings))
        thread = start_history_sync(settings, SEASONS)
        thread.join(timeout=300)
        assert not thread.is_alive()
    dataset = asyncio.run(graph_stats(settings))
    assert dataset["history_seasons_done"] == dataset["history_seasons_total"] == len(SEASONS)
    assert dataset["version"] is not None
