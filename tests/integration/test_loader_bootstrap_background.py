"""``puckpath serve`` with no data folder, no snapshot and a reachable NHL API (replayed):
the bootstrap asks the API one question and returns, the API serves at once, the history
sync runs in the background newest season first, ``/ready`` stays 200, and ``/stats/graph``
and the page (in Chromium) show "loading history: N of M seasons" until it is done."""

from __future__ import annotations

import asyncio
import io
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from playwright.sync_api import Browser
from rich.console import Console

from graph_api.runtime.providers import Neo4jEndpoint, RedisEndpoint
from graph_api.settings import RedisSettings
from loader.bootstrap import ensure_loaded
from loader.status import wipe_graph
from tests.integration.browser_harness import (  # noqa: F401 - the fixtures
    LiveServer,
    browser_fixture,
    new_page,
    playwright_fixture,
)
from tests.integration.test_loader_live import live_settings
from tests.replay_derived import DerivedResponses
from tests.replay_server import ReplayServer

pytestmark = pytest.mark.browser

SEASONS = [19171918, 19181919, 19191920]
# Slow enough (about 40 requests) that the page is seen while the history still loads.
RATE_PER_S = 1.5
FOOTER = "#as-of"
T = TypeVar("T")


def off_the_browser_loop(call: Callable[[], T]) -> T:
    """Run ``call`` in another thread: Playwright's sync API keeps an event loop running in
    this one, and the loader's functions start their own with ``asyncio.run``."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(call).result()


def stats(server: LiveServer) -> dict[str, Any]:
    # No hub: the default one (Jagr) is not in these seasons, and the page asks without one.
    response = httpx.get(f"{server.url}/stats/graph", timeout=30)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_serve_loads_history_in_the_background(
    scratch_loader_neo4j: Neo4jEndpoint,
    redis_endpoint: RedisEndpoint,
    shared_data: Path,
    tmp_path: Path,
    browser: Browser,
) -> None:
    with ReplayServer(shared_data / "nhl-api", derived=DerivedResponses(shared_data)) as replay:
        settings = live_settings(scratch_loader_neo4j, replay, tmp_path / "cache").model_copy(
            update={"redis": RedisSettings(url=redis_endpoint.url)}
        )
        settings = settings.model_copy(
            update={"loader": settings.loader.model_copy(update={"rate_limit_per_s": RATE_PER_S})}
        )
        off_the_browser_loop(lambda: asyncio.run(wipe_graph(settings)))
        server = LiveServer(scratch_loader_neo4j, redis_endpoint, tmp_path / "server.log")
        try:
            server.wait_ready()
            out = io.StringIO()
            started = time.monotonic()
            screen = Console(file=out, width=200)
            thread = off_the_browser_loop(
                lambda: ensure_loaded(settings, screen, tmp_path / "no-snapshot", SEASONS)
            )
            returned_after = time.monotonic() - started
            assert isinstance(thread, threading.Thread)
            assert thread.is_alive(), "the history sync should still be running"
            assert returned_after < 15, returned_after
            text = " ".join(out.getvalue().split())
            assert "Serving at once; loading 3 season(s) from the NHL API in the background" in text

            seen: list[tuple[int, int, int]] = []  # (done, total, players)
            page_texts: list[str] = []
            page = new_page(browser)
            while thread.is_alive():
                assert httpx.get(f"{server.url}/ready", timeout=10).status_code == 200
                found = stats(server)
                dataset = found["dataset"]
                if dataset.get("history_seasons_total"):
                    seen.append(
                        (
                            dataset["history_seasons_done"],
                            dataset["history_seasons_total"],
                            found["players"],
                        )
                    )
                    if dataset["history_seasons_done"] < 3 and not page_texts:
                        page.goto(server.url)
                        page.wait_for_function(
                            f"document.querySelector('{FOOTER}').textContent.includes('seasons')",
                            timeout=45_000,  # the footer asks again every 15 s while loading
                        )
                        page_texts.append(page.locator(FOOTER).inner_text())
                time.sleep(0.5)
            thread.join()
            # A worker trusts its data version for PATHS_VERSION_TTL_S (2 s): the counts of
            # the last season's version arrive within that.
            deadline = time.monotonic() + 10
            final = stats(server)
            while final["first_season"] != SEASONS[0] and time.monotonic() < deadline:
                time.sleep(0.5)
                final = stats(server)
            page.goto(server.url)
            page.wait_for_function(
                f"document.querySelector('{FOOTER}').textContent.includes('players')"
            )
            final_footer = page.locator(FOOTER).inner_text()
            page.context.close()
        finally:
            server.stop()

    assert any(done < total for done, total, _ in seen), seen
    assert any(0 < done < total and players > 0 for done, total, players in seen), seen
    assert [done for done, _, _ in seen] == sorted(done for done, _, _ in seen)
    assert page_texts, "the page was never seen while the history loaded"
    assert "loading history:" in page_texts[0], page_texts
    assert " of 3 seasons" in page_texts[0]
    dataset = final["dataset"]
    assert dataset["history_seasons_done"] == dataset["history_seasons_total"] == 3
    assert final["players"] > 0
    assert final["first_season"] == SEASONS[0]
    assert final["hub"] is None
    assert final["distances"] == []
    assert "loading history" not in final_footer
