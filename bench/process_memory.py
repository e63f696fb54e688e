"""Resident memory of another process, read from Linux's /proc (the benchmarks' one reader)."""

from __future__ import annotations

from pathlib import Path

FIELDS = ("VmRSS", "VmHWM", "RssAnon")  # resident now, its peak so far, the heap's share


def memory_mb(pid: int) -> dict[str, float]:
    """``VmRSS``, ``VmHWM`` and ``RssAnon`` of process ``pid`` in MB (``/proc/PID/status``
    gives them in kB)."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in FIELDS:
            found[name] = round(int(value.split()[0]) / 1024, 1)
    return found
