"""The NHL API client: cache first, bounded retries, no retry on other 4xx (MockTransport)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from graph_api.settings import LoaderSettings
from loader.live.client import ApiError, ApiUnreachable, NhlClient, NotCached

ROSTER = {"forwards": [], "defensemen": [], "goalies": []}


def settings(**overrides: object) -> LoaderSettings:
    values: dict[str, object] = {
        "api_web_url": "http://nhl.test/v1",
        "stats_api_url": "http://nhl.test/stats/rest",
        "rate_limit_per_s": 1000.0,
        "backoff_initial_s": 0.01,
        "backoff_max_s": 0.05,
        "max_attempts": 4,
    }
    values.update(overrides)
    return LoaderSettings.model_validate(values)


def scripted(
    *steps: Callable[[httpx.Request], httpx.Response],
) -> tuple[httpx.MockTransport, list[str]]:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        step = steps[min(len(seen), len(steps)) - 1]
        return step(request)

    return httpx.MockTransport(handler), seen


def cached_files(root: Path) -> list[Path]:
    return list(root.rglob("*.json"))


def ok(_: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=ROSTER)


def status(code: int, **headers: str) -> Callable[[httpx.Request], httpx.Response]:
    return lambda _: httpx.Response(code, headers=headers, text="{}")


async def test_retries_429_honouring_retry_after_then_caches(tmp_path: Path) -> None:
    transport, seen = scripted(status(429, **{"Retry-After": "0.3"}), status(503), ok)
    async with NhlClient(settings(), tmp_path, transport=transport) as client:
        started = time.monotonic()
        data = await client.get("web", "roster/EDM/20242025")
        assert time.monotonic() - started >= 0.3
        assert data == ROSTER
        assert len(seen) == 3
        assert len(client.log.retries) == 2
        assert "HTTP 429" in client.log.retries[0]
        assert "HTTP 503" in client.log.retries[1]
        assert await client.get("web", "roster/EDM/20242025") == ROSTER
        assert len(seen) == 3
        assert client.log.cache_hits == 1
    cached = tmp_path / "web" / "roster" / "EDM" / "20242025.json"
    assert json.loads(cached.read_text()) == ROSTER


async def test_no_retry_on_404(tmp_path: Path) -> None:
    transport, seen = scripted(status(404))
    async with NhlClient(settings(), tmp_path, transport=transport) as client:
        with pytest.raises(ApiError, match="HTTP 404"):
            await client.get("web", "gamecenter/1/boxscore")
    assert len(seen) == 1
    assert not cached_files(tmp_path)


async def test_truncated_json_is_retried(tmp_path: Path) -> None:
    truncated = json.dumps(ROSTER)[:10]
    transport, seen = scripted(lambda _: httpx.Response(200, text=truncated), ok)
    async with NhlClient(settings(), tmp_path, transport=transport) as client:
        assert await client.get("web", "roster/EDM/20242025") == ROSTER
    assert len(seen) == 2
    assert "truncated" in client.log.retries[0]


async def test_gives_up_after_max_attempts_on_5xx(tmp_path: Path) -> None:
    transport, seen = scripted(status(500))
    async with NhlClient(settings(max_attempts=3), tmp_path, transport=transport) as client:
        with pytest.raises(ApiError, match="HTTP 500"):
            await client.get("stats", "en/team")
    assert len(seen) == 3


async def test_connection_errors_mean_unreachable(tmp_path: Path) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    async with NhlClient(
        settings(max_attempts=2), tmp_path, transport=httpx.MockTransport(refuse)
    ) as client:
        with pytest.raises(ApiUnreachable):
            await client.get("web", "roster/EDM/20242025")


async def test_offline_replays_the_cache_only(tmp_path: Path) -> None:
    transport, seen = scripted(ok)
    async with NhlClient(settings(), tmp_path, transport=transport) as client:
        await client.get("web", "roster/EDM/20242025")
    async with NhlClient(settings(), tmp_path, offline=True, transport=transport) as offline:
        assert await offline.get("web", "roster/EDM/20242025") == ROSTER
        with pytest.raises(NotCached):
            await offline.get("web", "roster/TOR/20242025")
    assert len(seen) == 1


async def test_rate_limit_spaces_requests(tmp_path: Path) -> None:
    transport, seen = scripted(ok)
    async with NhlClient(settings(rate_limit_per_s=20.0), tmp_path, transport=transport) as client:
        started = time.monotonic()
        for team in ("EDM", "TOR", "MTL", "BOS", "NYR"):
            await client.get("web", f"roster/{team}/20242025")
        assert time.monotonic() - started >= 4 / 20.0
    assert len(seen) == 5
