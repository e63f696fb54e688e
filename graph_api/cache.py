"""The path cache and the data version it is keyed on.

Path answers only change when the graph is reloaded, and every load that changes the graph
writes a new ``Dataset.version``. So answers are cached in memory per worker under
``(version, request key)``; when the version changes the old entries are dropped. The
version itself is re-read from Neo4j at most every ``version_ttl_s`` seconds, so a reload
is noticed within that time.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

from pydantic import BaseModel

from graph_api.models.stats import DatasetInfo
from graph_api.observability.metrics import count_cache_lookup

Answer = TypeVar("Answer", bound=BaseModel)


class PathCache:
    """A bounded LRU of pydantic answers for one data version at a time."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._version: str | None = None
        self._entries: OrderedDict[Hashable, BaseModel] = OrderedDict()
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self._size > 0

    def __len__(self) -> int:
        return len(self._entries)

    def _switch(self, version: str | None) -> None:
        if version != self._version:
            self._entries.clear()
            self._version = version

    def get(self, version: str | None, key: Hashable, kind: type[Answer]) -> Answer | None:
        """The cached answer (a copy with ``cached=True``), or None."""
        if not self.enabled or version is None:
            return None
        self._switch(version)
        found = self._entries.get(key)
        hit = isinstance(found, kind)
        count_cache_lookup(_kind_of(key), hit)
        if not isinstance(found, kind):
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return found.model_copy(update={"cached": True})

    def put(self, version: str | None, key: Hashable, answer: BaseModel) -> None:
        if not self.enabled or version is None:
            return
        self._switch(version)
        self._entries[key] = answer
        self._entries.move_to_end(key)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)


def _kind_of(key: Hashable) -> str:
    """The kind of answer a key caches (its first element, e.g. "shortest")."""
    return key[0] if isinstance(key, tuple) and key and isinstance(key[0], str) else "other"


class VersionTracker:
    """The current ``Dataset`` info, re-read at most every ``ttl_s`` seconds."""

    def __init__(
        self,
        load: Callable[[], Awaitable[DatasetInfo]],
        ttl_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._load = load
        self._ttl = ttl_s
        self._clock = clock
        self._info: DatasetInfo | None = None
        self._read_at = float("-inf")
        self._lock = asyncio.Lock()

    def forget(self) -> None:
        self._read_at = float("-inf")

    async def current(self) -> DatasetInfo:
        if self._info is not None and self._clock() - self._read_at < self._ttl:
            return self._info
        async with self._lock:
            if self._info is None or self._clock() - self._read_at >= self._ttl:
                self._info = await self._load()
                self._read_at = self._clock()
            return self._info


Value = TypeVar("Value")


class PerVersion(Generic[Value]):
    """A value derived from the graph (e.g. the team-season directory), rebuilt per version."""

    def __init__(self, versions: VersionTracker, build: Callable[[], Awaitable[Value]]) -> None:
        self._versions = versions
        self._build = build
        self._version: str | None = None
        self._value: Value | None = None
        self._lock = asyncio.Lock()

    async def get(self) -> Value:
        version = (await self._versions.current()).version
        if self._value is not None and version == self._version and version is not None:
            return self._value
        async with self._lock:
            if self._value is None or version != self._version or version is None:
                self._value = await self._build()
                self._version = version
            return self._value
