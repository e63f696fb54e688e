"""The battles benchmark's view of its Redis: the fsync policy under test and what Redis
says about its own stalls during the games (see :mod:`bench.battles_bench`).

Redis's latency monitor records every event slower than ``LATENCY_THRESHOLD_MS``; with
``appendfsync always`` the fsync before the replies is the event ``aof-fsync-always``, and
with ``everysec`` a write that had to wait for a slow background fsync counts in
``aof_delayed_fsync``.
"""

from __future__ import annotations

from typing import Any

import redis

from bench.process_cpu import cpu_seconds

LATENCY_THRESHOLD_MS = 2


def config_lines(appendfsync: str) -> tuple[str, ...]:
    """redis.conf lines after the product's own (a later line wins): the fsync policy under
    test (``always`` is the product's) and the latency monitor."""
    return (f"appendfsync {appendfsync}", f"latency-monitor-threshold {LATENCY_THRESHOLD_MS}")


class RedisWatch:
    """Redis's CPU, fsync and latency-monitor figures between :meth:`begin` and :meth:`end`."""

    def __init__(self, url: str, pid: int) -> None:
        self.client = redis.Redis.from_url(url, decode_responses=True)
        self.pid = pid
        self._cpu = 0.0
        self._delayed = 0
        self._calls: dict[str, int] = {}
        self.policy = ""

    def begin(self) -> None:
        self.policy = str(self.client.config_get("appendfsync")["appendfsync"])
        self.client.execute_command("LATENCY", "RESET")
        self._cpu = cpu_seconds(self.pid)
        self._delayed = int(self.client.info("persistence")["aof_delayed_fsync"])
        self._calls = self._command_calls()

    def end(self, seconds: float) -> dict[str, Any]:
        persistence = self.client.info("persistence")
        events: dict[str, Any] = {}
        for name, _at, latest, worst in self.client.execute_command("LATENCY", "LATEST"):
            history = self.client.execute_command("LATENCY", "HISTORY", name)
            events[name] = {
                "seconds_with_a_spike": len(history),
                "latest_ms": int(latest),
                "worst_ms": int(worst),
                "spikes_ms_over_20": sorted(int(ms) for _t, ms in history if int(ms) > 20),
            }
        calls = self._command_calls()
        self.client.close()
        return {
            "appendfsync": self.policy,
            "cpu_percent": round(100 * (cpu_seconds(self.pid) - self._cpu) / seconds, 1),
            "aof_delayed_fsync": int(persistence["aof_delayed_fsync"]) - self._delayed,
            f"latency_events_over_{LATENCY_THRESHOLD_MS}ms": events,
            "commands": {
                name: count - self._calls.get(name, 0)
                for name, count in sorted(calls.items())
                if count > self._calls.get(name, 0)
            },
        }

    def _command_calls(self) -> dict[str, int]:
        stats = self.client.info("commandstats")
        return {name.removeprefix("cmdstat_"): int(row["calls"]) for name, row in stats.items()}
