"""The path benchmark's driver side: one query per pair through the neo4j async driver, one
auto-commit transaction each, read as the API reads rows (``GraphRepo.read_values``); the
networkx reference graph; the query plans.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import neo4j
import networkx as nx

from bench.paths_pairs import Pair


def driver_caller(
    driver: neo4j.AsyncDriver, query: str, **params: Any
) -> Callable[[Pair], Awaitable[int | None]]:
    """The length ``query`` finds for a pair (``params``: its other parameters)."""

    async def call(pair: Pair) -> int | None:
        async with driver.session(database="neo4j", default_access_mode=neo4j.READ_ACCESS) as s:
            query_ = neo4j.Query(query, timeout=10)
            result = await s.run(query_, from_id=pair[0], to_id=pair[1], **params)
            keys = result.keys()  # rows read as the API reads them (GraphRepo.read_values)
            rows = [dict(zip(keys, record, strict=True)) async for record in result]
        if not rows or rows[0].get("links", 0) is None:
            return None  # no path (the strongest query answers a row of nulls)
        return int(rows[0]["hops"]) if "hops" in rows[0] else len(rows[0]["links"])

    return call


async def load_graph(
    driver: neo4j.AsyncDriver, query: str, attribute: str | None = None
) -> nx.Graph:
    """The teammate graph of ``query``'s rows (``a``, ``links`` [[b, value]]); ``attribute``:
    keep each link's value under that name (else the value is dropped)."""
    graph = nx.Graph()
    async with driver.session(database="neo4j") as session:
        result = await session.run(neo4j.Query(query, timeout=300))
        async for record in result:
            for b, value in record["links"]:
                graph.add_edge(record["a"], b, **({attribute: value} if attribute else {}))
    return graph


async def plan_operators(driver: neo4j.AsyncDriver, query: str, pair: Pair) -> list[str]:
    async with driver.session(database="neo4j") as session:
        result = await session.run("EXPLAIN " + query, from_id=pair[0], to_id=pair[1])
        summary = await result.consume()
    operators: list[str] = []
    stack = [summary.plan] if summary.plan else []
    while stack:
        op = stack.pop(0)
        operators.append(op["operatorType"].split("@")[0])
        stack.extend(op.get("children", []))
    return operators
