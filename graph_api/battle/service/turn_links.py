"""The teammate links of the players a chain turn asks about, fetched when the turn begins.

A turn's answer is judged against the link (the last-named player). The worker holding the
socket of the seat whose turn it is fetches every link of that player in one query while
the player thinks, so the answer is judged without a round trip to Neo4j on its way (under
load that round trip was most of the answer's tail). Kept per data version: the graph only
changes with a new one. A fetch that failed is forgotten: the answer is then judged by the
one-pair query as before.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from typing import Any

from graph_api.errors import AppError
from graph_api.graph.players import PlayerLinks

# Players whose links are kept per worker (a few hundred teammates each, ~100 KB): more
# than the turns a worker's sockets wait on at once under the 500-room benchmark.
LINKS_KEPT = 512
Fetch = Callable[[str], Coroutine[Any, Any, PlayerLinks]]


class TurnLinks:
    def __init__(self, fetch: Fetch, size: int = LINKS_KEPT) -> None:
        self._fetch = fetch
        self._size = size
        self._version: str | None = None
        self._tasks: OrderedDict[str, asyncio.Task[PlayerLinks]] = OrderedDict()

    def prefetch(self, version: str | None, player_id: str) -> None:
        """Start fetching the player's links (once per data version)."""
        self._switch(version)
        if version is None:
            return
        if player_id in self._tasks:
            self._tasks.move_to_end(player_id)
            return
        task = asyncio.create_task(self._fetch(player_id), name=f"turn-links-{player_id}")
        task.add_done_callback(lambda done: self._settled(player_id, done))
        self._tasks[player_id] = task
        while len(self._tasks) > self._size:
            _, oldest = self._tasks.popitem(last=False)
            oldest.cancel()

    async def get(self, version: str | None, player_id: str) -> PlayerLinks | None:
        """The player's links when fetched (or being fetched) for this data version; None:
        ask the graph about the pair instead."""
        self._switch(version)
        task = self._tasks.get(player_id)
        if task is None:
            return None
        with contextlib.suppress(AppError, TimeoutError, asyncio.CancelledError):
            return await asyncio.shield(task)
        return None

    def __len__(self) -> int:
        return len(self._tasks)

    def _switch(self, version: str | None) -> None:
        if version != self._version:
            for task in self._tasks.values():
                task.cancel()
            self._tasks.clear()
            self._version = version

    def _settled(self, player_id: str, task: asyncio.Task[PlayerLinks]) -> None:
        failed = task.cancelled() or task.exception() is not None
        if failed and self._tasks.get(player_id) is task:
            del self._tasks[player_id]
