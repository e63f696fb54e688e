"""A polite, cached client for the NHL web APIs.

Every response is written to the cache directory before it is used (extract), so a re-run
or an offline run replays the cache and a killed run resumes where it stopped. Requests
are bounded (``http_concurrency`` in flight, at most ``rate_limit_per_s`` per second) and
retried with exponential backoff and jitter on 429 (honouring ``Retry-After``), 5xx,
timeouts, dropped connections and truncated JSON; any other 4xx is not retried.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

import httpx
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from graph_api.settings import LoaderSettings
from loader.errors import LoaderError

Api = Literal["web", "stats"]
_UNSAFE = re.compile(r"[^A-Za-z0-9._=-]+")


class RetryableFailure(Exception):
    """A failure worth another attempt (429, 5xx, timeout, dropped connection, bad JSON)."""

    def __init__(self, url: str, reason: str, retry_after: float | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.retry_after = retry_after


class ApiError(LoaderError):
    """A response that retrying cannot fix (a 4xx other than 429, or retries exhausted)."""

    status_code = 502
    code = "nhl_api_error"
    hint = "Check the network connection or LOADER_API_WEB_URL."

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.status = status


class ApiUnreachable(ApiError):
    """The API could not be reached at all (connection errors until retries ran out)."""


class NotCached(ApiError):
    """An offline run asked for a response that is not in the cache."""


@dataclass
class FetchLog:
    """What the client did: requests sent, cache hits, and every retry with its reason."""

    requests: int = 0
    cache_hits: int = 0
    retries: list[str] = field(default_factory=list)


class RateLimiter:
    """At most ``rate`` starts per second, spaced evenly."""

    def __init__(self, rate: float) -> None:
        self._interval = 1.0 / rate
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self._lock:
            now = time.monotonic()
            delay = self._next - now
            self._next = max(now, self._next) + self._interval
        if delay > 0:
            await asyncio.sleep(delay)


class NhlClient:
    def __init__(
        self,
        settings: LoaderSettings,
        cache_dir: Path,
        offline: bool = False,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self.cache_dir = cache_dir
        self.offline = offline
        self.log = FetchLog()
        self._bases = {
            "web": settings.api_web_url.rstrip("/"),
            "stats": settings.stats_api_url.rstrip("/"),
        }
        self._limit = asyncio.Semaphore(settings.http_concurrency)
        self._rate = RateLimiter(settings.rate_limit_per_s)
        self._http = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.http_timeout_s),
            transport=transport,
            headers={"User-Agent": "puckpath-loader (+https://github.com/puckpath)"},
            follow_redirects=True,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> NhlClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def cache_path(self, api: Api, path: str, params: dict[str, str] | None = None) -> Path:
        parts = [_UNSAFE.sub("_", part) for part in path.strip("/").split("/") if part]
        name = parts.pop() if parts else "index"
        if params:
            name += "__" + _UNSAFE.sub("_", urlencode(sorted(params.items())))
        return self.cache_dir.joinpath(api, *parts, name + ".json")

    def url(self, api: Api, path: str, params: dict[str, str] | None = None) -> str:
        query = f"?{urlencode(params)}" if params else ""
        return f"{self._bases[api]}/{path.strip('/')}{query}"

    async def get(
        self, api: Api, path: str, params: dict[str, str] | None = None, refresh: bool = False
    ) -> Any:
        """The JSON of ``path``: from the cache, else fetched and cached first."""
        cached = self.cache_path(api, path, params)
        if cached.exists() and not refresh:
            self.log.cache_hits += 1
            return json.loads(cached.read_text(encoding="utf-8"))
        url = self.url(api, path, params)
        if self.offline:
            raise NotCached(url, "not in the cache (offline run)")
        body, data = await self._fetch(url)
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".part{os.getpid()}")
        partial.write_bytes(body)
        partial.replace(cached)
        return data

    async def _fetch(self, url: str) -> tuple[bytes, Any]:
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.settings.max_attempts),
            wait=self._wait,
            retry=retry_if_exception_type(RetryableFailure),
            before_sleep=self._note_retry,
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    return await self._attempt(url)
        except RetryableFailure as exc:
            attempts = self.settings.max_attempts
            if exc.reason.startswith("connection"):
                raise ApiUnreachable(url, f"{exc.reason} ({attempts} attempts)") from exc
            raise ApiError(url, f"{exc.reason} ({attempts} attempts)") from exc
        raise AssertionError("unreachable")  # pragma: no cover

    async def _attempt(self, url: str) -> tuple[bytes, Any]:
        async with self._limit:
            await self._rate.wait()
            self.log.requests += 1
            try:
                response = await self._http.get(url)
                body = response.content
            except httpx.TimeoutException as exc:
                raise RetryableFailure(url, f"timeout ({type(exc).__name__})") from exc
            except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
                raise RetryableFailure(url, f"dropped connection ({exc})") from exc
            except httpx.TransportError as exc:
                raise RetryableFailure(url, f"connection failed ({exc})") from exc
        status = response.status_code
        if status == 429 or status >= 500:
            raise RetryableFailure(url, f"HTTP {status}", _retry_after(response))
        if status >= 400:
            raise ApiError(url, f"HTTP {status}", status)
        try:
            return body, json.loads(body)
        except ValueError as exc:
            raise RetryableFailure(url, f"truncated or invalid JSON ({exc})") from exc

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, RetryableFailure) and exc.retry_after is not None:
            return exc.retry_after
        backoff = wait_exponential_jitter(
            multiplier=self.settings.backoff_initial_s,
            max=self.settings.backoff_max_s,
            jitter=self.settings.backoff_initial_s,
        )
        return float(backoff(state))

    def _note_retry(self, state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0.0
        self.log.retries.append(
            f"attempt {state.attempt_number} failed, retry in {wait:.2f}s: {exc}"
        )


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None
