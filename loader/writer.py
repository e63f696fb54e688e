"""Writing rows to Neo4j: ``UNWIND $rows`` batches, one transaction per batch.

Every statement is a named query of the catalog (``cypher/load/*.cypher``) run through
:class:`GraphRepo`. A phase is written in one or more *lanes*: batches within a lane are
written one after the other, lanes run at the same time. A phase is only split into lanes
whose transactions cannot deadlock (see :mod:`loader.plan`); the driver's managed
transactions still retry any transient error by themselves.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, Protocol

from graph_api.graph.repo import GraphRepo
from graph_api.observability.metrics import count_loader_rows

Lane = Iterable[Any] | AsyncIterator[list[Any]]


class Progress(Protocol):
    """What the writer reports; the CLI shows it as rich progress bars."""

    def start(self, phase: str, total: int | None) -> None: ...

    def advance(self, phase: str, rows: int) -> None: ...

    def finish(self, phase: str) -> None: ...


class NoProgress:
    def start(self, phase: str, total: int | None) -> None:
        pass

    def advance(self, phase: str, rows: int) -> None:
        pass

    def finish(self, phase: str) -> None:
        pass


@dataclass(frozen=True)
class PhaseStats:
    phase: str
    rows: int
    seconds: float

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else float("inf")


def batched(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


class GraphWriter:
    def __init__(self, repo: GraphRepo, batch_size: int, progress: Progress | None = None):
        self.repo = repo
        self.batch_size = batch_size
        self.progress = progress or NoProgress()
        self.stats: list[PhaseStats] = []

    async def write(
        self,
        phase: str,
        query: str,
        lanes: Sequence[Lane],
        total: int | None = None,
        param: str = "rows",
    ) -> PhaseStats:
        """Write every row of every lane with the named query.

        A lane is an iterable of rows (cut into ``batch_size`` batches here) or an async
        iterator of ready batches. ``param`` names the query's list parameter (``$rows``
        or ``$ids``).
        """
        started = time.perf_counter()
        self.progress.start(phase, total)
        counts = await asyncio.gather(*(self._lane(phase, query, lane, param) for lane in lanes))
        self.progress.finish(phase)
        stats = PhaseStats(phase, sum(counts), time.perf_counter() - started)
        count_loader_rows(phase, stats.rows)
        self.stats.append(stats)
        return stats

    async def _lane(self, phase: str, query: str, lane: Lane, param: str) -> int:
        written = 0
        async for batch in self._batches(lane):
            await self.repo.write(query, **{param: batch})
            written += len(batch)
            self.progress.advance(phase, len(batch))
        return written

    async def _batches(self, lane: Lane) -> AsyncIterator[list[Any]]:
        if isinstance(lane, AsyncIterator):
            async for batch in lane:
                yield batch
        else:
            for batch in batched(lane, self.batch_size):
                yield batch
