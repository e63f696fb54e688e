"""A chain answer judged from the link's teammate links fetched when the turn began must get
the very answer the one-pair query gives: same teammate, team-seasons, seasons and games,
under every season window and games-together minimum, by NHL or Databank id, on the real
loaded graph."""

from __future__ import annotations

import copy
from typing import Any

from api_fixtures import (  # noqa: F401 - fixtures
    CROSBY,
    GRETZKY,
    HOWE,
    MCDAVID,
    MESSIER,
    OVECHKIN,
    api_app_fixture,
    graph_repo_fixture,
)
from fastapi import FastAPI

from graph_api.battle.service.graph_repo_oracle import GraphRepoOracle
from graph_api.battle.service.oracle import LinkRules
from graph_api.graph.players import PlayerQueries
from graph_api.models.players import TeammateLink

RULES: list[dict[str, Any]] = [
    {},
    {"from_season": 19791980, "to_season": 19871988},
    {"from_season": 19961997, "to_season": 19971998},
    {"min_games": 1},
    {"min_games": 300},
    {"from_season": 20052006, "min_games": 50},
]


def _seen(link: TeammateLink | None) -> tuple[Any, ...] | None:
    if link is None:
        return None
    return (
        link.player.id,
        link.player.name,
        link.seasons,
        [ts.id for ts in link.team_seasons],
        link.games_together,
    )


async def test_links_of_a_player_judge_every_pair_as_the_pair_query(api_app: FastAPI) -> None:
    players: PlayerQueries = api_app.state.services.queries.players
    for a in (GRETZKY, OVECHKIN, HOWE):
        links = await players.links_of(a)
        assert links.player_id == a
        assert len(links.by_id) > 100, a  # long careers, hundreds of teammates
        teammates = sorted(links.by_id)[:: max(1, len(links.by_id) // 12)]
        for b in [*teammates, MCDAVID, CROSBY, a, "no-such-player"]:
            for rules in RULES:
                expected = await players.are_teammates(a, b, **rules)
                found = await players.link_in(links, b, **rules)
                assert _seen(found) == _seen(expected), (a, b, rules)


async def test_databank_ids_name_the_same_links(api_app: FastAPI) -> None:
    players: PlayerQueries = api_app.state.services.queries.players
    links = await players.links_of("gretzwa01")
    assert links.player_id == GRETZKY
    by_alias = await players.link_in(links, "messima01")
    assert by_alias is not None
    assert _seen(by_alias) == _seen(await players.are_teammates(GRETZKY, MESSIER))


async def test_the_oracle_answers_the_same_with_the_links_fetched(api_app: FastAPI) -> None:
    services = api_app.state.services
    queries = services.queries
    fresh = GraphRepoOracle(
        services.repo, queries.players, queries.paths, queries.challenges, queries.version
    )
    no_pairs = copy.copy(queries.players)

    async def asked_the_pair(*_: Any, **__: Any) -> None:
        raise AssertionError("the prefetched links were not used")

    no_pairs.are_teammates = asked_the_pair
    prefetched = GraphRepoOracle(
        services.repo, no_pairs, queries.paths, queries.challenges, queries.version
    )
    await prefetched.expect_answers(GRETZKY)
    for rules in RULES:
        window = LinkRules(**rules)
        for b in (MESSIER, MCDAVID, "messima01", GRETZKY):
            expected = await fresh.teammate_link(GRETZKY, b, window)
            assert await prefetched.teammate_link(GRETZKY, b, window) == expected, (b, rules)
