"""The seasons a sync covers: ``--seasons`` as the CLI takes it, and the range it names."""

from __future__ import annotations

from loader.errors import LoaderError


class BadSeasonRange(LoaderError):
    """``--seasons`` that is not ``YYYY``, ``YYYY-YYYY`` or ``YYYYYYYY``."""

    code = "invalid_input"


def parse_seasons(text: str) -> tuple[int, int]:
    """``"1990-2000"`` -> (19901991, 20002001): seasons starting in those years;
    ``"1990"`` or ``"19901991"`` -> that one season."""
    parts = text.strip().split("-")
    try:
        years = [int(p) for p in parts]
    except ValueError:
        raise BadSeasonRange(f"--seasons {text!r}: expected YYYY or YYYY-YYYY") from None
    if len(years) == 1 and len(parts[0]) == 8:
        years = [years[0] // 10000]
    if len(years) == 1:
        years = years * 2
    if len(years) != 2 or not all(1900 <= y <= 2100 for y in years) or years[0] > years[1]:
        raise BadSeasonRange(f"--seasons {text!r}: expected YYYY or YYYY-YYYY, first <= last")
    return tuple(y * 10000 + y + 1 for y in years)  # type: ignore[return-value]


def season_range(first: int, last: int) -> list[int]:
    return [y * 10000 + y + 1 for y in range(first // 10000, last // 10000 + 1)]
