"""A closed battle socket is freed by reference counting, not left to the garbage collector.

The workers run the collector's older generations rarely (``GC_THRESHOLDS``,
docs/operations.md "Workers' memory and pauses"), so whatever a closed connection leaves in a
reference cycle waits there and costs a long pause when it is finally walked. Our
connection object and its outbound queue must hold no cycle between them."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator

import pytest
from battle_client import closed_with, create, join
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.battle.websocket.connection import BattleConnection
from graph_api.battle.websocket.outbound import Outbound
from graph_api.settings import Settings


@pytest.fixture(scope="module")
def client(loaded_app_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(loaded_app_settings)) as test_client:
        yield test_client


def connection_objects() -> list[object]:
    return [o for o in gc.get_objects() if isinstance(o, BattleConnection | Outbound)]


def test_a_closed_connection_is_freed_without_the_collector(client: TestClient) -> None:
    room = create(client, start_player_id="gretzwa01")
    gc.collect()
    gc.disable()
    try:
        with client.websocket_connect(room["ws_path"]) as ws:
            join(ws, token=room["token"])
            assert len(connection_objects()) == 2  # the live connection and its queue
            ws.send_json({"type": "leave"})
            assert closed_with(ws)[0] == 1000
        deadline = time.monotonic() + 10  # the server side ends its clean-up on its own
        while connection_objects() and time.monotonic() < deadline:
            time.sleep(0.1)
        left = connection_objects()
    finally:
        gc.enable()
    assert left == []
