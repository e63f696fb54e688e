"""``loader status``: what is in the graph."""

from __future__ import annotations

import hashlib
import json
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


async def graph_digest(settings: Settings, ignore: tuple[str, ...] = ()) -> str:
    """sha256 of every node and relationship with all its properties, in a fixed order.

    Two graphs with the same digest hold the same data; ``ignore`` leaves properties out
    (e.g. ``loaded_at`` to compare two loads made at different times).
    """
    repo = open_repo(settings)
    try:
        nodes = await repo.read("load/dump_nodes")
        rels = await repo.read("load/dump_relationships")
    finally:
        await repo.close()

    def clean(props: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in props.items() if k not in ignore}

    lines = sorted(
        json.dumps([n["key"], sorted(n["labels"]), clean(n["props"])], default=str, sort_keys=True)
        for n in nodes
    )
    for row in sorted(rels, key=lambda r: str(r["start"])):
        out = sorted(
            json.dumps([t, end, clean(props)], default=str, sort_keys=True)
            for t, end, props in row["rels"]
        )
        lines.append(json.dumps([row["start"], out]))
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode())
        digest.update(b"\n")
    return digest.hexdigest()


async def wipe_graph(settings: Settings, batch: int = 20_000) -> None:
    """Delete every relationship and node, in batches (constraints and indexes stay)."""
    repo = open_repo(settings)
    try:
        for query in ("load/delete_relationships_batch", "load/delete_nodes_batch"):
            while True:
                rows = await repo.write(query, limit=batch)
                if not rows or not rows[0]["deleted"]:
                    break
    finally:
        await repo.close()
