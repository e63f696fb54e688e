"""Errors of the path API (422 with what is wrong, 503 when Neo4j is away and recovery after),
server-side query timeouts, the path cache flag and the OpenAPI document."""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

import httpx
import pytest
from api_fixtures import GRETZKY, JAGR, MCDAVID, api_app_fixture, api_fixture  # noqa: F401
from fastapi import FastAPI

from graph_api.app import create_app
from graph_api.runtime.providers import free_port
from graph_api.settings import Settings

BAD_REQUESTS = [
    ("/paths/shortest", {"to": GRETZKY}, "from"),
    ("/paths/shortest", {"from": MCDAVID, "to": GRETZKY, "from_season": 19871989}, "season"),
    ("/paths/shortest", {"from": MCDAVID, "to": GRETZKY, "from_season": 1987}, "from_season"),
    (
        "/paths/shortest",
        {"from": MCDAVID, "to": GRETZKY, "from_season": 20002001, "to_season": 19901991},
        "after to_season",
    ),
    ("/paths/shortest", {"from": MCDAVID, "to": GRETZKY, "max_hops": 16}, "max_hops"),
    ("/paths/shortest", {"from": MCDAVID, "to": GRETZKY, "max_hops": 13}, "at most 12"),
    ("/paths/shortest", {"from": MCDAVID, "to": GRETZKY, "min_games": 0}, "min_games"),
    ("/paths/shortest", {"from": MCDAVID, "to": GRETZKY, "teams": "EDM,XYZ"}, "XYZ"),
    ("/paths/shortest", {"from": MCDAVID, "to": GRETZKY, "exclude": "nosuch99"}, "nosuch99"),
    ("/paths/shortest", {"from": MCDAVID, "to": GRETZKY, "exclude": MCDAVID}, "exclude"),
    ("/paths/all", {"from": MCDAVID, "to": GRETZKY, "limit": 101}, "at most 100"),
    ("/paths/all", {"from": MCDAVID, "to": GRETZKY, "limit": 0}, "limit"),
    ("/paths/k", {"from": MCDAVID, "to": GRETZKY, "k": 11}, "at most 10"),
    ("/players", {"q": ""}, "q"),
    ("/players", {"q": "!!!"}, "letter"),
    ("/players", {"q": "jagr", "limit": 51}, "limit"),
    (f"/players/{JAGR}/teammates", {"season": 19901992}, "season"),
    (f"/players/{JAGR}/teammates", {"offset": -1}, "offset"),
    ("/challenges/random", {"difficulty": "insane"}, "difficulty"),
]


@pytest.mark.parametrize(("url", "params", "says"), BAD_REQUESTS)
async def test_bad_parameters_are_422_saying_what_is_wrong(
    api: httpx.AsyncClient, url: str, params: dict[str, Any], says: str
) -> None:
    response = await api.get(url, params=params)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "invalid_input"
    assert says in str(body["detail"])


async def test_path_answers_are_cached_per_request(api: httpx.AsyncClient) -> None:
    params = {"from": MCDAVID, "to": GRETZKY, "max_hops": 9}
    first = (await api.get("/paths/shortest", params=params)).json()
    second = (await api.get("/paths/shortest", params=params)).json()
    assert first["cached"] is False
    assert second["cached"] is True
    assert {**second, "cached": False} == first
    assert first["data_version"]
    other = (await api.get("/paths/shortest", params={**params, "max_hops": 8})).json()
    assert other["cached"] is False


async def test_openapi_documents_the_api_with_real_examples(api: httpx.AsyncClient) -> None:
    schema = (await api.get("/openapi.json")).json()
    for path in (
        "/players",
        "/players/{player_id}",
        "/players/{player_id}/teammates",
        "/players/{player_id}/distance",
        "/paths/shortest",
        "/paths/all",
        "/paths/k",
        "/stats/graph",
        "/challenges/random",
        "/teams",
        "/teams/{code}/seasons/{season}",
    ):
        assert path in schema["paths"], path
        assert {"404", "422", "503"} <= set(schema["paths"][path]["get"]["responses"])
    params = {p["name"]: p for p in schema["paths"]["/paths/shortest"]["get"]["parameters"]}
    assert MCDAVID in params["from"]["schema"]["examples"] or MCDAVID in params["from"].get(
        "examples", [MCDAVID]
    )
    answer = schema["components"]["schemas"]["PathAnswer"]
    assert {"from", "to", "path", "reason", "cached"} <= set(answer["properties"])


class TcpProxy:
    """A real TCP proxy to Neo4j's Bolt port; ``stop`` cuts every connection."""

    def __init__(self, port: int, target_host: str, target_port: int) -> None:
        self.port = port
        self.target = (target_host, target_port)
        self.server: asyncio.Server | None = None
        self.writers: list[asyncio.StreamWriter] = []
        self.pipes: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)

    async def stop(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in self.writers:
            writer.close()
        for pipe in list(self.pipes):
            pipe.cancel()
        self.writers.clear()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.target)
        self.writers.extend([writer, up_writer])
        for job in (self._pump(reader, up_writer), self._pump(up_reader, writer)):
            pipe = asyncio.create_task(job)
            self.pipes.add(pipe)
            pipe.add_done_callback(self.pipes.discard)

    @staticmethod
    async def _pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, OSError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        writer.close()


def app_via(settings: Settings, uri: str, **paths: Any) -> FastAPI:
    """An app on Neo4j at ``uri`` with these path settings (battle rooms in memory)."""
    update = {
        "neo4j": settings.neo4j.model_copy(update={"uri": uri}),
        "paths": settings.paths.model_copy(update=paths),
        "battle": settings.battle.model_copy(update={"store": "memory"}),
    }
    return create_app(settings.model_copy(update=update))


async def test_neo4j_down_is_503_and_recovers(loaded_app_settings: Settings) -> None:
    assert loaded_app_settings.neo4j.uri
    host, _, port = loaded_app_settings.neo4j.uri.rpartition("//")[2].partition(":")
    proxy = TcpProxy(free_port(), host, int(port))
    app = app_via(loaded_app_settings, f"bolt://127.0.0.1:{proxy.port}", cache_size=0)
    params = {"from": MCDAVID, "to": GRETZKY}
    await proxy.start()
    try:
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as api,
        ):
            assert (await api.get("/paths/shortest", params=params)).status_code == 200
            await proxy.stop()
            started = time.monotonic()
            down = await api.get("/paths/shortest", params=params)
            assert down.status_code == 503
            assert down.json()["error"] == "unavailable"
            assert (await api.get("/players", params={"q": "jagr"})).status_code == 503
            assert time.monotonic() - started < 10  # fails fast, no long retry loop
            await proxy.start()
            statuses = []
            for _ in range(5):
                statuses.append((await api.get("/paths/shortest", params=params)).status_code)
                if statuses[-1] == 200:
                    break
            assert statuses[-1] == 200, statuses
    finally:
        await proxy.stop()


async def test_queries_have_a_server_side_timeout(loaded_app_settings: Settings) -> None:
    assert loaded_app_settings.neo4j.uri
    app = app_via(loaded_app_settings, loaded_app_settings.neo4j.uri, query_timeout_s=0.001)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as api,
    ):
        # A breadth-first search over the whole graph from a 1920s player takes far over 1 ms.
        response = await api.get("/stats/graph", params={"hub": "dyeba01"})
        assert response.status_code == 503
        assert "too long" in response.json()["detail"]
