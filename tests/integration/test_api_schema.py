"""Property-based tests from the OpenAPI schema (schemathesis) against a real uvicorn process
serving the loaded graph, with battle rooms in a real Redis.

Every operation of the document is generated for, valid (positive) and invalid (negative)
input alike, and every answer goes through schemathesis' default checks: no server error,
a documented status code, the documented content type, headers and response schema, invalid
input rejected. Generation is derandomized (the same cases on every run) and bounded per
operation, so the whole module stays within a few minutes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

from graph_api.runtime.providers import free_port
from graph_api.settings import Settings

# Every operation of the OpenAPI document; test_every_operation_is_generated_for keeps it whole.
OPERATIONS = [
    ("GET", "/health"),
    ("GET", "/ready"),
    ("GET", "/players"),
    ("GET", "/players/{player_id}"),
    ("GET", "/players/{player_id}/teammates"),
    ("GET", "/players/{player_id}/distance"),
    ("GET", "/players/{player_id}/common/{other_id}"),
    ("GET", "/players/{player_id}/distances"),
    ("GET", "/paths/shortest"),
    ("GET", "/paths/all"),
    ("GET", "/paths/k"),
    ("GET", "/paths/graph"),
    ("GET", "/stats/graph"),
    ("GET", "/stats/centres"),
    ("GET", "/challenges/random"),
    ("GET", "/challenges/daily"),
    ("POST", "/challenges/daily/{date}/attempts"),
    ("GET", "/challenges/daily/{date}/players/{player}"),
    ("GET", "/teams"),
    ("GET", "/teams/{code}/seasons/{season}"),
    ("POST", "/battles"),
    ("POST", "/battles/{code}/players"),
    ("GET", "/battles/{code}"),
    ("GET", "/metrics"),
]
# Nothing to make invalid: no parameters and no body, or only a free-form string (a room code
# of any shape is a well-formed request for a room that does not exist).
NOTHING_INVALID = {
    ("GET", "/health"),
    ("GET", "/ready"),
    ("GET", "/teams"),
    ("GET", "/battles/{code}"),
    ("GET", "/metrics"),
}
EXAMPLES = {GenerationMode.POSITIVE: 30, GenerationMode.NEGATIVE: 20}
# Schema-valid input may still be semantically wrong (an 8-digit number that is no season, an
# unknown team, from_season after to_season, rules no game can be played under): that is a
# documented 422, so positive_data_acceptance does not apply; every other default check does.
EXCLUDED_CHECKS = [positive_data_acceptance]
GENERATION = settings(
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def settings_env(settings_: Settings) -> dict[str, str]:
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("PATHS_", "BATTLE_"))
    }
    env.update(
        NEO4J_URI=settings_.neo4j.uri or "",
        NEO4J_USER=settings_.neo4j.user,
        NEO4J_PASSWORD=settings_.neo4j.password.get_secret_value(),
        REDIS_URL=settings_.redis.url or "",
        # Generous query timeouts: on a busy machine a full search (/stats/graph) must not
        # turn into a 503; the timeouts themselves are tested in test_api_errors.py.
        NEO4J_QUERY_TIMEOUT_S="60",
        PATHS_QUERY_TIMEOUT_S="60",
        BATTLE_STORE="redis",
        BATTLE_REDIS_PREFIX=f"puckpath:schema-test:{uuid.uuid4().hex[:8]}:",
        # Thousands of generated room creations from one address (429 is documented, but
        # the fixtures need their rooms).
        SECURITY_ROOM_RATE_LIMIT=settings_.security.room_rate_limit,
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


@pytest.fixture(scope="module")
def room_code(api_server: str) -> str:
    """A real room (default rules), for generated joins and reads of an existing room."""
    response = httpx.post(f"{api_server}/battles", json={"name": "Ann"}, timeout=30)
    assert response.status_code == 201, response.text
    code: str = response.json()["code"]
    return code


def test_every_operation_is_generated_for(api_schema: schemathesis.BaseSchema) -> None:
    documented = {
        (operation.method.upper(), operation.path)
        for operation in (result.ok() for result in api_schema.get_all_operations())
    }
    assert documented == set(OPERATIONS)


CASES = [
    pytest.param(method, path, mode, id=f"{method} {path} {mode.value}")
    for method, path in OPERATIONS
    for mode in EXAMPLES
    if mode is GenerationMode.POSITIVE or (method, path) not in NOTHING_INVALID
]


@pytest.mark.parametrize(("method", "path", "mode"), CASES)
def test_generated_requests_match_the_document(
    api_schema: schemathesis.BaseSchema, method: str, path: str, mode: GenerationMode
) -> None:
    """Generated requests for one operation: every default check holds for every answer."""
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(GENERATION, max_examples=EXAMPLES[mode])
    def call(case: schemathesis.Case) -> None:
        case.call_and_validate(excluded_checks=EXCLUDED_CHECKS)

    call()


@pytest.mark.parametrize(
    ("path_regex", "fixed", "success"),
    [
        (r"^/paths/", {"query": {"from": "8478402", "to": "gretzwa01"}}, 200),  # McDavid, Gretzky
        (r"^/players/\{player_id\}", {"path_parameters": {"player_id": "8448208"}}, 200),  # Jagr
        (r"^/battles/\{code\}", {"path_parameters": {"code": "room"}}, 200),
    ],
)
def test_generated_input_on_real_players_and_rooms(
    api_schema: schemathesis.BaseSchema,
    room_code: str,
    path_regex: str,
    fixed: dict[str, Any],
    success: int,
) -> None:
    """Real players and a real room with generated constraints, filters, paging and names:
    the same checks, and the real ids do get answers."""
    if "code" in fixed.get("path_parameters", {}):
        fixed = {"path_parameters": {"code": room_code}}
    operations = api_schema.include(path_regex=path_regex)
    statuses: Counter[int] = Counter()

    @given(case=operations.as_strategy(**fixed))
    @settings(GENERATION, max_examples=60)
    def call(case: schemathesis.Case) -> None:
        response = case.call_and_validate(excluded_checks=EXCLUDED_CHECKS)
        statuses[response.status_code] += 1

    call()
    assert statuses[success] + statuses[201] >= 5, statuses
