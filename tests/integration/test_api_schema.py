"""Property-based tests from the OpenAPI schema (schemathesis) against a real uvicorn process
serving the loaded graph: no generated input may produce a 5xx, and every answer must match
its documented schema."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from graph_api.runtime.services import free_port
from graph_api.settings import Settings

API_PATHS = r"^/(players|paths|stats|challenges|teams)"


def settings_env(settings_: Settings) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PATHS_")}
    env.update(
        NEO4J_URI=settings_.neo4j.uri or "",
        NEO4J_USER=settings_.neo4j.user,
        NEO4J_PASSWORD=settings_.neo4j.password.get_secret_value(),
        REDIS_URL=settings_.redis.url or "",
    )
    return env


@pytest.fixture(scope="module")
def api_server(loaded_app_settings: Settings) -> Iterator[str]:
    """``uvicorn --factory graph_api.asgi:make_app`` on a free port, stopped afterwards."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "graph_api.asgi:make_app",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        env=settings_env(loaded_app_settings),
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"uvicorn did not start (exit code {process.poll()})")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def api_schema(api_server: str) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{api_server}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.include(path_regex=API_PATHS).parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_generated_requests_never_get_a_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate()
