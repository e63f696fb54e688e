"""Where a benchmark worker's resident memory is (bench only; bench/worker_probe's
sitecustomize adds these figures to every soak window line).

- ``rss``: ``VmRSS`` and ``RssAnon`` from ``/proc/self/status``, MB.
- ``malloc``: glibc's ``mallinfo2()`` (all arenas), MB: ``heap`` what the arenas took from the
  system (``arena``), ``in_use`` / ``free`` inside them (``uordblks`` / ``fordblks``),
  ``mmapped`` the large blocks malloc maps on their own (``hblkhd``).
- ``pymalloc``: CPython's small-object allocator from ``sys._debugmallocstats()``: its
  1 MiB arenas now and at their high-water mark, and the bytes in used / free blocks, MB.
- ``traced``: ``tracemalloc``'s current and peak traced MB when it is tracing
  (``PUCKPATH_WORKER_PROBE_TRACEMALLOC=<frames>``).
- ``neo4j``: the driver's Bolt connections alive in this process and the bytes their read
  (``UnpackableBuffer``) and write (``PackableBuffer``) buffers hold.

``snapshot`` dumps a tracemalloc snapshot (``bench/tracemalloc_compare.py`` compares two);
``trim`` runs glibc's ``malloc_trim(0)`` and returns the RSS before and after."""

from __future__ import annotations

import ctypes
import gc
import os
import sys
import tempfile
import tracemalloc
from pathlib import Path
from typing import Any

MB = 2**20
_MALLINFO2_FIELDS = (
    "arena",
    "ordblks",
    "smblks",
    "hblks",
    "hblkhd",
    "usmblks",
    "fsmblks",
    "uordblks",
    "fordblks",
    "keepcost",
)


class _Mallinfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in _MALLINFO2_FIELDS]


_libc = ctypes.CDLL(None)
_libc.mallinfo2.restype = _Mallinfo2
_libc.malloc_trim.argtypes = [ctypes.c_size_t]


def start_tracing() -> None:
    frames = int(os.environ.get("PUCKPATH_WORKER_PROBE_TRACEMALLOC") or 0)
    if frames:
        tracemalloc.start(frames)


def rss() -> dict[str, float]:
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "RssAnon"):
            found[name] = round(int(value.split()[0]) / 1024, 1)
    return found


def malloc() -> dict[str, float]:
    info = _libc.mallinfo2()
    return {
        "heap": round(info.arena / MB, 1),
        "in_use": round(info.uordblks / MB, 1),
        "free": round(info.fordblks / MB, 1),
        "mmapped": round(info.hblkhd / MB, 1),
    }


def pymalloc() -> dict[str, float]:
    """The summary lines of ``sys._debugmallocstats()`` (it writes to the C stderr)."""
    with tempfile.TemporaryFile() as out:
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(out.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        out.seek(0)
        text = out.read().decode()
    wanted = {
        "# arenas allocated current": "arenas",
        "# arenas highwater mark": "arenas_highwater",
        "# bytes in allocated blocks": "used_mb",
        "# bytes in available blocks": "free_blocks_mb",
        "# bytes in unused pools": "unused_pools_mb",
    }
    found: dict[str, float] = {}
    for line in text.splitlines():
        label, _, value = line.partition("=")
        key = wanted.get(label.strip())
        if key:
            number = int(value.strip().replace(",", ""))
            found[key] = round(number / MB, 1) if key.endswith("_mb") else number
    return found


def traced() -> dict[str, float]:
    if not tracemalloc.is_tracing():
        return {}
    current, peak = tracemalloc.get_traced_memory()
    return {"current": round(current / MB, 1), "peak": round(peak / MB, 1)}


def neo4j_buffers() -> dict[str, float]:
    """The driver's connections and buffers, found among the collector's objects."""
    connections = read_buffers = write_buffers = 0
    read_bytes = write_bytes = largest_read = 0
    for thing in gc.get_objects():
        kind = type(thing)
        name = kind.__name__
        if name == "UnpackableBuffer":
            read_buffers += 1
            size = len(thing.data)
            read_bytes += size
            largest_read = max(largest_read, size)
        elif name == "PackableBuffer":
            write_buffers += 1
            write_bytes += len(thing.data)
        elif name.startswith("AsyncBolt") and kind.__module__.startswith("neo4j._async.io"):
            connections += 1
    return {
        "connections": connections,
        "read_buffers": read_buffers,
        "read_mb": round(read_bytes / MB, 2),
        "largest_read_kb": round(largest_read / 1024, 1),
        "write_buffers": write_buffers,
        "write_mb": round(write_bytes / MB, 2),
    }


def figures() -> dict[str, Any]:
    return {
        "rss": rss(),
        "malloc": malloc(),
        "pymalloc": pymalloc(),
        "traced": traced(),
        "neo4j": neo4j_buffers(),
    }


def snapshot(folder: Path, label: str) -> str | None:
    if not tracemalloc.is_tracing():
        return None
    out = folder / f"{os.getpid()}.{label}.tracemalloc"
    tracemalloc.take_snapshot().dump(str(out))
    return str(out)


def trim() -> dict[str, Any]:
    before = rss()
    _libc.malloc_trim(0)
    return {"before": before, "after": rss()}


def sizes_by_type(garbage: list[Any], top: int = 25) -> dict[str, int]:
    """``sys.getsizeof`` of the collector's garbage and of the untracked objects it leads to
    (strings, bytes, zlib streams...: not in ``gc.garbage`` themselves), by type, each object
    once. ``getsizeof`` does not see memory a C object keeps behind a pointer
    (a zlib stream's window), so this is a lower bound."""
    seen: set[int] = set()
    sizes: dict[str, int] = {}

    def add(thing: Any) -> None:
        if id(thing) in seen:
            return
        seen.add(id(thing))
        name = type(thing).__qualname__
        sizes[name] = sizes.get(name, 0) + sys.getsizeof(thing)

    for thing in garbage:
        add(thing)
    untracked = [r for thing in garbage for r in gc.get_referents(thing) if not gc.is_tracked(r)]
    while untracked:  # an untracked tuple or dict may hold more untracked objects
        thing = untracked.pop()
        if id(thing) not in seen:
            add(thing)
            untracked.extend(r for r in gc.get_referents(thing) if not gc.is_tracked(r))
    largest = sorted(sizes.items(), key=lambda item: -item[1])[:top]
    return {"total": sum(sizes.values()), **dict(largest)}


def finalizable(garbage: list[Any]) -> dict[str, dict[str, int]]:
    """The garbage whose collection runs code even under ``DEBUG_SAVEALL`` (a ``__del__`` or
    a generator's finalizer, weak references whose callbacks fire), by type."""
    import types
    import weakref

    found: dict[str, dict[str, int]] = {}
    for thing in garbage:
        kind = type(thing)
        finalizer = hasattr(kind, "__del__") or isinstance(
            thing, types.GeneratorType | types.CoroutineType | types.AsyncGeneratorType
        )
        try:
            weak = weakref.getweakrefcount(thing)
        except TypeError:
            weak = 0
        if finalizer or weak:
            entry = found.setdefault(kind.__qualname__, {"count": 0, "weakrefs": 0})
            entry["count"] += 1
            entry["weakrefs"] += weak
    return found
