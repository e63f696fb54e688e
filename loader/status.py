"""``loader status``: what is in the graph."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from graph_api.settings import Settings
from loader.dataset import read_dataset
from loader.importer import open_repo

DIGEST_BATCH = 500


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
    # TEAMMATE_OF links stored from the larger player id: the path queries expect none.
    teammates_backwards: int = 0


async def read_status(settings: Settings) -> GraphStatus:
    repo = open_repo(settings)
    try:
        labels = await repo.read("load/status_labels")
        relationships = await repo.read("load/status_relationships")
        seasons = await repo.read_one("load/status_seasons") or {}
        dataset = await read_dataset(repo)
        backwards = await repo.read_one("load/teammates_stored_backwards") or {}
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
        teammates_backwards=backwards.get("backwards") or 0,
    )


async def graph_digest(
    settings: Settings, ignore: tuple[str, ...] = (), sample_every: int = 1
) -> str:
    """sha256 of every node and relationship with all its properties, in a fixed order.

    Two graphs with the same digest hold the same data; ``ignore`` leaves properties out
    (e.g. ``loaded_at`` to compare two loads made at different times). Relationships are
    read per start node (players, team-seasons: every type starts at one of them).
    ``sample_every=n`` reads only every n-th player's relationships exactly (a full read
    takes minutes) and adds sums over every property of every relationship.
    """

    def clean(props: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in props.items() if k not in ignore}

    def line(value: Any) -> str:
        return json.dumps(value, default=str, sort_keys=True)

    repo = open_repo(settings)
    digest = hashlib.sha256()
    try:
        nodes = await repo.read("load/dump_nodes")
        for text in sorted(line([n["key"], sorted(n["labels"]), clean(n["props"])]) for n in nodes):
            digest.update(text.encode() + b"\n")
        seen = 0
        for label, query in (
            ("Player", "load/dump_player_relationships"),
            ("TeamSeason", "load/dump_team_season_relationships"),
        ):
            keys = sorted(str(n["key"]) for n in nodes if label in n["labels"])
            if label == "Player":
                keys = keys[::sample_every]
            for start in range(0, len(keys), DIGEST_BATCH):
                rows = await repo.read(query, ids=keys[start : start + DIGEST_BATCH])
                for row in sorted(rows, key=lambda r: str(r["start"])):
                    rels = sorted(
                        repr((t, end, sorted(clean(p).items()))) for t, end, p in row["rels"]
                    )
                    seen += len(rels)
                    digest.update(line([label, row["start"], rels]).encode() + b"\n")
        total = sum(r["count"] for r in await repo.read("load/status_relationships"))
        sums = await repo.read_one("load/fingerprint_relationships")
    finally:
        await repo.close()
    if sample_every == 1 and seen != total:
        raise ValueError(f"digest saw {seen} of {total} relationships")
    digest.update(line([total, sums]).encode())
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
