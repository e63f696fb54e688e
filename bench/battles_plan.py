"""The battles benchmark's script: real teammate chains planned from the loaded graph, one
per room, cached in the temp folder (see :mod:`bench.battles_bench`)."""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import tempfile
from pathlib import Path

from pydantic import SecretStr

from graph_api.graph.catalog import QueryCatalog
from graph_api.graph.repo import GraphRepo, make_driver
from graph_api.runtime.providers import Neo4jEndpoint
from graph_api.settings import Neo4jSettings

READY_FILE = Path("/tmp/puckpath-dev/READY")


def loaded_neo4j(args: argparse.Namespace) -> Neo4jEndpoint:
    uri = args.neo4j_uri
    if not uri and READY_FILE.exists():
        uri = READY_FILE.read_text().strip()
    if not uri:
        raise SystemExit("give --neo4j-uri or PUCKPATH_LOADED_NEO4J_URI (a loaded graph)")
    return Neo4jEndpoint(uri, "neo4j", args.neo4j_password, "given")


async def plan_chains(neo4j: Neo4jEndpoint, rooms: int, valid: int, seed: int) -> list[list[str]]:
    settings = Neo4jSettings(uri=neo4j.uri, password=SecretStr(neo4j.password))
    repo = GraphRepo(make_driver(settings), QueryCatalog.load(), settings)
    rng = random.Random(seed)
    try:
        pool = [row["id"] for row in await repo.read("read/player_pool", min_games=400)]
        chains: list[list[str]] = []
        while len(chains) < rooms:
            chain = [rng.choice(pool)]
            while len(chain) <= valid:
                rows = await repo.read_fast(
                    "read/battle_teammates",
                    id=chain[-1],
                    exclude=chain,
                    limit=25,
                    from_season=0,
                    to_season=99_999_999,
                    min_games=0,
                )
                if not rows:
                    break
                chain.append(rng.choice(rows)["id"])
            if len(chain) == valid + 1:
                chains.append(chain)
        return chains
    finally:
        await repo.close()


def planned_chains(neo4j: Neo4jEndpoint, args: argparse.Namespace) -> list[list[str]]:
    """The chains, planned once per graph, count and seed (6,000 reads for 500 rooms) and kept
    in the temp folder, so repeated runs do not load the shared Neo4j with the same reads."""
    key = f"{neo4j.uri}-{args.rooms}-{args.valid}-{args.seed}".replace("/", "_").replace(":", "_")
    cache = Path(tempfile.gettempdir()) / f"puckpath-battle-chains-{key}.json"
    if cache.exists():
        print(f"chains from {cache}")
        return list(json.loads(cache.read_text()))
    chains = asyncio.run(plan_chains(neo4j, args.rooms, args.valid, args.seed))
    cache.write_text(json.dumps(chains))
    return chains
