"""The daily puzzle's pure rule: which dates have a puzzle, the date's draws, the difficulty."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from known_people import NHL_IDS

from graph_api.daily import rule
from graph_api.daily.store import link_key
from graph_api.errors import InvalidInput

FIRST = dt.date(2025, 1, 1)
TODAY = dt.date(2026, 12, 2)
# Real players (canonical ids) as a pool; the rule only needs ids sorted.
POOL = sorted(NHL_IDS[d] for d in ("gretzwa01", "howego01", "lemiema01", "orrbo01", "messima01"))


def test_dates_from_the_first_to_today_have_a_puzzle() -> None:
    for day in (FIRST, TODAY, TODAY - dt.timedelta(days=1)):
        rule.check_date(day, TODAY, FIRST)
    with pytest.raises(InvalidInput, match="in the future"):
        rule.check_date(TODAY + dt.timedelta(days=1), TODAY, FIRST)
    with pytest.raises(InvalidInput, match="first daily puzzle"):
        rule.check_date(FIRST - dt.timedelta(days=1), TODAY, FIRST)


def test_a_date_draws_the_same_pairs_every_time_and_other_dates_others() -> None:
    first = list(itertools.islice(rule.candidate_pairs(POOL, TODAY), 20))
    again = list(itertools.islice(rule.candidate_pairs(POOL, TODAY), 20))
    other = list(itertools.islice(rule.candidate_pairs(POOL, FIRST), 20))
    assert first == again
    assert first != other
    assert all(a != b and {a, b} <= set(POOL) for a, b in first)
    assert len(list(rule.candidate_pairs(POOL, TODAY))) == rule.MAX_DRAWS


def test_difficulty_follows_the_random_challenges_rules() -> None:
    assert rule.difficulty_of(3, 40) == "medium"
    assert rule.difficulty_of(3, 2) == "hard"  # few shortest chains
    assert rule.difficulty_of(4, 400) == "hard"
    assert rule.difficulty_of(2, 5) == "easy"


def test_a_link_is_the_same_in_both_directions() -> None:
    assert link_key("8447400", "8448208") == link_key("8448208", "8447400")
