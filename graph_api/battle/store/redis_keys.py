"""Where the Redis room store keeps things: the names of keys and channels.

One Redis: ``<prefix>room:<code>`` (hash {state, version}), ``<prefix>timers`` (sorted set of
room codes by next deadline) and the channel ``<prefix>room:<code>:events``.

A Redis Cluster runs a Lua script only on keys of one hash slot, and a room's save touches
its hash, its timer set and its channel at once. So each room belongs to one of
:data:`CLUSTER_SHARDS` shards by its code, and every name of the shard carries the shard's
hash tag: ``<prefix>{s<n>}:room:<code>``, ``<prefix>{s<n>}:timers`` and
``<prefix>{s<n>}:room:<code>:events`` (published with ``SPUBLISH``). The shards' slots spread
the rooms over the cluster's masters; claiming timers asks each shard.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

# Enough slots to spread the rooms over a few masters; each is one timer set to poll.
CLUSTER_SHARDS = 16
ROOM = "room:"
EVENTS = ":events"


@dataclass(frozen=True)
class RoomKeys:
    prefix: str
    shards: int = 1

    @classmethod
    def for_cluster(cls, prefix: str) -> RoomKeys:
        return cls(prefix, CLUSTER_SHARDS)

    def _tag(self, shard: int) -> str:
        return "" if self.shards == 1 else f"{{s{shard}}}:"

    def shard_of(self, code: str) -> int:
        return zlib.crc32(code.encode()) % self.shards

    def room(self, code: str) -> str:
        return f"{self.prefix}{self._tag(self.shard_of(code))}{ROOM}{code}"

    def timers_of(self, code: str) -> str:
        """The timer set this room's deadline lives in (same slot as the room)."""
        return self.timers(self.shard_of(code))

    def timers(self, shard: int) -> str:
        return f"{self.prefix}{self._tag(shard)}timers"

    def all_timers(self) -> list[str]:
        return [self.timers(shard) for shard in range(self.shards)]

    def channel(self, code: str) -> str:
        return f"{self.room(code)}{EVENTS}"

    def code_of(self, channel: str) -> str:
        return channel.removesuffix(EVENTS).rsplit(ROOM, 1)[-1]

    def worker_channel(self, tag: str = "") -> str:
        """A channel no room uses, that keeps a worker's feed connection subscribed."""
        return f"{self.prefix}{tag}feed"
