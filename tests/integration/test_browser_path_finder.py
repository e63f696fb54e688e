"""The path finder in a real headless Chromium against a real uvicorn on the loaded graph.

Every expectation comes from the API itself (the same server), so the page is checked for
showing what the service answers: the chain of players, the evidence on every link, the
next path, all shortest paths, constraints and a shareable URL.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.integration.browser_harness import (  # noqa: F401 - the fixtures
    PHONE,
    LiveServer,
    browser_fixture,
    live_server_fixture,
    new_page,
    playwright_fixture,
    screenshot,
)

pytestmark = pytest.mark.browser

GRETZKY, GRETZKY_DATABANK_ID = "8447400", "gretzwa01"
MCDAVID = "8478402"
ATTRIBUTION = (
    "The information used herein was obtained free of charge from and is copyrighted by the "
    "Hockey Databank project."
)


def api(server: LiveServer, path: str, **params: Any) -> Any:
    response = httpx.get(f"{server.url}{path}", params=params, timeout=30)
    response.raise_for_status()
    return response.json()


def stats_with_retries(server: LiveServer, attempts: int = 4) -> Any:
    """/stats/graph walks the whole graph on a cold worker and may time out (503) under load."""
    for _ in range(attempts - 1):
        try:
            return api(server, "/stats/graph")
        except httpx.HTTPStatusError as exc:
            if exc.response.status_code != 503:
                raise
    return api(server, "/stats/graph")


def pick(page: Page, input_id: str, query: str, player_id: str) -> None:
    """Type into an autocomplete box and choose the suggestion for ``player_id``."""
    page.fill(f"#{input_id}", query)
    page.click(f"#{input_id} + .listbox .option[data-player-id='{player_id}']")


def shown_names(page: Page) -> list[str]:
    return page.locator("#chain .player-card .player-name").all_text_contents()


def expect_path(page: Page, path: dict[str, Any]) -> None:
    """The chain shows the path's players in order and every hop's evidence."""
    expect(page.locator("#chain .player-card")).to_have_count(len(path["players"]))
    assert shown_names(page) == [player["name"] for player in path["players"]]
    links = page.locator("#chain .link")
    expect(links).to_have_count(len(path["hops"]))
    for index, hop in enumerate(path["hops"]):
        text = links.nth(index).inner_text()
        for team_season in hop["team_seasons"]:
            assert team_season["name"] in text
        if hop["games_together"] is not None:
            assert f"{hop['games_together']} game" in text
        else:
            assert "season" in text


def test_pick_two_players_see_the_path_then_another(
    browser: Browser,
    live_server: LiveServer,
) -> None:
    page = new_page(browser)
    page.goto(f"{live_server.url}/")
    pick(page, "from-input", "gretzky", GRETZKY)
    pick(page, "to-input", "mcdavid", MCDAVID)
    page.click("#find")
    shortest = api(live_server, "/paths/shortest", **{"from": GRETZKY, "to": MCDAVID})
    expect(page.locator("#result-title")).to_contain_text(f"{shortest['length']} links")
    expect_path(page, shortest["path"])
    assert f"from={GRETZKY}" in page.url
    assert f"to={MCDAVID}" in page.url
    screenshot(page, "path-finder")

    page.click("#another")
    page.wait_for_url("**path=2**")
    second = api(live_server, "/paths/k", **{"from": GRETZKY, "to": MCDAVID, "k": 2})["paths"][1]
    expect(page.locator("#chain .player-card .player-name").nth(1)).to_have_text(
        second["players"][1]["name"]
    )
    expect_path(page, second)
    assert shown_names(page) != [p["name"] for p in shortest["path"]["players"]]

    # The URL is the query: another person's browser (a phone) opening it sees the same path.
    phone = new_page(browser, PHONE)
    phone.goto(page.url)
    expect(phone.locator("#chain .player-card")).to_have_count(len(second["players"]))
    expect_path(phone, second)
    screenshot(phone, "path-finder-phone")

    page.click("#all-paths")
    every = api(live_server, "/paths/all", **{"from": GRETZKY, "to": MCDAVID, "limit": 25})
    expect(page.locator("#alternatives-title")).to_contain_text(
        f"{every['total_paths']} shortest paths"
    )
    expect(page.locator("#alternative-list li")).to_have_count(every["returned"])
    first_listed = page.locator("#alternative-list li").first.inner_text()
    assert first_listed.split("→")[1].strip() == every["paths"][0]["players"][1]["name"]
    assert "view=all" in page.url
    screenshot(page, "path-finder-all-shortest")
    assert page.js_errors == []  # type: ignore[attr-defined]
    assert phone.js_errors == []  # type: ignore[attr-defined]


def test_constraints_change_the_path_and_stay_in_the_url(
    browser: Browser,
    live_server: LiveServer,
) -> None:
    shortest = api(live_server, "/paths/shortest", **{"from": GRETZKY, "to": MCDAVID})
    middle = shortest["path"]["players"][1]
    page = new_page(browser)
    page.goto(f"{live_server.url}/")
    pick(page, "from-input", "gretzky", GRETZKY)
    pick(page, "to-input", "mcdavid", MCDAVID)
    page.click("#constraints summary")
    page.fill("#from-season", "1990")
    pick(page, "exclude-input", middle["name"], middle["id"])
    expect(page.locator("#exclude-chips li")).to_have_count(1)
    page.click("#find")
    constrained = api(
        live_server,
        "/paths/shortest",
        **{"from": GRETZKY, "to": MCDAVID, "from_season": 19901991, "exclude": middle["id"]},
    )
    expect(page.locator("#result-meta")).to_contain_text(f"excluding {middle['name']}")
    expect_path(page, constrained["path"])
    assert middle["name"] not in shown_names(page)
    assert f"exclude={middle['id']}" in page.url
    assert "from_season=19901991" in page.url
    # Reloading the shared URL restores the constraints and the answer.
    page.reload()
    expect(page.locator("#exclude-chips li")).to_have_text([f"{middle['name']}×"])
    expect(page.locator("#from-season")).to_have_value("1990")
    expect_path(page, constrained["path"])
    assert page.js_errors == []  # type: ignore[attr-defined]


def test_footer_shows_attribution_and_data_as_of(
    browser: Browser,
    live_server: LiveServer,
) -> None:
    stats = stats_with_retries(live_server)
    for url in ("/", "/?view=battle"):
        page = new_page(browser, PHONE)
        page.goto(f"{live_server.url}{url}")
        expect(page.locator(".attribution")).to_contain_text(ATTRIBUTION)
        # /stats/graph is slow on a worker whose cache is cold: give it time.
        expect(page.locator("#as-of")).to_contain_text(
            f"Data as of {stats['dataset']['data_as_of']}", timeout=30_000
        )


def test_no_path_within_the_constraints_says_why(
    browser: Browser,
    live_server: LiveServer,
) -> None:
    params = {"from": GRETZKY, "to": MCDAVID, "min_games": 500}
    answer = api(live_server, "/paths/shortest", **params)
    assert answer["path"] is None
    page = new_page(browser)
    page.goto(f"{live_server.url}/?from={GRETZKY}&to={MCDAVID}&min_games=500")
    expect(page.locator("#path-status")).to_contain_text("Try loosening the constraints")
    expect(page.locator("#path-status")).to_have_class("status error")
    expect(page.locator("#path-result")).to_be_hidden()
    expect(page.locator("#constraint-count")).to_have_text("1")


def test_an_old_link_with_a_databank_id_shows_the_path_under_canonical_ids(
    browser: Browser,
    live_server: LiveServer,
) -> None:
    shortest = api(live_server, "/paths/shortest", **{"from": GRETZKY, "to": MCDAVID})
    assert shortest["length"] == 3
    page = new_page(browser)
    page.goto(f"{live_server.url}/?from={GRETZKY_DATABANK_ID}&to={MCDAVID}")
    expect_path(page, shortest["path"])
    page.wait_for_url(f"**from={GRETZKY}**")
    assert f"to={MCDAVID}" in page.url
    assert GRETZKY_DATABANK_ID not in page.url
