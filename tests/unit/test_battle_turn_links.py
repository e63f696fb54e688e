"""The per-worker store of a turn's teammate links: one fetch per player and data version,
bounded, and a failed fetch forgotten (the answer is then judged by the pair query)."""

from __future__ import annotations

import asyncio

from graph_api.battle.service.turn_links import TurnLinks
from graph_api.errors import Unavailable
from graph_api.graph.players import PlayerLinks

# Wayne Gretzky, Mark Messier (NHL ids; teammates 1979-88 and 1996-98), Alex Ovechkin.
GRETZKY, MESSIER, OVECHKIN = "8447400", "8449573", "8471214"


class Fetcher:
    def __init__(self, fail: bool = False) -> None:
        self.fetched: list[str] = []
        self.fail = fail

    async def __call__(self, player_id: str) -> PlayerLinks:
        self.fetched.append(player_id)
        await asyncio.sleep(0)
        if self.fail:
            raise Unavailable("Neo4j is not reachable")
        return PlayerLinks(player_id, {MESSIER: ("Mark Messier", ["EDM-19791980"], [19791980], 80)})


async def test_a_player_is_fetched_once_per_data_version() -> None:
    fetch = Fetcher()
    links = TurnLinks(fetch)
    links.prefetch("v1", GRETZKY)
    links.prefetch("v1", GRETZKY)
    found = await links.get("v1", GRETZKY)
    assert found is not None
    assert found.by_id[MESSIER][0] == "Mark Messier"
    assert fetch.fetched == [GRETZKY]
    assert await links.get("v2", GRETZKY) is None  # a new data version forgets them
    links.prefetch("v2", GRETZKY)
    assert await links.get("v2", GRETZKY) is not None
    assert fetch.fetched == [GRETZKY, GRETZKY]


async def test_nothing_is_kept_without_a_data_version_or_a_prefetch() -> None:
    fetch = Fetcher()
    links = TurnLinks(fetch)
    links.prefetch(None, GRETZKY)
    assert await links.get(None, GRETZKY) is None
    assert await links.get("v1", MESSIER) is None
    assert fetch.fetched == []


async def test_a_failed_fetch_is_forgotten() -> None:
    links = TurnLinks(Fetcher(fail=True))
    links.prefetch("v1", GRETZKY)
    assert await links.get("v1", GRETZKY) is None
    assert len(links) == 0


async def test_the_oldest_players_make_room() -> None:
    links = TurnLinks(Fetcher(), size=2)
    for player_id in (GRETZKY, MESSIER, OVECHKIN):
        links.prefetch("v1", player_id)
    assert len(links) == 2
    assert await links.get("v1", GRETZKY) is None
    assert await links.get("v1", OVECHKIN) is not None
