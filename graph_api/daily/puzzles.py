"""The puzzle of a date: drawn over the graph by the rule (``graph_api/daily/rule.py``) and
pinned in Redis at its first request, so every worker and every later request of the day
answer the same pair, par and count even if the data is refreshed meanwhile.

Drawing takes seconds on a cold worker (the pool of well-known players, then shortest paths),
so the composition root calls :meth:`DailyPuzzles.warm` in the background at start-up: today's
puzzle is drawn (or read from its pin) then, and kept as the warm answer of its date. A worker
that runs for days also draws each next day's puzzle a little before that day begins (UTC,
:meth:`DailyPuzzles.warm_each_day`), so the first request of a new day is answered warm too.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from graph_api.cache import PerVersion, VersionTracker
from graph_api.daily import rule
from graph_api.daily.store import DailyStore
from graph_api.errors import AppError, Unavailable
from graph_api.graph.paths import PathQueries
from graph_api.graph.repo import GraphRepo
from graph_api.models.daily import DailyPuzzle
from graph_api.models.refs import PlayerRef
from graph_api.observability.metrics import metrics
from graph_api.settings import DailySettings

Today = Callable[[], dt.date]
Now = Callable[[], dt.datetime]
Sleep = Callable[[float], Awaitable[None]]
log = logging.getLogger(__name__)

# Each next day's puzzle is drawn (and pinned) this long before its midnight, UTC.
WARM_AHEAD_S = 120.0


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def seconds_until(day: dt.date, now: dt.datetime) -> float:
    """Seconds from ``now`` to the start of ``day`` (midnight UTC); negative once begun."""
    start = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    return (start - now).total_seconds()


class DailyPuzzles:
    def __init__(
        self,
        repo: GraphRepo,
        paths: PathQueries,
        versions: VersionTracker,
        settings: DailySettings,
        store: DailyStore | None,
        today: Today = rule.today_utc,
    ) -> None:
        self._repo = repo
        self._paths = paths
        self._versions = versions
        self._settings = settings
        self._store = store
        self.today = today
        self._pool = PerVersion(versions, self._read_pool)
        # Puzzles computed ahead of their first request: today's, and tomorrow's near midnight.
        self._warm: dict[dt.date, DailyPuzzle] = {}

    async def warm(self, day: dt.date | None = None) -> None:
        """Compute ``day``'s puzzle (default today) now and keep it, so its first request is
        answered at once; a failure (graph not ready) is logged and that request computes it."""
        day = day or self.today()
        try:
            puzzle = await self._build(day)
        except AppError as exc:
            log.warning("daily puzzle of %s not warmed (%s); drawn on first request", day, exc)
            return
        today = self.today()
        self._warm = {kept: p for kept, p in self._warm.items() if kept >= today} | {day: puzzle}

    async def warm_each_day(self, sleep: Sleep = asyncio.sleep, now: Now = utc_now) -> None:
        """For as long as the worker runs: each next day's puzzle, WARM_AHEAD_S before the
        day begins. Pinned in Redis then, so every worker answers the same pair at midnight."""
        while True:
            tomorrow = self.today() + dt.timedelta(days=1)
            await sleep(max(0.0, seconds_until(tomorrow, now()) - WARM_AHEAD_S))
            await self.warm(tomorrow)
            await sleep(max(0.0, seconds_until(tomorrow, now())))  # into the new day

    async def _warm_answer(self, day: dt.date) -> DailyPuzzle | None:
        """The warm answer if it is ``day``'s and still right: a pinned pair holds all day;
        without Redis (nothing pinned) only while the data version is the one it was drawn on."""
        warm = self._warm.get(day)
        if warm is None:
            return None
        if self._store is None and warm.data_version != (await self._versions.current()).version:
            return None
        return warm

    async def _read_pool(self) -> list[str]:
        rows = await self._repo.read_fast("read/daily_pool", min_games=self._settings.min_games)
        return [row["id"] for row in rows]

    def check(self, day: dt.date | None) -> dt.date:
        """The date asked for (today, UTC, by default); InvalidInput outside the range."""
        today = self.today()
        day = day or today
        rule.check_date(day, today, self._settings.first_date)
        return day

    async def draw(self, day: dt.date) -> dict[str, Any]:
        """The pair the rule gives ``day`` over the current graph (not pinned)."""
        pool = await self._pool.get()
        if len(pool) < 2:
            raise Unavailable("the graph has too few well-known players for a daily puzzle")
        for a, b in rule.candidate_pairs(pool, day):
            path = await self._paths.shortest(a, b)
            if path is None or path.length < self._settings.min_links:
                continue
            count = await self._paths.count_shortest(a, b)
            if count is None:
                continue
            return {
                "from": path.players[0].model_dump(),
                "to": path.players[-1].model_dump(),
                "par": count.distance,
                "shortest_paths": count.paths,
                "difficulty": rule.difficulty_of(count.distance, count.paths),
                "data_version": (await self._versions.current()).version,
            }
        raise Unavailable(
            f"no pair of well-known players {self._settings.min_links}+ links apart in "
            f"{rule.MAX_DRAWS} draws: lower DAILY_MIN_LINKS or DAILY_MIN_GAMES"
        )

    async def pinned(self, day: dt.date) -> dict[str, Any]:
        """The pair of ``day``: the one pinned in Redis, else drawn now (and pinned)."""
        if self._store is None:
            return await self.draw(day)
        found = await self._store.pin_of(day)
        if found is not None:
            return found
        return await self._store.pinned(day, await self.draw(day))

    async def puzzle(self, day: dt.date | None) -> DailyPuzzle:
        day = self.check(day)
        warm = await self._warm_answer(day)
        metrics().daily_puzzles.labels("computed" if warm is None else "warm").inc()
        return warm or await self._build(day)

    async def _build(self, day: dt.date) -> DailyPuzzle:
        pinned = await self.pinned(day)
        past = day < self.today()
        optimal = None
        if past:
            found = await self._paths.all_shortest(
                pinned["from"]["id"], pinned["to"]["id"], limit=self._settings.shown_paths
            )
            optimal = [path.players for path in found.paths]
        return DailyPuzzle.model_validate(
            {
                **pinned,
                "date": day,
                "rule": rule.describe(self._settings.min_games, self._settings.min_links),
                "max_attempts": self._settings.max_attempts,
                "max_chain": self._settings.max_chain,
                "open": not past,
                "optimal_paths": optimal,
            }
        )

    @staticmethod
    def ends(pinned: dict[str, Any]) -> tuple[PlayerRef, PlayerRef]:
        return PlayerRef.model_validate(pinned["from"]), PlayerRef.model_validate(pinned["to"])
