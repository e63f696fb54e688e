"""Compare two tracemalloc snapshots of a soak worker (``battles_bench --soak-minutes N
--probe-workers --tracemalloc DIR`` dumps one per worker after every wave, named
``<pid>.<wave>.tracemalloc``): the allocation sites whose live size grew most between them,
and the totals by file.

    .venv/bin/python -m bench.tracemalloc_compare DIR/123.001.tracemalloc DIR/123.006.tracemalloc
"""

from __future__ import annotations

import argparse
import tracemalloc
from pathlib import Path

MB = 2**20
# The probe's own snapshots and tracemalloc's frames are not the worker's memory.
IGNORED = (tracemalloc.__file__, "<frozen importlib._bootstrap>", "puckpath_memory_probe.py")


def load(path: Path) -> tracemalloc.Snapshot:
    snapshot = tracemalloc.Snapshot.load(str(path))
    return snapshot.filter_traces([tracemalloc.Filter(False, f"*{name}") for name in IGNORED])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("early", type=Path)
    parser.add_argument("late", type=Path)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument(
        "--key", default="lineno", choices=["lineno", "traceback", "filename"], help="group by"
    )
    args = parser.parse_args()
    early, late = load(args.early), load(args.late)
    total_early = sum(stat.size for stat in early.statistics("filename"))
    total_late = sum(stat.size for stat in late.statistics("filename"))
    print(f"traced: {total_early / MB:.1f} MB -> {total_late / MB:.1f} MB")
    print(f"top {args.top} by growth ({args.key}):")
    for diff in late.compare_to(early, args.key)[: args.top]:
        print(
            f"  {diff.size_diff / MB:+8.2f} MB  now {diff.size / MB:7.2f} MB"
            f"  {diff.count_diff:+8d} blocks"
        )
        frames = diff.traceback.format(limit=-6 if args.key == "traceback" else 1)
        for line in frames:
            print(f"      {line.strip()}")
    print("largest now by file:")
    for stat in late.statistics("filename")[: args.top]:
        print(f"  {stat.size / MB:7.2f} MB  {stat.count:8d} blocks  {stat.traceback[0].filename}")


if __name__ == "__main__":
    main()
