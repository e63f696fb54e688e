"""The daily puzzle's services as the composition root builds them (``graph_api/services.py``)."""

from __future__ import annotations

from dataclasses import dataclass

from graph_api.battle.service.oracle import GraphOracle
from graph_api.daily.attempts import DailyAttempts
from graph_api.daily.puzzles import DailyPuzzles
from graph_api.daily.store import DailyStore
from graph_api.graph.queries import GraphQueries
from graph_api.hardening.rate_limit import AddressRateLimit
from graph_api.redis_clients import RedisClient
from graph_api.settings import DailySettings

DAY_S = 86_400


@dataclass(frozen=True)
class DailyGame:
    puzzles: DailyPuzzles
    attempts: DailyAttempts
    # Chains per client address (SECURITY_DAILY_ATTEMPT_RATE_LIMIT), in the same Redis.
    attempt_limit: AddressRateLimit

    @classmethod
    def build(
        cls,
        settings: DailySettings,
        queries: GraphQueries,
        oracle: GraphOracle,
        redis: RedisClient | None,
        attempt_limit: AddressRateLimit,
    ) -> DailyGame:
        """Over the path API's queries and the battles' oracle; attempts need ``redis``
        (without it the puzzle is drawn on every request and attempts answer 503)."""
        store = None
        if redis is not None:
            store = DailyStore(redis, settings.redis_prefix, settings.ttl_days * DAY_S)
        puzzles = DailyPuzzles(queries.repo, queries.paths, queries.versions, settings, store)
        return cls(puzzles, DailyAttempts(puzzles, oracle, store, settings), attempt_limit)
