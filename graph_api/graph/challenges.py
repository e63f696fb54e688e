"""Random challenges: a pair of players whose shortest path matches a difficulty.

Easy pairs are two well-known players (400+ games) two hops apart with several common
teammates; medium pairs are regulars three hops apart (or two hops with a single link);
hard pairs are four or more hops apart (or three with only a few shortest paths).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from graph_api.cache import VersionTracker
from graph_api.errors import Unavailable
from graph_api.graph.paths import PathQueries
from graph_api.graph.repo import GraphRepo
from graph_api.models.challenges import Challenge, Difficulty

__all__ = ["RULES", "Challenge", "ChallengeQueries", "ChallengeRule", "random_challenge"]


@dataclass(frozen=True)
class ChallengeRule:
    """Who may be drawn (``min_games``) and which (distance, number of paths) qualify."""

    min_games: int
    distances: frozenset[int]  # distances worth counting the paths of
    accepts: Callable[[int, int], bool]

    def may_fit(self, distance: int) -> bool:
        return distance in self.distances

    def fits(self, distance: int, paths: int) -> bool:
        return distance in self.distances and self.accepts(distance, paths)


RULES: dict[Difficulty, ChallengeRule] = {
    "easy": ChallengeRule(400, frozenset({2}), lambda d, n: n >= 3),
    "medium": ChallengeRule(200, frozenset({2, 3}), lambda d, n: d == 3 or n == 1),
    "hard": ChallengeRule(82, frozenset(range(3, 16)), lambda d, n: d >= 4 or n <= 3),
}
MAX_ATTEMPTS = 200


class ChallengeQueries:
    """Draws random pairs from a pool of players until one fits the difficulty."""

    def __init__(self, repo: GraphRepo, paths: PathQueries, versions: VersionTracker) -> None:
        self._repo = repo
        self._paths = paths
        self._versions = versions
        self._pools: dict[tuple[str | None, int], list[str]] = {}

    async def _pool(self, min_games: int) -> list[str]:
        version = (await self._versions.current()).version
        key = (version, min_games)
        if key not in self._pools:
            rows = await self._repo.read_fast("read/player_pool", min_games=min_games)
            self._pools = {k: v for k, v in self._pools.items() if k[0] == version}
            self._pools[key] = [row["id"] for row in rows]
        return self._pools[key]

    async def random_challenge(
        self, difficulty: Difficulty, rng: random.Random | None = None
    ) -> Challenge:
        rule = RULES[difficulty]
        rng = rng or random.Random()
        pool = await self._pool(rule.min_games)
        if len(pool) < 2:
            raise Unavailable("the graph has too few players for a challenge")
        version = (await self._versions.current()).version
        for _ in range(MAX_ATTEMPTS):
            a, b = rng.sample(pool, 2)
            path = await self._paths.shortest(a, b)
            if path is None or not rule.may_fit(path.length):
                continue
            count = await self._paths.count_shortest(a, b)
            if count is None or not rule.fits(count.distance, count.paths):
                continue
            return Challenge.model_validate(
                {
                    "difficulty": difficulty,
                    "from": path.players[0],
                    "to": path.players[-1],
                    "distance": count.distance,
                    "shortest_paths": count.paths,
                    "data_version": version,
                }
            )
        raise Unavailable(f"no {difficulty} challenge found in {MAX_ATTEMPTS} random draws")


async def random_challenge(
    queries: ChallengeQueries, difficulty: Difficulty
) -> Challenge:  # the function form of ChallengeQueries.random_challenge
    return await queries.random_challenge(difficulty)
