"""``loader status``: what is in the graph."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph_api.settings import Settings
from loader.dataset import read_dataset
from loader.importer import open_repo


@dataclass
class GraphStatus:
    labels: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    first_season: int | None = None
    last_season: int | None = None
    seasons: int = 0
    game_seasons: list[int] = field(default_factory=list)
    version: str | None = None
    data_as_of: Any = None
    loaded_at: Any = None
    sources: list[str] = field(default_factory=list)


async def read_status(settings: Settings) -> GraphStatus:
    repo = open_repo(settings)
    try:
        labels = await repo.read("load/status_labels")
        relationships = await repo.read("load/status_relationships")
        seasons = await repo.read_one("load/status_seasons") or {}
        dataset = await read_dataset(repo)
    finally:
        await repo.close()
    return GraphStatus(
        labels={row["label"]: row["count"] for row in labels},
        relationships={row["type"]: row["count"] for row in relationships},
        first_season=seasons.get("first_season"),
        last_season=seasons.get("last_season"),
        seasons=seasons.get("seasons") or 0,
        game_seasons=list(seasons.get("game_seasons") or []),
        version=dataset.version,
        data_as_of=dataset.data_as_of,
        loaded_at=dataset.loaded_at,
        sources=dataset.sources,
    )
