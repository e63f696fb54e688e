"""Fixtures for the browser tests: a real uvicorn serving the app, and headless Chromium.

The server is a separate ``uvicorn --factory graph_api.asgi:make_app`` process with two
workers (battle rooms live in Redis, so the two players of a battle may land on different
workers), pointed at the loaded graph and the session's Redis through the same environment
variables a deployment uses. Chromium is Debian's ``/usr/bin/chromium`` (installed by
``PUCKPATH_BROWSER_TESTS=1 scripts/setup.sh``), driven through Playwright's Python API;
Playwright never downloads a browser here. Screenshots go to ``artifacts/screenshots/``.

A test module imports the ``*_fixture`` functions below; pytest knows them by their names
``live_server``, ``playwright`` and ``browser``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from graph_api.runtime.providers import Neo4jEndpoint, RedisEndpoint, free_port

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "artifacts" / "screenshots"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_WORKERS = 2
PHONE = {"width": 390, "height": 844}


def chromium_path() -> str:
    for candidate in (os.environ.get("PUCKPATH_CHROMIUM"), shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail(
        "Chromium is not installed: run `PUCKPATH_BROWSER_TESTS=1 scripts/setup.sh` "
        "(Debian's chromium package; no browser is downloaded)"
    )


class LiveServer:
    """``uvicorn`` in a child process; ``url`` is its base URL."""

    def __init__(self, neo4j: Neo4jEndpoint, redis: RedisEndpoint, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        env = {
            **os.environ,
            "NEO4J_URI": neo4j.uri,
            "NEO4J_USER": neo4j.user,
            "NEO4J_PASSWORD": neo4j.password,
            "REDIS_URL": redis.url,
            "PYTHONUNBUFFERED": "1",
            "SECURITY_ROOM_RATE_LIMIT": "1000000/minute",  # the tests create many rooms
            "SECURITY_DAILY_ATTEMPT_RATE_LIMIT": "1000000/minute",  # and send many chains
        }
        self._log_handle = log.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "graph_api.asgi:make_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                str(SERVER_WORKERS),
                "--log-level",
                "warning",
                "--timeout-graceful-shutdown",
                "5",
            ],
            cwd=REPO,
            env=env,
            stdout=self._log_handle,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if httpx.get(f"{self.url}/ready", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        self.stop()
        pytest.fail(f"uvicorn did not become ready:\n{self.log.read_text(errors='replace')}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log_handle.close()


@pytest.fixture(scope="module", name="live_server")
def live_server_fixture(
    loaded_neo4j: Neo4jEndpoint,
    redis_endpoint: RedisEndpoint,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[LiveServer]:
    log = tmp_path_factory.mktemp("uvicorn") / "server.log"
    server = LiveServer(loaded_neo4j, redis_endpoint, log)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module", name="playwright")
def playwright_fixture() -> Iterator[Playwright]:
    with sync_playwright() as handle:
        yield handle


@pytest.fixture(scope="module", name="browser")
def browser_fixture(playwright: Playwright) -> Iterator[Browser]:
    chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
    try:
        yield chromium
    finally:
        chromium.close()


def new_page(browser: Browser, viewport: dict[str, int] | None = None) -> Page:
    """A page in a fresh browser context (its own storage, like another person's browser)."""
    context = browser.new_context(viewport=viewport or {"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.js_errors = errors  # type: ignore[attr-defined]
    return page


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
