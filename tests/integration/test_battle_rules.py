"""Rules no game can be played under are refused when the room is created, over the loaded
graph (issue 9): the real oracle, not the Databank stand-in of the unit tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.settings import Settings


@pytest.fixture(scope="module")
def client(loaded_app_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(loaded_app_settings)) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("rules", "error", "says"),
    [
        ({"turn_seconds": 5e-324}, "invalid_input", None),
        ({"from_season": 20902091, "to_season": 20952096}, "unplayable_rules", "challenge"),
        ({"mode": "race", "from_season": 20902091}, "unplayable_rules", "challenge"),
        ({"min_games": 2000, "played_together": True}, "unplayable_rules", "challenge"),
        (
            {"start_player_id": "gretzwa01", "from_season": 20102011},
            "unplayable_rules",
            "Wayne Gretzky has no teammate",
        ),
        (
            {"start_player_id": "8478402", "min_games": 2000, "played_together": True},
            "unplayable_rules",
            "has no teammate",
        ),
    ],
)
def test_unplayable_rules_are_refused(
    client: TestClient, rules: dict[str, Any], error: str, says: str | None
) -> None:
    response = client.post("/battles", json={"name": "Ann", **rules})
    assert (response.status_code, response.json()["error"]) == (422, error), response.text
    if says:
        assert says in response.json()["detail"]


def test_playable_windows_make_rooms(client: TestClient) -> None:
    for rules in (
        {"start_player_id": "gretzwa01", "from_season": 19871988, "to_season": 19871988},
        {"mode": "race", "difficulty": "easy", "from_season": 19801981, "to_season": 19992000},
        {"min_games": 50, "played_together": True, "difficulty": "easy"},
    ):
        response = client.post("/battles", json={"name": "Ann", **rules})
        assert response.status_code == 201, (rules, response.text)
