"""The request id, the log format and /metrics in one process (the two-worker sums are in
tests/integration/test_metrics_workers.py)."""

from __future__ import annotations

import io
import json
import logging
import logging.config
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families
from starlette.testclient import TestClient
from starlette.websockets import WebSocket

from graph_api.errors import NotFound, install_error_handlers
from graph_api.observability.install import install_observability
from graph_api.observability.logs import log_config
from graph_api.observability.metrics import count_loader_rows, counts_as_loader_run
from graph_api.settings import LogSettings

log = logging.getLogger("puckpath.test")


def build_app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/things/{thing_id}")
    async def thing(thing_id: str) -> dict[str, str]:
        log.info("looking at %s", thing_id)
        if thing_id == "missing":
            raise NotFound("no such thing")
        return {"id": thing_id}

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("a bug")

    @app.websocket("/ws/echo")
    async def echo(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_text(await websocket.receive_text())
        await websocket.close()

    install_observability(app)
    return app


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(build_app(), raise_server_exceptions=False) as test_client:
        yield test_client


def samples(client: TestClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    found = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def test_the_request_id_is_generated_or_taken_from_the_client(client: TestClient) -> None:
    generated = client.get("/things/a").headers["x-request-id"]
    assert len(generated) == 32
    assert client.get("/things/a").headers["x-request-id"] != generated
    given = client.get("/things/a", headers={"x-request-id": "req-42.abc"})
    assert given.headers["x-request-id"] == "req-42.abc"
    for bad in ("has space", "x" * 129, "semi;colon", "é"):
        answer = client.get("/things/a", headers={"x-request-id": bad.encode("utf-8")})
        assert answer.headers["x-request-id"] != bad
        assert len(answer.headers["x-request-id"]) == 32


def test_errors_carry_the_id_and_the_error_body(client: TestClient) -> None:
    missing = client.get("/things/missing", headers={"x-request-id": "r1"})
    assert (missing.status_code, missing.headers["x-request-id"]) == (404, "r1")
    crashed = client.get("/boom", headers={"x-request-id": "r2"})
    assert crashed.status_code == 500
    assert crashed.headers["x-request-id"] == "r2"
    assert crashed.json()["error"] == "internal_error"


def test_websockets_pass_through_the_middleware(client: TestClient) -> None:
    with client.websocket_connect("/ws/echo", headers={"x-request-id": "ws-1"}) as ws:
        ws.send_text("hi")
        assert ws.receive_text() == "hi"


def test_http_metrics_use_route_templates(client: TestClient) -> None:
    before = samples(client)
    for thing in ("x1", "x2", "x3", "missing"):
        client.get(f"/things/{thing}")
    client.get("/no/such/route")
    after = samples(client)

    def grew(name: str, **labels: str) -> float:
        key = (name, tuple(sorted(labels.items())))
        return after.get(key, 0.0) - before.get(key, 0.0)

    route = "/things/{thing_id}"
    assert grew("puckpath_http_requests_total", method="GET", route=route, status="200") == 3
    assert grew("puckpath_http_requests_total", method="GET", route=route, status="404") == 1
    assert grew("puckpath_http_requests_total", method="GET", route="unmatched", status="404") == 1
    assert grew("puckpath_http_request_duration_seconds_count", method="GET", route=route) == 4
    assert not any("x1" in str(key) for key in after), "raw paths must not become labels"


def test_open_websockets_gauge(client: TestClient) -> None:
    with client.websocket_connect("/ws/echo") as ws:
        assert samples(client)[("puckpath_websockets_open", ())] >= 1
        ws.send_text("x")
        ws.receive_text()
    assert samples(client)[("puckpath_websockets_open", ())] == 0


def test_json_logs_are_one_object_per_line_with_the_request_id(client: TestClient) -> None:
    stream = io.StringIO()
    config = log_config(LogSettings(format="json", level="info"))
    config["handlers"]["default"]["stream"] = stream
    logging.config.dictConfig(config)
    try:
        client.get("/things/logged", headers={"x-request-id": "trace-7"})
        log.info("outside any request")
    finally:
        logging.config.dictConfig({"version": 1, "disable_existing_loggers": False})
        logging.getLogger().handlers.clear()
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    inside = next(line for line in lines if line["message"] == "looking at logged")
    assert inside["request_id"] == "trace-7"
    assert {"time", "level", "logger"} <= set(inside)
    outside = next(line for line in lines if line["message"] == "outside any request")
    assert outside["request_id"] == "-"


def test_text_logs_carry_the_request_id(client: TestClient) -> None:
    stream = io.StringIO()
    config = log_config(LogSettings())
    config["handlers"]["default"]["stream"] = stream
    logging.config.dictConfig(config)
    try:
        client.get("/things/texty", headers={"x-request-id": "trace-8"})
    finally:
        logging.config.dictConfig({"version": 1, "disable_existing_loggers": False})
        logging.getLogger().handlers.clear()
    line = next(x for x in stream.getvalue().splitlines() if "looking at texty" in x)
    assert "[trace-8]" in line


async def test_loader_runs_are_counted_ok_or_failed() -> None:
    @counts_as_loader_run("test-source")
    async def loads(rows: int) -> int:
        count_loader_rows("test-phase", rows)
        return rows

    @counts_as_loader_run("test-source")
    async def breaks() -> None:
        raise ValueError("a bad file")

    def value(name: str, **labels: str) -> float:
        return REGISTRY.get_sample_value(name, labels) or 0.0

    ok = value("puckpath_loader_runs_total", source="test-source", outcome="ok")
    failed = value("puckpath_loader_runs_total", source="test-source", outcome="failed")
    rows = value("puckpath_loader_rows_total", phase="test-phase")
    assert await loads(7) == 7
    with pytest.raises(ValueError, match="a bad file"):
        await breaks()
    assert value("puckpath_loader_runs_total", source="test-source", outcome="ok") == ok + 1
    assert value("puckpath_loader_runs_total", source="test-source", outcome="failed") == failed + 1
    assert value("puckpath_loader_rows_total", phase="test-phase") == rows + 7
