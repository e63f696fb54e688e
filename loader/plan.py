"""How each phase is written: query choice and lanes that cannot deadlock.

- Node phases split their rows into lanes freely: no two lanes touch the same node.
- ``PLAYED_IN`` is split by player (``id mod lanes``), so lanes share only games. Every
  batch locks its games in ascending id order and lanes walk the seasons in opposite
  directions, so they rarely meet and, when they do, wait instead of deadlocking.
- ``TEAMMATE_OF`` (player to player): pairs of two NHL ids and pairs of two Databank ids
  share no player, so they are two lanes; the mixed pairs are written after them. The
  rows are computed in worker threads while earlier phases are being written.
- A relationship type that does not exist yet is written with CREATE (``create_*``)
  instead of MERGE; a re-run, or a run after a killed one, finds it and MERGEs.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from typing import Any

from loader.records import Appearance, TeammateRow
from loader.teammates import TeammateIndex
from loader.writer import batched

_DONE = object()


def split_lanes(rows: list[Any], lanes: int) -> list[list[Any]]:
    """Rows of a node phase dealt round-robin into ``lanes`` lanes."""
    return [rows[k::lanes] for k in range(max(1, lanes))]


ElementIds = dict[Any, str]
Params = Callable[[Any], dict[str, Any]]


def played_in_lanes(
    appearances: Iterable[Appearance],
    lanes: int,
    batch_size: int,
    element_ids: tuple[ElementIds, ElementIds] | None = None,
) -> list[AsyncIterator[list[dict[str, Any]]]]:
    """PLAYED_IN batches per lane: players split by id, games ascending in each batch.

    With ``element_ids`` (player id -> element id, game id -> element id) the rows name
    nodes by element id, for ``create_played_in``.
    """
    count = max(1, lanes)
    by_lane: list[list[Appearance]] = [[] for _ in range(count)]
    for a in appearances:
        by_lane[_player_number(a.player) % count].append(a)
    for rows in by_lane:
        rows.sort(key=lambda a: (a.game, a.player))
    return [
        _lane_batches(rows if k % 2 == 0 else rows[::-1], batch_size, element_ids)
        for k, rows in enumerate(by_lane)
    ]


async def _lane_batches(
    rows: list[Appearance],
    batch_size: int,
    element_ids: tuple[ElementIds, ElementIds] | None,
) -> AsyncIterator[list[dict[str, Any]]]:
    for batch in batched(rows, batch_size):
        batch.sort(key=lambda a: (a.game, a.player))
        params = [a.params() for a in batch]
        if element_ids is not None:
            players, games = element_ids
            for row in params:
                row["player"], row["game"] = players[row["player"]], games[row["game"]]
        yield params


def _player_number(player: str) -> int:
    return int(player) if player.isdigit() else sum(map(ord, player))


class RowProducer:
    """Turns rows into parameter batches in a worker thread, up to ``prefetch`` ahead.

    Rows for which ``keep`` is false are not batched but held back in :attr:`held`, to be
    written in a later phase (read it once :meth:`batches` is exhausted).
    """

    def __init__(
        self,
        rows: Callable[[], Iterator[TeammateRow]],
        batch_size: int,
        keep: Callable[[TeammateRow], bool] | None = None,
        prefetch: int = 8,
    ) -> None:
        self._rows = rows
        self._batch_size = batch_size
        self._keep = keep
        self.held: list[TeammateRow] = []
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=prefetch)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="teammates", daemon=True)

    def start(self) -> RowProducer:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            batch: list[TeammateRow] = []
            for row in self._rows():
                if self._keep is not None and not self._keep(row):
                    self.held.append(row)
                    continue
                batch.append(row)
                if len(batch) >= self._batch_size:
                    if not self._put(batch):
                        return
                    batch = []
            if batch and not self._put(batch):
                return
            self._put(_DONE)
        except BaseException as exc:  # handed to the consumer, raised there
            self._put(exc)

    def _put(self, item: Any) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    async def batches(self, params: Params) -> AsyncIterator[list[dict[str, Any]]]:
        """The batches as query parameters, each row turned into them by ``params``."""
        while True:
            item = await asyncio.to_thread(self._queue.get)
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield [params(row) for row in item]

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


class TeammateLanes:
    """TEAMMATE_OF in three parts: pairs of two NHL ids and pairs of two Databank ids touch
    disjoint players, so they are written at the same time; the few mixed pairs follow.
    """

    def __init__(self, index: TeammateIndex, batch_size: int) -> None:
        split = index.databank_start
        self.modern = RowProducer(
            lambda: index.rows(0, split), batch_size, keep=lambda row: row.b.isdigit()
        )
        self.historical = RowProducer(lambda: index.rows(split), batch_size)

    def start(self) -> TeammateLanes:
        self.modern.start()
        self.historical.start()
        return self

    def parallel(self, lanes: int, params: Params) -> list[AsyncIterator[list[dict[str, Any]]]]:
        both = [self.modern.batches(params), self.historical.batches(params)]
        return both if lanes > 1 else [_chain(both)]

    def mixed(self, params: Params) -> list[dict[str, Any]]:
        """Pairs of an NHL id and a Databank id (ready once the modern lane is done)."""
        return [params(row) for row in self.modern.held]

    def stop(self) -> None:
        self.modern.stop()
        self.historical.stop()


async def _chain(
    lanes: list[AsyncIterator[list[dict[str, Any]]]],
) -> AsyncIterator[list[dict[str, Any]]]:
    for lane in lanes:
        async for batch in lane:
            yield batch
