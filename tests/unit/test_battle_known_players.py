"""The per-version player cache of the graph oracle."""

from __future__ import annotations

from graph_api.battle.game.state import PlayerRef
from graph_api.battle.service.graph_repo_oracle import KnownPlayers

GRETZKY = PlayerRef(id="gretzwa01", name="Wayne Gretzky")
MESSIER = PlayerRef(id="messima01", name="Mark Messier")


def test_players_are_known_for_one_data_version_only() -> None:
    known = KnownPlayers()
    assert known.get("v1", GRETZKY.id) is None  # first sight of v1
    known.put("v1", GRETZKY)
    assert known.get("v1", GRETZKY.id) == GRETZKY
    assert known.get("v2", GRETZKY.id) is None  # a reload forgets everything
    known.put("v1", MESSIER)  # an answer computed for the old version is not kept
    assert known.get("v2", MESSIER.id) is None


def test_no_version_means_no_caching() -> None:
    known = KnownPlayers()
    known.get(None, GRETZKY.id)
    known.put(None, GRETZKY)
    assert known.get(None, GRETZKY.id) is None


def test_the_least_recently_used_player_goes_first() -> None:
    known = KnownPlayers(size=1)
    known.get("v1", "x")
    known.put("v1", GRETZKY)
    known.put("v1", MESSIER)
    assert known.get("v1", GRETZKY.id) is None
    assert known.get("v1", MESSIER.id) == MESSIER
