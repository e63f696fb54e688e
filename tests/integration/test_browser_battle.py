"""Two people play a chain battle to the end, each in their own headless Chromium context.

The server is a real uvicorn with two workers on the loaded graph and a real Redis, so the
two browsers may talk to different workers. The answers come from the graph through the
API (a real teammate of the player to connect to; a player whose career never overlapped
his), never from a list in the test.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.integration.browser_harness import (  # noqa: F401 - the fixtures
    PHONE,
    LiveServer,
    browser_fixture,
    live_server_fixture,
    new_page,
    playwright_fixture,
    screenshot,
)
from tests.integration.test_browser_audit import assert_no_violations
from tests.integration.test_browser_player_pages import real_errors, without_headshots

pytestmark = pytest.mark.browser

# The page's autocomplete shows this many suggestions (graph_api/static/js/players.js).
SUGGESTIONS = 8
# Candidates for a wrong answer: one of them never played in the same era as any player.
ERA_APART = ("orrbo01", "8478402")  # Bobby Orr (1966-79), Connor McDavid (2015-)


def api(server: LiveServer, path: str, **params: Any) -> Any:
    response = httpx.get(f"{server.url}{path}", params=params, timeout=30)
    response.raise_for_status()
    return response.json()


def room_state(server: LiveServer, code: str) -> dict[str, Any]:
    state: dict[str, Any] = api(server, f"/battles/{code}")
    return state


def answer(page: Page, player: dict[str, Any]) -> None:
    """Type the player's name in the answer box, choose him by id, and send."""
    page.fill("#guess-input", player["name"])
    page.click(f"#guess-input + .listbox .option[data-player-id='{player['id']}']")
    page.click("#guess-submit")


def player_links(page: Page, selector: str) -> list[tuple[str, str]]:
    """(id, name) of every player-page link in the first element matching ``selector``."""
    links = page.locator(selector).first.locator("a[data-player-link]")
    pairs = links.evaluate_all(
        "els => els.map(a => [new URLSearchParams(a.search).get('player'), a.textContent])"
    )
    return [(player_id, name) for player_id, name in pairs]


def findable(server: LiveServer, player: dict[str, Any]) -> bool:
    """True when typing the player's full name lists him among the page's suggestions."""
    hits = api(server, "/players", q=player["name"], limit=SUGGESTIONS)["results"]
    return any(hit["id"] == player["id"] for hit in hits)


def a_teammate(server: LiveServer, link_id: str, named: set[str]) -> dict[str, Any]:
    page = api(server, f"/players/{link_id}/teammates", limit=50)
    mates = [t["player"] for t in page["teammates"] if t["player"]["id"] not in named]
    mate: dict[str, Any] = next(m for m in mates if findable(server, m))
    return mate


def never_a_teammate(server: LiveServer, link_id: str) -> dict[str, Any]:
    link = api(server, f"/players/{link_id}")
    for candidate_id in ERA_APART:
        candidate: dict[str, Any] = api(server, f"/players/{candidate_id}")
        apart = (
            candidate["last_season"] < link["first_season"]
            or candidate["first_season"] > link["last_season"]
        )
        if apart:
            return candidate
    raise AssertionError(f"no wrong answer found for {link_id}")


def test_two_browsers_play_a_chain_battle_to_the_end(
    browser: Browser,
    live_server: LiveServer,
) -> None:
    ann = new_page(browser)
    bob = new_page(browser, PHONE)

    # Ann creates a chain room with one life each.
    ann.goto(f"{live_server.url}/?view=battle")
    ann.fill("#create-name", "Ann")
    ann.fill("#create-lives", "1")
    ann.fill("#create-seconds", "90")
    ann.click("#create-room button[type=submit]")
    code = ann.locator("[data-testid=room-code]").inner_text()
    assert f"room={code}" in ann.url

    # Bob opens the invite link, enters his name and joins.
    bob.goto(f"{live_server.url}/?room={code}")
    expect(bob.locator("#join-code")).to_have_value(code)
    bob.fill("#join-name", "Bob")
    bob.click("#join-room button[type=submit]")
    expect(ann.locator(".seats .seat")).to_have_count(2)
    expect(bob.locator(".seat.me .seat-name")).to_contain_text("Bob")

    # A third person watches, read-only.
    watcher = new_page(browser)
    watcher.goto(f"{live_server.url}/?view=battle")
    watcher.fill("#join-code", code)
    watcher.click("#spectate")
    expect(watcher.locator(".seats .seat")).to_have_count(2)
    expect(watcher.locator(".room-head .rules")).to_contain_text("watching")
    expect(watcher.locator("#ready-toggle")).to_have_count(0)

    ann.click("#ready-toggle")
    bob.click("#ready-toggle")
    expect(ann.locator("#start-game")).to_be_enabled()
    ann.click("#start-game")

    # Turn 1: Ann names a real teammate of the starting player.
    expect(ann.locator(".turn-banner .who")).to_have_text("Your turn!")
    expect(bob.locator(".turn-banner .who")).to_have_text("Ann's turn")
    state = room_state(live_server, code)
    start = state["chain"][0]["player"]
    expect(ann.locator("[data-testid=link-player]")).to_have_text(start["name"])
    mate = a_teammate(live_server, start["id"], {start["id"]})
    answer(ann, mate)
    expect(bob.locator(".battle-chain li:not(.sep)")).to_have_count(2)
    expect(bob.locator(".turn-banner .who")).to_have_text("Your turn!")
    expect(bob.locator("[data-testid=link-player]")).to_have_text(mate["name"])
    expect(bob.locator(".timer")).to_have_text(re.compile(r"^(\d+s|\d+:\d\d)$"))

    # Bob reloads the page mid-game: same seat, same turn, the chain so far.
    bob.reload()
    expect(bob.locator(".turn-banner .who")).to_have_text("Your turn!")
    expect(bob.locator(".seat.me .seat-name")).to_contain_text("Bob")
    expect(bob.locator(".battle-chain li:not(.sep)")).to_have_count(2)
    # During play the names are plain text: a player page lists the teammates (the answer).
    expect(bob.locator(".battle-chain a")).to_have_count(0)
    screenshot(bob, "battle-chain-phone")
    screenshot(ann, "battle-chain")

    # Turn 2: Bob names a player from another era: not a teammate, his only life, Ann wins.
    wrong = never_a_teammate(live_server, mate["id"])
    answer(bob, wrong)
    for page in (ann, bob, watcher):
        expect(page.locator(".result-card .winner")).to_have_text("Ann wins!")
        expect(page.locator(".result-card")).to_contain_text("the shortest path takes")
        expect(page.locator(".result-card")).to_contain_text("Could have said")
    final = room_state(live_server, code)
    assert final["phase"] == "finished"
    assert final["winner"] == 1
    shortest = final["analysis"]["shortest"]
    first_optimal = " → ".join(p["name"] for p in shortest["paths"][0])
    expect(ann.locator(".result-card .optimal li").first).to_have_text(first_optimal)
    expect(bob.locator(".feed")).to_contain_text(f"Bob said {wrong['name']}: never teammates")
    screenshot(ann, "battle-result")
    screenshot(bob, "battle-result-phone")

    # Once it is over, every player named in the chain and the result links to his page.
    chain = [(start["id"], start["name"]), (mate["id"], mate["name"])]
    assert player_links(ann, ".battle-chain") == chain
    optimal = [(p["id"], p["name"]) for p in shortest["paths"][0]]
    assert player_links(ann, ".result-card .optimal li") == optimal
    misses = final["analysis"]["misses"]
    could = [(p["id"], p["name"]) for p in misses[0]["could_have_said"]]
    link = (misses[0]["link"]["id"], misses[0]["link"]["name"])
    assert player_links(ann, ".result-card .path-list:not(.optimal) li") == [link, *could]
    assert_no_violations(ann, "chain battle result")
    # A click opens his page (no headshot here: none can load); Back returns to the room.
    without_headshots(ann)
    middle_id, middle_name = optimal[1]
    ann.locator(".result-card .optimal li").first.locator(f"a[href='/?player={middle_id}']").click()
    expect(ann.locator("#player-title")).to_have_text(middle_name)
    assert ann.url.endswith(f"/?player={middle_id}")
    ann.go_back()
    expect(ann.locator(".result-card .winner")).to_have_text("Ann wins!")
    assert real_errors(ann) == []
    assert bob.js_errors == []  # type: ignore[attr-defined]
    assert watcher.js_errors == []  # type: ignore[attr-defined]


def test_a_mode_chosen_before_the_battle_code_loads_is_kept(
    browser: Browser,
    live_server: LiveServer,
) -> None:
    """The battle code is loaded after the page; until it runs the lobby cannot submit."""
    page = new_page(browser, PHONE)
    held: list[Route] = []
    page.route("**/js/battle.js", lambda route: held.append(route))
    page.goto(f"{live_server.url}/?view=battle")
    for _ in range(100):  # the route handler runs while Playwright waits
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the page never asked for the battle code"
    page.check("input[name=mode][value=race]")
    expect(page.locator("#create-room button[type=submit]")).to_be_disabled()
    expect(page.locator("#spectate")).to_be_disabled()
    expect(page.locator("#create-lives-label")).to_have_text("Lives")
    held[0].continue_()
    expect(page.locator("#create-lives-label")).to_have_text("Attempts")
    expect(page.locator("#race-seconds-field")).to_be_visible()
    expect(page.locator("#turn-seconds-field")).to_be_hidden()
    expect(page.locator("#create-room button[type=submit]")).to_be_enabled()
    expect(page.locator("#join-room button[type=submit]")).to_be_enabled()
    assert page.js_errors == []  # type: ignore[attr-defined]


def test_race_submit_the_optimal_chain_and_see_the_result(
    browser: Browser,
    live_server: LiveServer,
) -> None:
    cat = new_page(browser, PHONE)
    cat.goto(f"{live_server.url}/?view=battle")
    cat.check("input[name=mode][value=race]")
    expect(cat.locator("#create-lives-label")).to_have_text("Attempts")
    cat.fill("#create-name", "Cat")
    cat.fill("#create-race-seconds", "120")
    cat.click("#create-room button[type=submit]")
    code = cat.locator("[data-testid=room-code]").inner_text()
    cat.click("#ready-toggle")
    cat.click("#start-game")
    expect(cat.locator(".race-ends")).to_be_visible()
    state = room_state(live_server, code)
    start, target = state["start"], state["target"]
    every = api(live_server, "/paths/all", **{"from": start["id"], "to": target["id"]})
    assert every["length"] == state["optimal_hops"]
    best = next(
        path
        for path in every["paths"]
        if all(findable(live_server, player) for player in path["players"][1:-1])
    )
    expect(cat.locator(".race-ends")).to_contain_text(f"{state['optimal_hops']} link")
    for player in best["players"][1:-1]:
        cat.fill("#race-input", player["name"])
        cat.click(f"#race-input + .listbox .option[data-player-id='{player['id']}']")
    expect(cat.locator(".race-draft li")).to_have_count(len(best["players"]))
    screenshot(cat, "battle-race-phone")
    cat.click("#race-submit")
    expect(cat.locator(".result-card .winner")).to_have_text("Cat wins!")
    expect(cat.locator(".result-card")).to_contain_text(
        f"Best possible: {state['optimal_hops']} link"
    )
    names = " → ".join(p["name"] for p in best["players"])
    expect(cat.locator(".result-card")).to_contain_text(f"Cat: {names}")
    mine = [(p["id"], p["name"]) for p in best["players"]]
    assert player_links(cat, ".result-card .path-list:not(.optimal) li") == mine
    assert_no_violations(cat, "race result")
    without_headshots(cat)
    target_link = cat.locator(f".result-card .optimal a[href='/?player={target['id']}']").first
    target_link.click()
    expect(cat.locator("#player-title")).to_have_text(target["name"])
    final = room_state(live_server, code)
    assert final["seats"][0]["entries"][0]["valid"] is True
    assert real_errors(cat) == []
