"""Seat names are shown as text: markup typed as a name is neither parsed nor run, and
direction-changing characters never reach the page (real uvicorn, Redis, headless Chromium)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Dialog, expect

from tests.integration.browser_harness import (  # noqa: F401 - the fixtures
    LiveServer,
    browser_fixture,
    live_server_fixture,
    new_page,
    playwright_fixture,
    screenshot,
)

pytestmark = pytest.mark.browser

MARKUP = "<img src=x onerror=alert(1)>"


def test_markup_typed_as_a_name_is_shown_as_text(browser: Browser, live_server: LiveServer) -> None:
    dialogs: list[str] = []
    ann = new_page(browser)
    bob = new_page(browser)
    for page in (ann, bob):

        def record(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", record)

    ann.goto(f"{live_server.url}/?view=battle")
    ann.fill("#create-name", MARKUP)
    ann.click("#create-room button[type=submit]")
    code = ann.locator("[data-testid=room-code]").inner_text()

    bob.goto(f"{live_server.url}/?room={code}")
    bob.fill("#join-name", "Bob\u202e\u200bElla")  # a right-to-left override, a zero-width space
    bob.click("#join-room button[type=submit]")
    expect(bob.locator(".seats .seat")).to_have_count(2)

    for page in (ann, bob):
        names = page.locator(".seats .seat .seat-name")
        expect(names.first).to_contain_text(MARKUP)
        expect(names.nth(1)).to_contain_text("BobElla")
        assert page.locator(".seats img").count() == 0, "the name became an element"
    assert "\u202e" not in bob.locator(".seats").inner_text()
    screenshot(bob, "battle-markup-name")
    assert dialogs == [], f"a script ran: {dialogs}"
    for page in (ann, bob):
        assert page.js_errors == []  # type: ignore[attr-defined]
