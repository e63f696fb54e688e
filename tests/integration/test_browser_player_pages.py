"""Player pages, the picture of every shortest path and the "why this path" line in a real
headless Chromium against a real uvicorn on the loaded graph.

Expectations come from the API of the same server. The NHL's image service cannot be reached
from these machines; the tests also abort its requests, so the initials fallback is what is
checked either way. Screenshots go to artifacts/screenshots/ (their paths are printed).
"""

from __future__ import annotations

import re
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
IMAGES = "https://assets.nhle.com/"


def api(server: LiveServer, path: str, **params: Any) -> Any:
    response = httpx.get(f"{server.url}{path}", params=params, timeout=60)
    response.raise_for_status()
    return response.json()


def without_headshots(page: Page) -> list[str]:
    """Abort every request to the NHL's image service; return the requests seen. Their
    failed loads are logged by Chromium as console errors: they are noted as excused."""
    asked: list[str] = []
    excused: list[str] = []

    def abort(route: Any) -> None:
        asked.append(route.request.url)
        route.abort()

    def note(message: Any) -> None:
        if message.type == "error" and message.location.get("url", "").startswith(IMAGES):
            excused.append(message.text)

    page.route(f"{IMAGES}**", abort)
    page.on("console", note)
    page.excused = excused  # type: ignore[attr-defined]
    return asked


def real_errors(page: Page) -> list[str]:
    """Console and page errors, except the failed loads of the aborted headshots."""
    errors = list(page.js_errors)  # type: ignore[attr-defined]
    for text in getattr(page, "excused", []):
        errors.remove(text)
    return errors


def saved(page: Page, name: str) -> None:
    print(f"screenshot: {screenshot(page, name)}")


def test_player_page_by_databank_id(browser: Browser, live_server: LiveServer) -> None:
    player = api(live_server, f"/players/{GRETZKY}")
    teammates = api(live_server, f"/players/{GRETZKY}/teammates", limit=12)
    hub = api(live_server, "/stats/centres", limit=1)["centres"][0]
    number = api(live_server, f"/players/{GRETZKY}/distance", to_hub=hub["player"]["id"])
    distances = api(live_server, f"/players/{GRETZKY}/distances")

    page = new_page(browser)
    asked = without_headshots(page)
    page.goto(f"{live_server.url}/?player={GRETZKY_DATABANK_ID}")
    expect(page.locator("#player-title")).to_have_text("Wayne Gretzky")
    page.wait_for_url(f"**/?player={GRETZKY}")
    assert page.title().startswith("Wayne Gretzky")
    expect(page.locator("#finder")).to_be_hidden()

    # The headshot was asked for, could not load, and the initials stand in.
    assert asked == [f"https://assets.nhle.com/mugs/nhl/latest/{GRETZKY}.png"]
    portrait = page.locator(".portrait")
    expect(portrait).to_have_class(re.compile(r"\bno-photo\b"))
    expect(portrait.locator("img")).to_have_count(0)
    expect(portrait).to_have_text("WG")
    expect(page.locator(".player-links a", has_text="NHL.com")).to_have_attribute(
        "href", f"https://www.nhl.com/player/{GRETZKY}"
    )

    bio = page.locator(".player-head").inner_text()
    # The birth place as the API gives it (a graph loaded before birth places has none).
    place = ", ".join(
        filter(None, (player.get(k) for k in ("birth_city", "birth_state", "birth_country")))
    )
    assert f"born {player['birth_date']}{f' in {place}' if place else ''} ·" in bio
    assert "Center" in bio
    rows = page.locator("table.career tbody tr")
    expect(rows).to_have_count(len(player["stints"]))
    first = player["stints"][0]
    cells = rows.first.locator("td").all_text_contents()
    assert cells[1] == first["team_season"]["name"]
    assert cells[2:6] == [str(first[k]) for k in ("games", "goals", "assists", "points")]
    total_goals = sum(s["goals"] for s in player["stints"])
    assert f"{total_goals:,}" in page.locator("table.career tfoot").inner_text()

    names = page.locator(".teammate-list .tm-name").all_text_contents()
    assert names == [t["player"]["name"] for t in teammates["teammates"]]
    assert f"{teammates['teammates'][0]['strength']} games" in (
        page.locator(".teammate-list li").first.inner_text()
    )

    expect(page.locator("#hub-number .big-number")).to_have_text(str(number["distance"]))
    expect(page.locator("#hub-number a")).to_have_attribute(
        "href", f"/?from={GRETZKY}&to={hub['player']['id']}"
    )
    expect(page.locator("#number-title")).to_contain_text(hub["player"]["name"].split()[-1])
    assert f"Centre rank #{player['centre_rank']}" in page.locator("#player-page").inner_text()

    chart = page.locator("svg.distance-chart")
    expect(chart).to_be_visible(timeout=60_000)  # a search over the whole graph
    expect(chart).to_have_attribute("role", "img")
    expect(chart.locator(".bar")).to_have_count(len(distances["distances"]))
    described = chart.locator("desc").text_content() or ""
    for row in distances["distances"]:
        assert f"{row['players']:,} at {row['distance']} link" in described
    page.click(".chart-figure details summary")
    table = page.locator(".chart-figure table tbody tr")
    expect(table).to_have_count(len(distances["distances"]))
    saved(page, "player-page")

    # A teammate's name opens his page in place; Back returns.
    top = teammates["teammates"][0]["player"]
    page.locator(".teammate-list a").first.click()
    expect(page.locator("#player-title")).to_have_text(top["name"])
    assert page.url.endswith(f"/?player={top['id']}")
    page.go_back()
    expect(page.locator("#player-title")).to_have_text("Wayne Gretzky")

    phone = new_page(browser, PHONE)
    without_headshots(phone)
    phone.goto(f"{live_server.url}/?player={GRETZKY}")
    expect(phone.locator("svg.distance-chart")).to_be_visible(timeout=60_000)
    saved(phone, "player-page-phone")
    assert real_errors(page) == []
    assert real_errors(phone) == []


def test_unknown_player_says_so(browser: Browser, live_server: LiveServer) -> None:
    page = new_page(browser)
    page.goto(f"{live_server.url}/?player=nosuch99")
    expect(page.locator("#player-status")).to_contain_text("nosuch99")
    expect(page.locator("#player-page")).to_be_hidden()


def test_path_says_why_and_cards_link_to_player_pages(
    browser: Browser, live_server: LiveServer
) -> None:
    shortest = api(live_server, "/paths/shortest", **{"from": GRETZKY, "to": MCDAVID})
    every = api(live_server, "/paths/all", **{"from": GRETZKY, "to": MCDAVID, "limit": 1})
    page = new_page(browser)
    without_headshots(page)
    page.goto(f"{live_server.url}/?from={GRETZKY}&to={MCDAVID}")
    why = page.locator("#result-why")
    expect(why).to_contain_text(f"among {every['total_paths']} shortest paths")
    estimated = any(h["strength_estimated"] for h in shortest["path"]["hops"])
    mark = "≈" if estimated else ""
    expect(why).to_contain_text(f"weakest link is the strongest: {mark}{shortest['weakest_link']}")
    if estimated:
        expect(why).to_contain_text("estimated")
    strengths = [h["strength"] for h in shortest["path"]["hops"]]
    weakest = page.locator("#chain .link.weakest")
    expect(weakest).to_have_count(1)
    expect(page.locator("#chain .link").nth(strengths.index(min(strengths)))).to_have_class(
        re.compile(r"\bweakest\b")
    )

    middle = shortest["path"]["players"][1]
    page.locator("#chain .player-card a", has_text=middle["name"]).click()
    expect(page.locator("#player-title")).to_have_text(middle["name"])
    assert page.url.endswith(f"/?player={middle['id']}")
    page.go_back()
    expect(page.locator("#finder")).to_be_visible()
    expect(page.locator("#chain .player-card")).to_have_count(len(shortest["path"]["players"]))
    assert real_errors(page) == []


def test_all_shortest_paths_as_a_picture(browser: Browser, live_server: LiveServer) -> None:
    graph = api(live_server, "/paths/graph", **{"from": GRETZKY, "to": MCDAVID, "per_layer": 12})
    shown = [p["player"] for layer in graph["layers"] for p in layer["players"]]
    names = {player["id"]: player["name"] for player in shown}
    page = new_page(browser)
    without_headshots(page)
    page.goto(f"{live_server.url}/?from={GRETZKY}&to={MCDAVID}&view=all")
    picture = page.locator("#path-graph svg.path-graph-svg")
    expect(picture).to_be_visible(timeout=30_000)
    expect(picture).to_have_attribute("role", "group")
    nodes = picture.locator("a.graph-node")
    expect(nodes).to_have_count(len(names))
    expect(picture.locator("path.graph-link")).to_have_count(len(graph["links"]))
    strongest = picture.locator("a.graph-node.strongest")
    expect(strongest).to_have_count(len(graph["strongest"]))
    assert {n.get_attribute("data-player-id") for n in strongest.all()} == set(graph["strongest"])
    strong_links = sum(1 for link in graph["links"] if link["on_strongest"])
    expect(picture.locator("path.graph-link.strongest")).to_have_count(strong_links)
    for layer in graph["layers"]:
        if layer["hidden_players"]:
            expect(picture.locator("text.graph-summary")).to_contain_text(
                [f"+{layer['hidden_players']} more ({layer['hidden_paths']} paths)"]
            )
    expect(page.locator("#path-graph figcaption")).to_contain_text(
        f"{graph['total_paths']} shortest paths"
    )

    # Keyboard: focus the busiest connector of the first layer and read his evidence.
    first = graph["layers"][1]["players"][0]
    node = picture.locator(f"a.graph-node[data-player-id='{first['player']['id']}']")
    named = page.get_by_role(
        "link",
        name=f"{first['player']['name']}: on {first['paths_through']} of "
        f"{graph['total_paths']} shortest paths",
    )
    expect(named).to_have_count(1)
    node.focus()
    evidence = page.locator(".graph-evidence")
    expect(evidence).to_contain_text(
        f"{first['player']['name']}: on {first['paths_through']} of {graph['total_paths']}"
    )
    his = [
        link for link in graph["links"] if first["player"]["id"] in (link["from_id"], link["to_id"])
    ]
    season = his[0]["team_seasons"][0]
    expect(evidence).to_contain_text(season["name"])
    expect(picture).to_have_class(re.compile(r"\bfocused\b"))
    assert picture.locator("path.graph-link.active").count() == len(his)
    saved(page, "all-shortest-paths-picture")
    node.blur()

    # The text alternative names every layer and the strongest path.
    page.click("#path-graph details summary")
    text = page.locator("#path-graph details").inner_text()
    assert " → ".join(names[i] for i in graph["strongest"]) in text
    expect(page.locator("#path-graph .graph-layers li")).to_have_count(len(graph["layers"]))

    # A player in the picture opens his page.
    node.click()
    expect(page.locator("#player-title")).to_have_text(first["player"]["name"])

    phone = new_page(browser, PHONE)
    phone.goto(f"{live_server.url}/?from={GRETZKY}&to={MCDAVID}&view=all")
    expect(phone.locator("#path-graph svg.path-graph-svg")).to_be_visible(timeout=30_000)
    saved(phone, "all-shortest-paths-picture-phone")
    assert real_errors(page) == []
    assert real_errors(phone) == []
