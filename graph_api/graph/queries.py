"""The query objects over one graph, sharing the data version, the team-season directory
and the path cache: what the REST routes and the battles' graph oracle ask.

Built once per app by the composition root (``graph_api/services.py``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

from graph_api.cache import Answer, PathCache, PerVersion, VersionTracker
from graph_api.graph.centres import CentreQueries
from graph_api.graph.challenges import ChallengeQueries
from graph_api.graph.path_graph import PathGraphQueries
from graph_api.graph.paths import PathQueries
from graph_api.graph.player_ids import PlayerIds, load_player_ids
from graph_api.graph.players import PlayerQueries
from graph_api.graph.repo import GraphRepo
from graph_api.graph.stats import StatsQueries, load_dataset_info
from graph_api.graph.teams import TeamQueries, TeamSeasonDirectory, load_directory
from graph_api.models.stats import DatasetInfo, GraphStats
from graph_api.settings import PathsSettings


class GraphQueries:
    def __init__(self, repo: GraphRepo, settings: PathsSettings) -> None:
        self.repo = repo
        self.settings = settings

        async def dataset() -> DatasetInfo:
            return await load_dataset_info(repo)

        async def directory() -> TeamSeasonDirectory:
            return await load_directory(repo)

        async def player_ids() -> PlayerIds:
            return await load_player_ids(repo)

        self.versions = VersionTracker(dataset, settings.version_ttl_s)
        self.directory = PerVersion(self.versions, directory)
        self.player_ids = PerVersion(self.versions, player_ids)
        self.cache = PathCache(settings.cache_size)
        # Answers still being computed after their budget ran out, by (version, key).
        self._unfinished: dict[tuple[str | None, Hashable], asyncio.Future[Any]] = {}
        self.players = PlayerQueries(repo, self.directory.get, settings, self.player_ids.get)
        self.paths = PathQueries(repo, self.directory.get, settings, self.player_ids.get)
        self.teams = TeamQueries(repo)
        self.stats = StatsQueries(repo, self.paths)
        self.challenges = ChallengeQueries(repo, self.paths, self.versions)
        self.centres = CentreQueries(repo, self.directory.get, self.paths, settings.query_timeout_s)

        async def read(name: str, **params: Any) -> list[dict[str, Any]]:
            return await repo.read_fast(name, timeout_s=settings.query_timeout_s, **params)

        self.path_graph = PathGraphQueries(self.paths, read)

    async def dataset_now(self) -> DatasetInfo:
        """The Dataset node as it is now (not the version tracker's copy of a second ago)."""
        return await load_dataset_info(self.repo)

    async def version(self) -> str | None:
        return (await self.versions.current()).version

    async def graph_stats(self, hub: str | None = None) -> GraphStats:
        """Sizes and the distances from ``hub`` (default ``PATHS_HUB_ID``, left out while the
        history loads and he is not in the graph yet), computed once per data version."""
        hub_id = hub or self.settings.hub_id

        async def compute(dataset: DatasetInfo) -> GraphStats:
            return await self.stats.graph_stats(hub_id, dataset, hub_optional=hub is None)

        return await self.cached(("stats", hub_id), GraphStats, compute)

    async def cached(
        self,
        key: Hashable,
        kind: type[Answer],
        compute: Callable[[DatasetInfo], Awaitable[Answer]],
    ) -> Answer:
        """The answer under ``key`` for the current data version: from the path cache (a
        copy marked ``cached``), else ``compute(dataset)``, kept for the next asker."""
        dataset = await self.versions.current()
        found = self.cache.get(dataset.version, key, kind)
        if found is not None:
            return found
        answer = await compute(dataset)
        self.cache.put(dataset.version, key, answer)
        return answer

    async def cached_within(
        self,
        key: Hashable,
        kind: type[Answer],
        compute: Callable[[DatasetInfo], Awaitable[Answer]],
        budget_s: float,
        quick: Callable[[DatasetInfo], Awaitable[Answer]],
    ) -> Answer:
        """As :meth:`cached`, but when ``compute`` takes longer than ``budget_s`` the asker
        gets ``quick(dataset)`` (never cached) while ``compute`` goes on in the background
        and its answer is kept for the next asker (one computation per key and version)."""
        dataset = await self.versions.current()
        found = self.cache.get(dataset.version, key, kind)
        if found is not None:
            return found
        slot = (dataset.version, key)
        running = self._unfinished.get(slot)
        if running is None:
            running = asyncio.ensure_future(compute(dataset))
            self._unfinished[slot] = running
            running.add_done_callback(lambda done: self._settle(slot, done))
        try:
            answer: Answer = await asyncio.wait_for(asyncio.shield(running), budget_s)
        except TimeoutError:
            return await quick(dataset)
        return answer

    def _settle(self, slot: tuple[str | None, Hashable], done: asyncio.Future[Any]) -> None:
        self._unfinished.pop(slot, None)
        if done.cancelled() or done.exception() is not None:
            return  # the asker within the budget saw the error; a later one tries again
        self.cache.put(slot[0], slot[1], done.result())
