"""Small, strict cell parsers shared by the transforms (they raise ValueError on bad input)."""

from __future__ import annotations

from datetime import date
from typing import cast

from loader.records import Position

POSITIONS = frozenset("CLRDG")


def int_or_zero(cell: str) -> int:
    """An integer cell where empty means 0 (e.g. a Databank playoff column)."""
    return int(cell) if cell else 0


def int_or_none(cell: str) -> int | None:
    return int(cell) if cell else None


def season_of_start_year(year: int) -> int:
    """Databank ``year`` 1979 -> season ``19791980``."""
    if not 1900 <= year <= 2100:
        raise ValueError(f"year {year} is out of range")
    return year * 10000 + year + 1


def check_season(season: int) -> int:
    """An 8-digit NHL season such as ``20232024``."""
    start, end = divmod(season, 10000)
    if not (1900 <= start <= 2100 and end == start + 1):
        raise ValueError(f"{season} is not a season like 20232024")
    return season


def position_of(cell: str) -> Position | None:
    """``C``/``L``/``R``/``D``/``G``; a Databank ``"C/L"`` counts as its first position."""
    first = cell.strip()[:1].upper()
    return cast(Position, first) if first in POSITIONS else None


def toi_seconds(cell: str) -> int:
    """``"mm:ss"`` (minutes may exceed 99 in long overtime games) -> seconds."""
    minutes, _, seconds = cell.partition(":")
    value = int(minutes) * 60 + int(seconds)
    if value < 0 or not seconds:
        raise ValueError(f"bad time on ice {cell!r}")
    return value


def iso_date_or_none(cell: str) -> date | None:
    return date.fromisoformat(cell) if cell else None


def ymd_date_or_none(year: str, month: str, day: str) -> date | None:
    """A date from three cells; ``None`` when any part is missing."""
    if not (year and month and day):
        return None
    return date(int(year), int(month), int(day))
