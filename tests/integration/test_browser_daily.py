"""Two people play the day's puzzle, each in their own headless Chromium context (their own
anonymous id and localStorage), against a real uvicorn with two workers on the loaded graph
and a real Redis, and each sees the other counted in the day's statistics.

The chains come from the graph through the API (two different shortest chains of the day's
pair), never from a list in the test. The server gets a Redis key prefix of its own, so the
day's counts start at zero whatever Redis the run shares.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from graph_api.runtime.providers import Neo4jEndpoint, RedisEndpoint
from tests.integration.browser_harness import (  # noqa: F401 - the fixtures
    PHONE,
    LiveServer,
    browser_fixture,
    new_page,
    playwright_fixture,
    screenshot,
)
from tests.integration.test_browser_audit import assert_no_violations
from tests.integration.test_browser_battle import api, findable, player_links
from tests.integration.test_browser_player_pages import real_errors, without_headshots

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", name="live_server")
def daily_live_server(
    loaded_neo4j: Neo4jEndpoint,
    redis_endpoint: RedisEndpoint,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[LiveServer]:
    """The harness's server, with a daily-puzzle Redis prefix of its own."""
    log = tmp_path_factory.mktemp("uvicorn-daily") / "server.log"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DAILY_REDIS_PREFIX", f"puckpath:daily-browser:{uuid.uuid4().hex[:8]}:")
        server = LiveServer(loaded_neo4j, redis_endpoint, log)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def two_chains(server: LiveServer, puzzle: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """Two different shortest chains whose players the page's autocomplete can find."""
    every = api(server, "/paths/all", **{"from": puzzle["from"]["id"], "to": puzzle["to"]["id"]})
    usable = [
        path["players"]
        for path in every["paths"][:30]
        if all(findable(server, player) for player in path["players"][1:-1])
    ]
    assert len(usable) >= 2, "the day's pair needs two findable shortest chains"
    return [usable[0], usable[-1]]


def build_and_send(page: Page, chain: list[dict[str, Any]]) -> None:
    for player in chain[1:-1]:
        page.fill("#daily-input", player["name"])
        page.click(f"#daily-input + .listbox .option[data-player-id='{player['id']}']")
    expect(page.locator(".daily-chain li")).to_have_count(len(chain))
    page.click("#daily-send")


def test_two_players_solve_the_daily_puzzle_and_see_each_other_counted(
    browser: Browser, live_server: LiveServer
) -> None:
    puzzle = api(live_server, "/challenges/daily")
    ann_chain, bob_chain = two_chains(live_server, puzzle)
    ann = new_page(browser)
    bob = new_page(browser, PHONE)
    ann.context.grant_permissions(["clipboard-read", "clipboard-write"])
    server_errors: list[str] = []  # named in a failure: which request a console error was
    for page in (ann, bob):
        page.on(
            "response",
            lambda r: server_errors.append(f"{r.status} {r.url}") if r.status >= 500 else None,
        )

    ann.goto(f"{live_server.url}/?view=daily")
    expect(ann.locator("#daily-pair")).to_have_text(
        f"{puzzle['from']['name']} to {puzzle['to']['name']}"
    )
    expect(ann.locator(".tab[data-tab=daily]")).to_have_attribute("aria-current", "page")
    # A wrong chain first (start to target directly): the bad hop is named, an attempt is gone.
    ann.click("#daily-send")
    expect(ann.locator("#daily-verdict")).to_contain_text("hop 1 is not a teammate link")
    expect(ann.locator("#daily-verdict")).to_contain_text(puzzle["to"]["name"])
    expect(ann.locator("#daily-attempts")).to_contain_text("1 attempt used")
    expect(ann.locator("#daily-result")).to_be_hidden()

    build_and_send(ann, ann_chain)
    expect(ann.locator("#daily-result-title")).to_contain_text("par!")
    expect(ann.locator("#daily-solved")).to_have_text("1 player solved it, of 1 who tried.")
    share = ann.locator("#daily-share-text").inner_text()
    hops = len(ann_chain) - 1
    assert share.splitlines()[1:3] == ["🟥", "🟩" * hops], share
    assert f"{hops} links (par)" in share
    for player in ann_chain:
        assert player["name"] not in share  # no spoilers
    ann.click("#daily-copy")
    expect(ann.locator("#daily-copy-note")).to_have_text("Copied.")
    assert ann.evaluate("navigator.clipboard.readText()") == share
    expect(ann.locator("#daily-streak")).to_have_text("Streak: 1 day in a row.")
    expect(ann.locator("#daily-yesterday")).to_contain_text("Yesterday:")
    expect(ann.locator("#daily-yesterday .path-list li").first).to_contain_text(" → ")
    # Every player named in the answer links to his page: her chain, its links, yesterday's.
    named = [(p["id"], p["name"]) for p in ann_chain]
    assert player_links(ann, "#daily-result .meta") == named
    assert player_links(ann, ".daily-links li") == named[:2]
    yesterday = player_links(ann, "#daily-yesterday .path-list li")
    assert len(yesterday) >= 4, yesterday
    assert all(player_id for player_id, _ in yesterday), yesterday
    assert (
        " → ".join(name for _, name in yesterday)
        == ann.locator("#daily-yesterday .path-list li").first.inner_text()
    )
    assert_no_violations(ann, "daily result")

    # Bob, in his own browser, solves it with another chain and sees both solvers.
    bob.goto(f"{live_server.url}/?view=daily")
    build_and_send(bob, bob_chain)
    expect(bob.locator("#daily-solved")).to_have_text("2 players solved it, of 2 who tried.")
    shared = {frozenset(hop) for hop in itertools.pairwise(p["id"] for p in ann_chain)}
    for index, hop in enumerate(itertools.pairwise(p["id"] for p in bob_chain)):
        share_of = "100%" if frozenset(hop) in shared else "50%"
        expect(bob.locator(".daily-links li").nth(index)).to_contain_text(share_of)
    screenshot(bob, "daily-result-phone")

    # Ann refreshes her statistics and sees Bob counted; after a reload her day is still over.
    ann.click("#daily-refresh")
    expect(ann.locator("#daily-solved")).to_have_text("2 players solved it, of 2 who tried.")
    ann.reload()
    expect(ann.locator("#daily-solved")).to_have_attribute("data-solved", "2")
    expect(ann.locator("#daily-send")).to_be_disabled()
    expect(ann.locator("#daily-streak")).to_have_text("Streak: 1 day in a row.")
    expect(ann.locator("#daily-yesterday")).to_be_visible()
    screenshot(ann, "daily-result")

    # Bob follows a link of his answer to that player's page.
    middle = bob_chain[1]
    without_headshots(bob)
    bob.locator("#daily-result .meta").first.locator(f"a[href='/?player={middle['id']}']").click()
    expect(bob.locator("#player-title")).to_have_text(middle["name"])
    assert bob.url.endswith(f"/?player={middle['id']}")
    assert ann.js_errors == [], server_errors  # type: ignore[attr-defined]
    assert real_errors(bob) == [], server_errors
