"""What the path-finding routes share per app: the query objects and their caches.

Built on first use from ``app.state.services`` (the repo and the settings) and kept on
``app.state``; the routes get it through the ``Api`` dependency alias.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph_api.cache import PathCache, PerVersion, VersionTracker
from graph_api.deps import get_services
from graph_api.graph.challenges import ChallengeQueries
from graph_api.graph.paths import PathQueries
from graph_api.graph.player_ids import PlayerIds, load_player_ids
from graph_api.graph.players import PlayerQueries
from graph_api.graph.repo import GraphRepo
from graph_api.graph.stats import StatsQueries, load_dataset_info
from graph_api.graph.teams import TeamQueries, TeamSeasonDirectory, load_directory
from graph_api.models.stats import DatasetInfo
from graph_api.settings import PathsSettings


class ApiContext:
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
        self.players = PlayerQueries(repo, self.directory.get, settings, self.player_ids.get)
        self.paths = PathQueries(repo, self.directory.get, settings, self.player_ids.get)
        self.teams = TeamQueries(repo)
        self.stats = StatsQueries(repo, self.paths)
        self.challenges = ChallengeQueries(repo, self.paths, self.versions)

    async def version(self) -> str | None:
        return (await self.versions.current()).version


async def get_api_context(request: Request) -> ApiContext:
    """The app's context, rebuilt when the app's services were (a new lifespan)."""
    services = get_services(request)
    context: ApiContext | None = getattr(request.app.state, "api_context", None)
    if context is None or context.repo is not services.repo:
        context = ApiContext(services.repo, services.settings.paths)
        request.app.state.api_context = context
    return context


Api = Annotated[ApiContext, Depends(get_api_context)]
