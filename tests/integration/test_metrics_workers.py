"""Operations against real uvicorn processes: /metrics summed over two workers, the request
id on a WebSocket handshake, the Origin allowlist, and the room rate limit shared through
Redis by two processes."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import redis
from battle_workers import Client, running_workers, worker_env
from prometheus_client.parser import text_string_to_metric_families
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from graph_api.runtime.providers import Neo4jEndpoint, RedisEndpoint, free_port

REQUESTS = 60


class TwoWorkers:
    """``uvicorn --workers 2`` with a metrics folder, as ``puckpath serve`` runs it."""

    def __init__(self, env: dict[str, str], metrics_dir: Path, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.metrics_dir = metrics_dir
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable, "-m", "uvicorn", "--factory", "graph_api.asgi:make_app",
                    "--host", "127.0.0.1", "--port", str(self.port), "--workers", "2",
                    "--log-level", "warning", "--timeout-graceful-shutdown", "5",
                ],
                env={**env, "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)},
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )  # fmt: skip
        self.log = log

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text(errors="replace")
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"uvicorn did not start:\n{self.log.read_text(errors='replace')}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


@pytest.fixture(scope="module")
def server(
    loaded_neo4j: Neo4jEndpoint,
    redis_endpoint: RedisEndpoint,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[TwoWorkers]:
    folder = tmp_path_factory.mktemp("metrics-workers")
    metrics_dir = folder / "metrics"
    metrics_dir.mkdir()
    env = worker_env(loaded_neo4j, redis_endpoint.url, redis_prefix=f"test:metrics:{os.getpid()}:")
    started = TwoWorkers(env, metrics_dir, folder / "uvicorn.log")
    try:
        started.wait_ready()
        yield started
    finally:
        started.stop()


def scrape(url: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = httpx.get(f"{url}/metrics", headers={"Connection": "close"}, timeout=10)
    assert response.status_code == 200
    found = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def health_count(url: str) -> float:
    key = (
        "puckpath_http_requests_total",
        (("method", "GET"), ("route", "/health"), ("status", "200")),
    )
    return scrape(url).get(key, 0.0)


def test_counts_add_up_across_two_workers(server: TwoWorkers) -> None:
    before = health_count(server.url)

    def one(_: int) -> int:
        # A new connection each time, so the kernel hands them to both workers.
        return httpx.get(f"{server.url}/health", headers={"Connection": "close"}).status_code

    # /health answering says one worker is up; the second may still be starting on a busy
    # machine, so ask in batches until both have answered (each keeps its own counter file).
    sent = 0
    deadline = time.monotonic() + 60
    with ThreadPoolExecutor(max_workers=12) as pool:
        while True:
            assert set(pool.map(one, range(REQUESTS))) == {200}
            sent += REQUESTS
            pids = {p.stem.rsplit("_", 1)[-1] for p in server.metrics_dir.glob("counter_*.db")}
            if len(pids) >= 2 or time.monotonic() > deadline:
                break
            time.sleep(1)
    assert len(pids) >= 2, f"only one worker answered in 60 s: {pids}"
    # Whichever worker answers the scrape reports every worker's requests.
    for _ in range(6):
        assert health_count(server.url) - before == sent


async def test_open_websockets_and_the_request_id_on_the_handshake(server: TwoWorkers) -> None:
    async with httpx.AsyncClient() as http:
        room = (await http.post(f"{server.url}/battles", json={"name": "Ann"})).json()
    ws_url = server.url.replace("http", "ws") + room["ws_path"]
    async with connect(ws_url, additional_headers={"X-Request-ID": "ws-trace-1"}) as ws:
        assert ws.response is not None
        assert ws.response.headers["x-request-id"] == "ws-trace-1"
        await ws.send(json.dumps({"type": "join", "v": 1, "token": room["token"]}))
        assert json.loads(await ws.recv())["type"] == "welcome"
        for _ in range(4):  # either worker answers the scrape; the gauge is summed
            gauges = await asyncio.to_thread(scrape, server.url)
            assert gauges[("puckpath_websockets_open", ())] == 1
        assert gauges[("puckpath_battle_rooms_created_total", (("mode", "chain"),))] >= 1
    await asyncio.sleep(0.5)
    assert (await asyncio.to_thread(scrape, server.url))[("puckpath_websockets_open", ())] == 0


async def test_a_foreign_origin_is_refused_with_1008(server: TwoWorkers) -> None:
    async with httpx.AsyncClient() as http:
        room = (await http.post(f"{server.url}/battles", json={"name": "Ann"})).json()
    ws_url = server.url.replace("http", "ws") + room["ws_path"]
    async with connect(ws_url, origin="https://evil.example") as ws:  # type: ignore[arg-type]
        frame = json.loads(await ws.recv())
        assert (frame["type"], frame["code"]) == ("error", "origin_not_allowed")
        with pytest.raises(ConnectionClosed):
            await ws.recv()
        assert ws.close_code == 1008
    same_origin = server.url  # the page served by this service
    async with connect(ws_url, origin=same_origin) as ws:  # type: ignore[arg-type]
        await ws.send(json.dumps({"type": "join", "v": 1, "spectate": True}))
        assert json.loads(await ws.recv())["type"] == "welcome"


def test_stopped_workers_leave_no_live_gauges(
    loaded_neo4j: Neo4jEndpoint,
    redis_endpoint: RedisEndpoint,
    tmp_path: Path,
) -> None:
    env = worker_env(loaded_neo4j, redis_endpoint.url)
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    server = TwoWorkers(env, metrics_dir, tmp_path / "uvicorn.log")
    try:
        server.wait_ready()
        scrape(server.url)
        assert list(metrics_dir.glob("gauge_livesum_*.db")), "workers record the live gauge"
    finally:
        server.stop()
    assert not list(metrics_dir.glob("gauge_livesum_*.db")), "marked dead on exit"
    assert list(metrics_dir.glob("counter_*.db")), "counters outlive the workers"


def test_the_room_rate_limit_is_shared_by_two_processes(
    loaded_neo4j: Neo4jEndpoint,
    redis_endpoint: RedisEndpoint,
    tmp_path: Path,
) -> None:
    env = worker_env(loaded_neo4j, redis_endpoint.url, redis_prefix=f"test:rl:{os.getpid()}:")
    env["SECURITY_ROOM_RATE_LIMIT"] = "3/minute"
    with running_workers(2, env, tmp_path) as (one, two):
        # Start clean: the counters are per client address and live in the shared Redis.
        client = redis.Redis.from_url(redis_endpoint.url)
        for key in client.scan_iter("puckpath:limits*"):
            client.delete(key)
        client.close()
        answers = [
            httpx.post(f"{worker.http}/battles", json={"name": "Ann"})
            for worker in (one, two, one, two)
        ]
    assert [a.status_code for a in answers] == [201, 201, 201, 429]
    refused = answers[-1]
    assert refused.json()["error"] == "rate_limited"
    assert 1 <= int(refused.headers["retry-after"]) <= 60


async def test_a_guess_is_timed_to_its_broadcast(server: TwoWorkers) -> None:
    async with httpx.AsyncClient() as http:
        answer = await http.post(
            f"{server.url}/battles", json={"name": "Ann", "start_player_id": "gretzwa01"}
        )
    room = answer.json()
    ws_url = server.url.replace("http", "ws") + room["ws_path"]
    key = ("puckpath_battle_guess_broadcast_seconds_count", (("mode", "chain"),))
    before = (await asyncio.to_thread(scrape, server.url)).get(key, 0.0)
    ann = await Client.open(ws_url, "Ann", token=room["token"])
    bob = await Client.open(ws_url, "Bob", name="Bob")
    try:
        for client in (ann, bob):
            await client.send({"type": "ready"})
        await ann.count("player_ready", 2)
        await ann.send({"type": "start"})
        await ann.next("turn")
        await ann.send({"type": "guess", "text": "Mark Messier"})
        assert (await bob.next("guess"))["verdict"] == "valid"
    finally:
        for client in (ann, bob):
            await client.close()
    after = (await asyncio.to_thread(scrape, server.url)).get(key, 0.0)
    assert after - before == 1
