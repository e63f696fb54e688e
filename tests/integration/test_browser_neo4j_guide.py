"""Neo4j Browser, as a person meets it: served by the project-managed Neo4j (its HTTP port),
connected in Chromium, it plays the API's guide of the saved queries (``GET /browser/guide``,
run by ``browser.post_connect_cmd``) instead of showing an empty editor; a click on a frame
puts the saved query into the editor."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from browser_harness import (
    LiveServer,
    browser_fixture,
    new_page,
    playwright_fixture,
    screenshot,
)
from playwright.sync_api import Browser, expect
from pydantic import SecretStr

from graph_api.graph.catalog import QueryCatalog
from graph_api.runtime.providers import Neo4jEndpoint, RedisEndpoint, free_port, provide_neo4j
from graph_api.settings import ApiSettings, Neo4jSettings
from tests.conftest import TEST_PASSWORD, base_settings

__all__ = ["browser_fixture", "playwright_fixture"]


@pytest.fixture(scope="module")
def api(
    loaded_neo4j: Neo4jEndpoint,
    redis_endpoint: RedisEndpoint,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[LiveServer]:
    server = LiveServer(loaded_neo4j, redis_endpoint, tmp_path_factory.mktemp("api") / "api.log")
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def neo4j_with_guide(
    api: LiveServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Neo4jEndpoint, int]]:
    """The project-managed Neo4j, configured as ``puckpath serve`` configures it for an API
    on ``api.port``."""
    http_port = free_port()
    settings = base_settings(
        neo4j=Neo4jSettings(password=SecretStr(TEST_PASSWORD)),
        api=ApiSettings(port=api.port),
    )
    home = tmp_path_factory.mktemp("neo4j-browser-guide")
    with provide_neo4j(settings, home=home, bolt_port=free_port(), http_port=http_port) as ep:
        yield ep, http_port


def test_the_guide_is_made_from_the_saved_queries(api: LiveServer) -> None:
    response = httpx.get(f"{api.url}/browser/guide", timeout=10)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    html = response.text
    catalog = QueryCatalog.load()
    for name in catalog.under("browser"):
        assert f"cypher/{name}.cypher" in html
    assert html.count('<slide class="row-fluid">') == len(catalog.under("browser")) + 1
    assert '<pre class="runnable">:param player =&gt; &#x27;Wayne Gretzky&#x27;</pre>' in html
    # Browser's request carries Pragma and Cache-Control: the preflight must allow them.
    preflight = httpx.options(
        f"{api.url}/browser/guide",
        headers={
            "Origin": "http://127.0.0.1:7474",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "pragma,cache-control",
        },
        timeout=10,
    )
    assert preflight.status_code == 204
    allowed = preflight.headers["access-control-allow-headers"].lower()
    assert {"pragma", "cache-control"} <= {h.strip() for h in allowed.split(",")}


def test_browser_plays_the_guide_on_connect(
    neo4j_with_guide: tuple[Neo4jEndpoint, int], api: LiveServer, browser: Browser
) -> None:
    endpoint, http_port = neo4j_with_guide
    page = new_page(browser, {"width": 1400, "height": 1000})
    try:
        # Browser asks for resources outside this machine that never load: no "load" event.
        dbms = endpoint.uri.replace("bolt://", "bolt://neo4j@")
        page.goto(
            f"http://127.0.0.1:{http_port}/browser/?dbms={dbms}",
            wait_until="domcontentloaded",
            timeout=60_000,
        )
        password = page.locator("input[type=password]").first
        expect(password).to_be_visible(timeout=60_000)
        password.fill(endpoint.password)
        page.get_by_test_id("connect").click()
        # The guide's first slide, played by browser.post_connect_cmd.
        expect(page.get_by_text("The NHL teammate graph").first).to_be_visible(timeout=120_000)
        screenshot(page, "neo4j-browser-guide")
        # The next slide (graph_overview): Browser made its frame runnable (a play icon) and
        # takes a click on it.
        page.get_by_test_id("nextSlide").first.click()
        frame = page.locator("pre.runnable", has_text="MATCH (d:Dataset").first
        expect(frame).to_be_visible()
        expect(frame.locator("i.fa-play-circle-o")).to_have_count(1)
        frame.click()
        expect(frame).to_have_class(re.compile(r"\bclicked\b"))
        screenshot(page, "neo4j-browser-guide-frame")
    except Exception:
        screenshot(page, "neo4j-browser-guide-failed")
        raise
    finally:
        page.context.close()
