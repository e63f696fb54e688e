"""The daily puzzle's rule, without I/O.

The pair of a date: the well-known players (``cypher/read/daily_pool.cypher``: at least
``DAILY_MIN_GAMES`` NHL games and a place in the largest connected component), sorted by id,
are drawn two at a time by a random generator seeded with the SHA-256 of the date; the first
pair at least ``DAILY_MIN_LINKS`` links apart is the pair of the date. The same data gives
everybody the same pair; the service pins it in Redis at its first request, so a data refresh
during the day does not change it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterator, Sequence

from graph_api.errors import InvalidInput
from graph_api.graph.challenges import RULES
from graph_api.models.challenges import Difficulty

SEED_PREFIX = "puckpath-daily:"
MAX_DRAWS = 400


def describe(min_games: int, min_links: int) -> str:
    return (
        f"two players with at least {min_games} NHL games (in the largest connected "
        f"component), drawn by a generator seeded with the date, at least {min_links} links "
        "apart"
    )


def today_utc() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def check_date(day: dt.date, today: dt.date, first: dt.date) -> None:
    """InvalidInput unless ``day`` has a puzzle (from ``first`` to today, UTC)."""
    if day > today:
        raise InvalidInput(
            f"{day.isoformat()} is in the future: the puzzle of a day opens at 00:00 UTC "
            f"(today is {today.isoformat()})"
        )
    if day < first:
        raise InvalidInput(f"the first daily puzzle is of {first.isoformat()}, not {day}")


def seed_of(day: dt.date) -> int:
    digest = hashlib.sha256(f"{SEED_PREFIX}{day.isoformat()}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def candidate_pairs(pool: Sequence[str], day: dt.date) -> Iterator[tuple[str, str]]:
    """The pairs the date draws, in order (at most ``MAX_DRAWS``); ``pool`` sorted by id."""
    rng = random.Random(seed_of(day))
    for _ in range(MAX_DRAWS):
        a, b = rng.sample(pool, 2)
        yield a, b


def difficulty_of(distance: int, paths: int) -> Difficulty:
    """The hardest difficulty of the random challenges (graph_api/graph/challenges.py) whose
    rule fits this distance and number of shortest paths."""
    fitting: list[Difficulty] = [
        d for d in ("hard", "medium", "easy") if RULES[d].fits(distance, paths)
    ]
    return fitting[0] if fitting else "hard"
