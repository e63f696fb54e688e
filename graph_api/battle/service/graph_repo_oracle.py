"""The battles' :class:`GraphOracle` over the graph: the REST API's own query objects (the same
search, teammate check, paths and challenges, over the same GraphRepo) plus one
battle-specific query for the post-game hints."""

from __future__ import annotations

import random
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from graph_api.battle.game.state import PlayerRef
from graph_api.battle.service.oracle import Candidate, Challenge, LinkRules, Teammate, Unplayable
from graph_api.graph.challenges import ChallengeQueries
from graph_api.graph.paths import PathConstraints, PathQueries
from graph_api.graph.players import PlayerQueries
from graph_api.graph.repo import GraphRepo
from graph_api.models.challenges import Difficulty
from graph_api.models.refs import PlayerRef as GraphPlayer
from graph_api.models.seasons import OPEN_FROM, OPEN_TO
from graph_api.names import fold_name

CHALLENGE_DRAWS = 20
KNOWN_PLAYERS = 50_000
Version = Callable[[], Awaitable[str | None]]


class KnownPlayers:
    """Players by id for one data version: a wrong answer by id then costs no extra query."""

    def __init__(self, size: int = KNOWN_PLAYERS) -> None:
        self._size = size
        self._version: str | None = None
        self._refs: OrderedDict[str, PlayerRef] = OrderedDict()

    def get(self, version: str | None, player_id: str) -> PlayerRef | None:
        if version is None or version != self._version:
            self._refs.clear()
            self._version = version
            return None
        found = self._refs.get(player_id)
        if found is not None:
            self._refs.move_to_end(player_id)
        return found

    def put(self, version: str | None, player: PlayerRef) -> None:
        if version is None or version != self._version:
            return
        self._refs[player.id] = player
        if len(self._refs) > self._size:
            self._refs.popitem(last=False)


def constraints(rules: LinkRules) -> PathConstraints:
    return PathConstraints(
        from_season=rules.from_season,
        to_season=rules.to_season,
        min_games=rules.min_games or None,
    )


def _ref(player: GraphPlayer) -> PlayerRef:
    return PlayerRef(id=player.id, name=player.name)


class GraphRepoOracle:
    def __init__(
        self,
        repo: GraphRepo,
        players: PlayerQueries,
        paths: PathQueries,
        challenges: ChallengeQueries,
        version: Version,
        rng: random.Random | None = None,
    ) -> None:
        self._repo = repo
        self._players = players
        self._paths = paths
        self._challenges = challenges
        self._version = version
        self._known = KnownPlayers()
        self._rng = rng or random.Random()

    async def player(self, player_id: str) -> PlayerRef | None:
        version = await self._version()
        known = self._known.get(version, player_id)
        if known is not None:
            return known
        found = await self._paths.players([player_id])
        if player_id not in found:
            return None
        player = _ref(found[player_id])
        self._known.put(version, player)
        return player

    async def search(self, text: str, limit: int) -> list[Candidate]:
        hits = await self._players.search(text, limit)
        return [
            Candidate(
                id=hit.id,
                name=hit.name,
                search_name=fold_name(hit.name),
                first_season=hit.first_season,
                last_season=hit.last_season,
                position=hit.position,
            )
            for hit in hits
        ]

    async def teammate_link(self, a_id: str, b_id: str, rules: LinkRules) -> Teammate | None:
        if a_id == b_id:
            return None
        link = await self._players.are_teammates(
            a_id,
            b_id,
            min_games=rules.min_games or None,
            from_season=rules.from_season,
            to_season=rules.to_season,
        )
        if link is None or not link.team_seasons:
            return None
        player = _ref(link.player)
        self._known.put(await self._version(), player)
        return Teammate(player, tuple(sorted(ts.id for ts in link.team_seasons)))

    async def challenge(self, difficulty: Difficulty, rules: LinkRules) -> Challenge:
        """A challenge at this difficulty whose players connect under the room's rules;
        ``optimal_hops`` is the shortest path under those rules."""
        limits = constraints(rules)
        for _ in range(CHALLENGE_DRAWS):
            drawn = await self._challenges.random_challenge(difficulty, self._rng)
            start, target = drawn.source, drawn.target
            if not limits.filters_links:
                return Challenge(_ref(start), _ref(target), drawn.distance)
            count = await self._paths.count_shortest(start.id, target.id, limits)
            if count is not None:
                return Challenge(_ref(start), _ref(target), count.distance)
        raise Unplayable(
            f"no {difficulty} challenge connects under this room's rules: widen the season"
            " window, lower the games-together minimum or choose another difficulty"
        )

    async def optimal_paths(
        self, a_id: str, b_id: str, rules: LinkRules, limit: int
    ) -> list[list[PlayerRef]]:
        if limit <= 1:  # one path: the bidirectional search, no counting of all of them
            path = await self._paths.shortest(a_id, b_id, constraints(rules))
            return [[_ref(player) for player in path.players]] if path else []
        found = await self._paths.all_shortest(a_id, b_id, constraints(rules), limit)
        return [[_ref(player) for player in path.players] for path in found.paths]

    async def teammates(
        self, player_id: str, rules: LinkRules, limit: int, exclude: list[str]
    ) -> list[PlayerRef]:
        rows = await self._repo.read_fast(
            "read/battle_teammates",
            id=player_id,
            exclude=exclude,
            limit=limit,
            from_season=rules.from_season or OPEN_FROM,
            to_season=rules.to_season or OPEN_TO,
            min_games=rules.min_games,
        )
        return [PlayerRef(id=row["id"], name=row["name"]) for row in rows]
