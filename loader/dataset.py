"""The Dataset node: the data version changes only when what was loaded changes.

Each source kind records a digest of its input (the files' sha256, or the raw API responses
of a season). The version is a hash of all recorded digests, so loading the same input
again leaves version and ``loaded_at`` as they were, and a load from new input changes them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from graph_api.graph.repo import GraphRepo


@dataclass(frozen=True)
class DatasetState:
    version: str | None
    sources: list[str]
    source_hashes: dict[str, str]
    data_as_of: Any = None
    loaded_at: Any = None


async def read_dataset(repo: GraphRepo) -> DatasetState:
    row = await repo.read_one("load/read_dataset")
    if row is None:
        return DatasetState(None, [], {})
    hashes = dict(entry.split("=", 1) for entry in row.get("source_hashes") or [])
    return DatasetState(
        row.get("version"),
        list(row.get("sources") or []),
        hashes,
        row.get("data_as_of"),
        row.get("loaded_at"),
    )


def source_hash(digest: str) -> str:
    """What the Dataset node records for one source's input digest."""
    return hashlib.sha256(digest.encode()).hexdigest()


def version_of(source_hashes: dict[str, str]) -> str:
    text = "\n".join(f"{name}={digest}" for name, digest in sorted(source_hashes.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


async def record_load(
    repo: GraphRepo, source: str, digest: str, source_names: list[str]
) -> dict[str, Any]:
    """Store the digest of ``source`` and the new version; returns version, as-of, loaded_at."""
    current = await read_dataset(repo)
    hashes = {**current.source_hashes, source: source_hash(digest)}
    version = version_of(hashes)
    row = await repo.write(
        "load/set_dataset",
        version=version,
        sources=sorted(set(current.sources) | set(source_names)),
        source_hashes=[f"{name}={value}" for name, value in sorted(hashes.items())],
    )
    result = dict(row[0]) if row else {}
    result["changed"] = version != current.version
    return result
