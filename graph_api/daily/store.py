"""The daily puzzle in Redis: the pinned pair, each player's attempts, the day's statistics.

Keys, all under ``<prefix>{<date>}:`` (the date is a hash tag: a day's keys share one slot
of a Redis Cluster, so the script below may touch them together) and all expiring
``DAILY_TTL_DAYS`` after the last write:

- ``puzzle``: the pair of the date as JSON, set once (``SET NX``) by whichever worker
  draws it first; every later request reads that one.
- ``player:<anonymous id>``: a hash {used, finished, solved, chain, hops,
  ``att:<attempt id>`` -> "<attempt number>|<verdict JSON>"}.
- ``stats``: a hash {players, solved, ``len:<hops>`` -> solvers}.
- ``links``: a hash "<id>|<id>" (ids sorted) -> solvers whose chain used the link.
- ``names``: a hash id -> name of the players in the day's valid chains.

One Lua script (:data:`RECORD`) checks and records an attempt atomically, so two workers
taking two chains of one player at once never let him past the attempt limit nor count a
solver twice, and an attempt id seen before returns its first verdict instead of counting again.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from graph_api.errors import Unavailable
from graph_api.observability.metrics import count_backend_error
from graph_api.redis_clients import REDIS_ERRORS, RedisClient

# KEYS: player, stats, links, names. ARGV: attempt id, max attempts, ttl seconds, valid (0/1),
# hops, verdict JSON, chain JSON, number of links n, n link keys, then id, name pairs.
# Returns {"dup", stored} | {"finished", ""} | {"exhausted", ""} | {"new", used}.
RECORD = """
local prior = redis.call('HGET', KEYS[1], 'att:' .. ARGV[1])
if prior then return {'dup', prior} end
if redis.call('HGET', KEYS[1], 'finished') == '1' then return {'finished', ''} end
local used = tonumber(redis.call('HGET', KEYS[1], 'used') or '0')
if used >= tonumber(ARGV[2]) then return {'exhausted', ''} end
if used == 0 then redis.call('HINCRBY', KEYS[2], 'players', 1) end
used = redis.call('HINCRBY', KEYS[1], 'used', 1)
redis.call('HSET', KEYS[1], 'att:' .. ARGV[1], used .. '|' .. ARGV[6])
if ARGV[4] == '1' then
  redis.call('HSET', KEYS[1], 'finished', '1', 'solved', '1', 'chain', ARGV[7], 'hops', ARGV[5])
  redis.call('HINCRBY', KEYS[2], 'solved', 1)
  redis.call('HINCRBY', KEYS[2], 'len:' .. ARGV[5], 1)
  local n = tonumber(ARGV[8])
  for i = 1, n do redis.call('HINCRBY', KEYS[3], ARGV[8 + i], 1) end
  for i = 9 + n, #ARGV, 2 do redis.call('HSET', KEYS[4], ARGV[i], ARGV[i + 1]) end
elseif used >= tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'finished', '1')
end
for i = 1, 4 do redis.call('EXPIRE', KEYS[i], ARGV[3]) end
return {'new', tostring(used)}
"""


def link_key(a: str, b: str) -> str:
    """A link's key, the same in both directions."""
    return "|".join(sorted((a, b)))


@dataclass(frozen=True)
class Recorded:
    """What the script did: ``outcome`` new/dup/finished/exhausted, the attempt's number
    (new, dup) and, for a repeat, the verdict first stored."""

    outcome: str
    number: int = 0
    stored: dict[str, Any] | None = None


@dataclass(frozen=True)
class PlayerDay:
    used: int
    finished: bool
    solved: bool
    chain: list[dict[str, Any]] | None
    hops: int | None


@dataclass(frozen=True)
class DayCounts:
    players: int
    solved: int
    lengths: dict[int, int]
    links: dict[str, int]
    names: dict[str, str]


class DailyStore:
    def __init__(self, redis: RedisClient, prefix: str, ttl_s: int) -> None:
        self._redis = redis
        self._prefix = prefix
        self._ttl_s = ttl_s
        self._record = redis.register_script(RECORD)

    def _key(self, day: dt.date, name: str) -> str:
        return f"{self._prefix}{{{day.isoformat()}}}:{name}"

    async def pinned(self, day: dt.date, drawn: dict[str, Any]) -> dict[str, Any]:
        """The pair pinned for ``day``: ``drawn`` if it is the first, else the one before it."""
        key = self._key(day, "puzzle")
        async with _redis_errors():
            await self._redis.set(key, json.dumps(drawn), nx=True, ex=self._ttl_s)
            stored = await self._redis.get(key)
        return json.loads(stored) if stored else drawn

    async def pin_of(self, day: dt.date) -> dict[str, Any] | None:
        async with _redis_errors():
            stored = await self._redis.get(self._key(day, "puzzle"))
        return json.loads(stored) if stored else None

    async def record(
        self,
        day: dt.date,
        player: str,
        attempt_id: str,
        max_attempts: int,
        verdict: dict[str, Any],
        chain: list[dict[str, Any]] | None,
    ) -> Recorded:
        """Record one attempt atomically (see :data:`RECORD`); ``chain`` when it is valid."""
        links: list[str] = []
        names: list[str] = []
        if chain is not None:
            links = [link_key(a["id"], b["id"]) for a, b in itertools.pairwise(chain)]
            for ref in chain:
                names += [ref["id"], ref["name"]]
        keys = [self._key(day, f"player:{player}")] + [
            self._key(day, name) for name in ("stats", "links", "names")
        ]
        args: list[str | int] = [
            attempt_id,
            max_attempts,
            self._ttl_s,
            1 if chain is not None else 0,
            len(chain) - 1 if chain is not None else 0,
            json.dumps(verdict),
            json.dumps(chain) if chain is not None else "",
            len(links),
            *links,
            *names,
        ]
        async with _redis_errors():
            raw = await self._record(keys=keys, args=args)
        outcome, value = (_text(part) for part in raw)
        if outcome == "dup":
            number, _, stored = value.partition("|")
            return Recorded("dup", int(number), json.loads(stored))
        if outcome == "new":
            return Recorded("new", int(value))
        return Recorded(outcome)

    async def player_day(self, day: dt.date, player: str) -> PlayerDay:
        async with _redis_errors():
            fields = await self._redis.hmget(
                self._key(day, f"player:{player}"), ["used", "finished", "solved", "chain", "hops"]
            )
        used, finished, solved, chain, hops = (_text(f) if f is not None else None for f in fields)
        return PlayerDay(
            used=int(used or 0),
            finished=finished == "1",
            solved=solved == "1",
            chain=json.loads(chain) if chain else None,
            hops=int(hops) if hops else None,
        )

    async def counts(self, day: dt.date) -> DayCounts:
        """The day's statistics, read in one MULTI (a consistent snapshot)."""
        async with _redis_errors(), self._redis.pipeline(transaction=True) as pipe:
            for name in ("stats", "links", "names"):
                pipe.hgetall(self._key(day, name))
            stats, links, names = await pipe.execute()
        stats = {_text(k): int(v) for k, v in stats.items()}
        return DayCounts(
            players=stats.get("players", 0),
            solved=stats.get("solved", 0),
            lengths={
                int(k.removeprefix("len:")): v for k, v in stats.items() if k.startswith("len:")
            },
            links={_text(k): int(v) for k, v in links.items()},
            names={_text(k): _text(v) for k, v in names.items()},
        )


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


@asynccontextmanager
async def _redis_errors() -> AsyncIterator[None]:
    """Redis errors become ``Unavailable`` (503), counted like the other backends' errors."""
    try:
        yield
    except REDIS_ERRORS as exc:
        count_backend_error("redis", exc)
        raise Unavailable(f"the daily puzzle's store (Redis) failed: {exc}") from exc
