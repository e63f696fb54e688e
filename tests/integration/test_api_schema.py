"""Property-based tests from the OpenAPI schema (schemathesis) against a real uvicorn process
serving the loaded graph: no generated input may produce a 5xx, and every answer must match
its documented schema."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

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
        BATTLE_STORE="memory",  # the path API needs no battle rooms
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


@pytest.mark.parametrize(
    ("mode", "examples"), [(GenerationMode.POSITIVE, 400), (GenerationMode.NEGATIVE, 200)]
)
def test_generated_requests_never_get_a_server_error(
    api_schema: schemathesis.BaseSchema, mode: GenerationMode, examples: int
) -> None:
    """Valid (positive) and invalid (negative) requests for every API operation: never a 5xx,
    always the documented status codes, content types and response schemas."""
    operations = api_schema.include(path_regex=API_PATHS)
    assert len(list(operations.get_all_operations())) == 13

    @given(case=operations.as_strategy(generation_mode=mode))
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def call(case: schemathesis.Case) -> None:
        # Schema-valid input may still be semantically wrong (an 8-digit number that is no
        # season, an unknown team, from_season after to_season): that is a documented 422,
        # so positive_data_acceptance does not apply; every other check does.
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    call()


@pytest.mark.parametrize(
    ("path_regex", "fixed"),
    [
        (r"^/paths/", {"query": {"from": "8478402", "to": "gretzwa01"}}),  # McDavid, Gretzky
        (r"^/players/\{player_id\}", {"path_parameters": {"player_id": "8448208"}}),  # Jagr
    ],
)
def test_generated_constraints_on_real_players(
    api_schema: schemathesis.BaseSchema, path_regex: str, fixed: dict[str, Any]
) -> None:
    """Real players with generated constraints, filters and paging: still never a 5xx."""
    operations = api_schema.include(path_regex=path_regex)
    statuses: Counter[int] = Counter()

    @given(case=operations.as_strategy(**fixed))
    @settings(
        max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def call(case: schemathesis.Case) -> None:
        response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
        statuses[response.status_code] += 1

    call()
    assert statuses[200] >= 10, statuses  # the real players did get answers
