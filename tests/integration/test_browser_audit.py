"""The page audit, kept in the suite: axe-core on every view in Chromium (0 violations), no
layout shift, focus that is never lost to <body>, results announced, a visible focus ring,
and the battle code loaded only when the battle view opens.

axe-core is vendored under ``tests/vendor/axe-core`` (the unmodified ``axe.min.js`` of the
npm package, with its MPL-2.0 licence): the audit then runs offline and always with the same
rules, and the file is injected by the test only, never served with the page.
"""

from __future__ import annotations

import json
from pathlib import Path
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

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
GRETZKY, MCDAVID = "8447400", "8478402"
PAIR = f"from={GRETZKY}&to={MCDAVID}"
# Web Vitals' "good" cumulative layout shift.
GOOD_CLS = 0.1
# WCAG 1.4.11: a focus indicator against its background.
FOCUS_CONTRAST = 3.0
# /stats/graph walks the whole graph on a cold worker (the footer's line waits for it).
STATS_WAIT_MS = 30_000

# Layout shifts since the page started (not those right after a click or key: input).
CLS_OBSERVER = """
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.fixture(scope="module", autouse=True)
def warm_stats(live_server: LiveServer) -> None:
    """/stats/graph walks the whole graph once per data version; ask it until both workers
    have answered, so the footer's line arrives while the page is watched."""
    answered = 0
    for _ in range(12):
        try:
            response = httpx.get(f"{live_server.url}/stats/graph", timeout=120)
        except httpx.HTTPError:
            continue
        answered += response.status_code == 200
        if answered >= 4:
            return


def axe_violations(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result
    ]


def assert_no_violations(page: Page, view: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{view}: {json.dumps(violations, indent=1)}"


def footer_line(page: Page) -> str:
    """The footer's "data as of" line once /stats/graph has answered ("" when it never did
    within the wait: on a loaded machine that query may time out, and the page gives up
    after three tries; the views are audited all the same)."""
    try:
        expect(page.locator("#as-of")).to_contain_text("players", timeout=STATS_WAIT_MS)
    except AssertionError:
        return ""
    return page.locator("#as-of").inner_text()


def page_errors(page: Page) -> list[str]:
    """Script errors, less the 503s of a /stats/graph that timed out on a loaded machine."""
    errors: list[str] = page.js_errors  # type: ignore[attr-defined]
    return [e for e in errors if "status of 503" not in e]


def path_page(browser: Browser, server: LiveServer, query: str, phone: bool = False) -> Page:
    page = new_page(browser, PHONE if phone else None)
    page.add_init_script(CLS_OBSERVER)
    page.goto(f"{server.url}/?{query}")
    expect(page.locator("#chain .player-card").first).to_be_visible()
    footer_line(page)
    return page


def settled_cls(page: Page) -> float:
    page.wait_for_timeout(500)
    return float(page.evaluate("window.__cls"))


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_path_views_have_no_violations_and_no_layout_shift(
    browser: Browser, live_server: LiveServer, phone: bool
) -> None:
    finder = new_page(browser, PHONE if phone else None)
    finder.goto(f"{live_server.url}/")
    footer_line(finder)
    assert_no_violations(finder, "path finder")

    result = path_page(browser, live_server, PAIR, phone)
    assert settled_cls(result) < GOOD_CLS
    assert_no_violations(result, "path result")

    listing = path_page(browser, live_server, f"{PAIR}&view=all", phone)
    expect(listing.locator("#alternative-list li").first).to_be_visible()
    assert settled_cls(listing) < GOOD_CLS
    assert_no_violations(listing, "all shortest paths")
    rows = listing.locator("#alternative-list button")
    if phone:  # a row's number sits beside its first line; no name is broken inside
        first = rows.first.bounding_box()
        names = rows.first.locator(".name")
        for index in range(names.count()):
            box = names.nth(index).bounding_box()
            assert box is not None
            assert box["height"] < 30, "a name wraps inside itself"
        assert first is not None
        screenshot(listing, "audit-all-paths-phone")
    for page in (finder, result, listing):
        assert page_errors(page) == []


def test_battle_views_have_no_violations_and_no_layout_shift(
    browser: Browser, live_server: LiveServer
) -> None:
    page = new_page(browser, PHONE)
    page.add_init_script(CLS_OBSERVER)
    page.goto(f"{live_server.url}/?view=battle")
    expect(page.locator("#create-room")).to_be_visible()
    footer_line(page)
    assert settled_cls(page) < GOOD_CLS
    assert_no_violations(page, "battle lobby")

    page.fill("#create-name", "Ann")
    page.click("#create-room button[type=submit]")
    expect(page.locator("[data-testid=room-code]")).to_be_visible()
    page.wait_for_timeout(500)
    assert_no_violations(page, "battle room")
    screenshot(page, "audit-battle-room-phone")
    assert page_errors(page) == []


def test_battle_code_loads_only_when_the_battle_view_opens(
    browser: Browser, live_server: LiveServer
) -> None:
    page = new_page(browser)
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url) if r.url.endswith(".js") else None)
    page.goto(f"{live_server.url}/")
    footer_line(page)
    assert not [url for url in scripts if "/battle" in url], scripts
    page.click(".tab[data-tab=battle]")
    expect(page.locator("#create-room")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("/js/battle.js") for url in scripts), scripts
    # The page and its modules come from one versioned prefix (cached for a year).
    assert all("/static/" in url and url.count("/") >= 6 for url in scripts), scripts


def test_focus_is_kept_and_results_are_announced(browser: Browser, live_server: LiveServer) -> None:
    page = path_page(browser, live_server, f"{PAIR}&view=all")
    announce = page.locator("#path-announce")
    expect(announce).to_contain_text("shortest path")
    rows = page.locator("#alternative-list button")
    shown = page.locator("#chain .player-card .player-name").all_text_contents()
    listed = [rows.nth(i).locator(".name").all_text_contents() for i in range(rows.count())]
    marked = page.locator("#alternative-list button[aria-current=true]")
    if shown in listed:  # the path on show is marked in the list
        expect(marked).to_have_count(1)
        assert marked.locator(".name").all_text_contents() == shown
    other = next(i for i, names in enumerate(listed) if names != shown)
    second = rows.nth(other)
    second.focus()
    second.press("Enter")
    expect(second).to_have_attribute("aria-current", "true")
    expect(marked).to_have_count(1)
    focused = (
        "[...document.querySelectorAll('#alternative-list button')].indexOf(document.activeElement)"
    )
    assert page.evaluate(focused) == other
    names = second.locator(".name").all_text_contents()
    expect(page.locator("#chain .player-card .player-name")).to_have_text(names)
    expect(announce).to_contain_text(", ".join(names))

    # Excluded-player chips: removing one focuses its neighbour, the last the input.
    page.click("#constraints summary")
    for query, player in (("gretzky", GRETZKY), ("mcdavid", MCDAVID)):
        page.fill("#exclude-input", query)
        page.click(f"#exclude-input + .listbox .option[data-player-id='{player}']")
    chips = page.locator("#exclude-chips button")
    expect(chips).to_have_count(2)
    chips.first.focus()
    chips.first.press("Enter")
    expect(chips).to_have_count(1)
    assert page.evaluate(
        "document.activeElement === document.querySelector('#exclude-chips button')"
    )
    chips.first.press("Enter")
    expect(chips).to_have_count(0)
    assert page.evaluate("document.activeElement.id") == "exclude-input"
    expect(announce).to_contain_text("no longer excluded")


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    def luminance(rgb: tuple[float, float, float]) -> float:
        parts = [c / 255 for c in rgb]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rgb(css: str) -> tuple[float, float, float]:
    inside = css[css.index("(") + 1 : css.index(")")].replace(",", " ").split()
    return (float(inside[0]), float(inside[1]), float(inside[2]))


def test_the_focus_ring_has_three_to_one_contrast(
    browser: Browser, live_server: LiveServer
) -> None:
    page = new_page(browser)
    page.goto(f"{live_server.url}/")
    checks = {"#random-pair": "rgb(255, 255, 255)", ".tab[data-tab=battle]": None}
    for selector, background in checks.items():
        page.focus(selector)
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # keyboard focus: :focus-visible applies
        style = page.evaluate(
            """(sel) => { const s = getComputedStyle(document.querySelector(sel));
               return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }""",
            selector,
        )
        assert style[0] != "none", selector
        assert float(style[1].removesuffix("px")) >= 2, style
        behind = background or page.evaluate(
            "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
        )
        assert contrast(rgb(style[2]), rgb(behind)) >= FOCUS_CONTRAST, (selector, style, behind)


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_daily_and_player_views_have_no_violations(
    browser: Browser, live_server: LiveServer, phone: bool
) -> None:
    daily = new_page(browser, PHONE if phone else None)
    daily.add_init_script(CLS_OBSERVER)
    daily.goto(f"{live_server.url}/?view=daily")
    expect(daily.locator("#daily-pair")).to_be_visible(timeout=60_000)
    footer_line(daily)
    assert settled_cls(daily) < GOOD_CLS
    assert_no_violations(daily, "daily puzzle")

    player = new_page(browser, PHONE if phone else None)
    player.goto(f"{live_server.url}/?player={GRETZKY}")
    expect(player.locator("#player-page")).to_be_visible(timeout=60_000)
    expect(player.locator("#player-page svg").first).to_be_visible(timeout=60_000)
    assert_no_violations(player, "player page")
    assert page_errors(daily) == []
    # The NHL's headshot host cannot be reached from here: the page shows the initials
    # (tests/integration/test_browser_player_pages.py); any other error counts.
    assert [e for e in page_errors(player) if "ERR_NAME_NOT_RESOLVED" not in e] == []
