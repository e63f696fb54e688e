"""Seasons: the 8-digit numbers (``19871988`` is 1987-88), their bounds and open windows.

Every rule about seasons is written here once: which numbers are seasons at all, the range
a request may name, and the sentinels that stand for an open end of a season window in the
Cypher parameters (``cypher/read/shortest_path_constrained.cypher``).
"""

from __future__ import annotations

from typing import Annotated

from annotated_types import Ge, Le
from pydantic import AfterValidator

FIRST_NHL_YEAR = 1917
LAST_YEAR = 2100


def season_starting(year: int) -> int:
    """``1987`` -> ``19871988``."""
    return year * 10000 + year + 1


FIRST_SEASON = season_starting(FIRST_NHL_YEAR)  # 19171918
LAST_SEASON = season_starting(LAST_YEAR)  # 21002101
# An open end of a season window, as the queries take it: before and after every season.
OPEN_FROM, OPEN_TO = 0, 99_999_999


def check_season(season: int | None) -> int | None:
    """An 8-digit season whose second year follows the first (``19871988``)."""
    if season is None:
        return None
    start, end = divmod(season, 10000)
    if not (FIRST_NHL_YEAR <= start <= LAST_YEAR and end == start + 1):
        raise ValueError(f"{season} is not a season: use 8 digits, e.g. 19871988 for 1987-88")
    return season


# A season as a request or a model field takes it: in range (documented in OpenAPI) and real.
Season = Annotated[int, Ge(FIRST_SEASON), Le(LAST_SEASON), AfterValidator(check_season)]


def season_window(from_season: int | None, to_season: int | None) -> tuple[int, int]:
    """The window as two numbers, an open end given as ``OPEN_FROM`` / ``OPEN_TO``."""
    return from_season or OPEN_FROM, to_season or OPEN_TO


def season_label(season: int) -> str:
    """``19871988`` -> ``"1987-88"``."""
    start = season // 10000
    return f"{start}-{(season % 10000) % 100:02d}"
