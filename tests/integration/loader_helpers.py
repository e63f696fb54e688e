"""Helpers of the loader's integration tests: settings for a server, and graph reads."""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr

from graph_api.runtime.providers import Neo4jEndpoint
from graph_api.settings import LoaderSettings, Neo4jSettings, Settings
from loader.dataset import read_dataset
from loader.importer import open_repo
from loader.status import graph_digest


def settings_on(endpoint: Neo4jEndpoint, **loader: Any) -> Settings:
    return Settings(
        neo4j=Neo4jSettings(
            uri=endpoint.uri, user=endpoint.user, password=SecretStr(endpoint.password)
        ),
        loader=LoaderSettings(**loader),
    )


async def read(settings: Settings, query: str, **params: Any) -> list[dict[str, Any]]:
    repo = open_repo(settings)
    try:
        return await repo.read(query, **params)
    finally:
        await repo.close()


async def counts(settings: Settings) -> dict[str, int]:
    labels = await read(settings, "load/status_labels")
    rels = await read(settings, "load/status_relationships")
    return {**{r["label"]: r["count"] for r in labels}, **{r["type"]: r["count"] for r in rels}}


async def digest(settings: Settings, exact_time: bool = False) -> str:
    """The graph's digest (every node, every 25th player's relationships exactly, sums of
    all relationship properties); ``loaded_at`` left out unless ``exact_time``."""
    ignore = () if exact_time else ("loaded_at",)
    return await graph_digest(settings, ignore=ignore, sample_every=25)


async def dataset_version(settings: Settings) -> str | None:
    repo = open_repo(settings)
    try:
        return (await read_dataset(repo)).version
    finally:
        await repo.close()
