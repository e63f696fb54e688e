"""/challenges/daily: the puzzle of a date, attempts at today's, a player's day.

The pair, the rule and the limits are described in ``graph_api/daily/``; the README's
"Daily puzzle" section is the user-facing account.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from graph_api.deps import Daily
from graph_api.hardening.rate_limit import client_address
from graph_api.hardening.seats import SEAT_ERRORS, rate_limited
from graph_api.models.daily import (
    AnonymousId,
    DailyAttemptIn,
    DailyAttemptOut,
    DailyPuzzle,
    DailyResult,
)
from graph_api.routes.responses import error_response, errors

router = APIRouter(prefix="/challenges/daily", tags=["daily puzzle"])

DATE_DOC = "A date (YYYY-MM-DD, UTC) from DAILY_FIRST_DATE to today."
DAY_OVER = error_response(
    "Attempts at a past day (puzzle_closed), or the player has solved today's puzzle or used "
    "every attempt (day_over)",
    "day_over",
    "you have solved today's puzzle: come back tomorrow",
)
RATE_LIMITED = rate_limited(
    "This address sent too many chains (SECURITY_DAILY_ATTEMPT_RATE_LIMIT), whatever "
    "anonymous ids it used",
    "too many daily puzzle attempts from this address; try again in 42 s",
)
NOT_FOUND = error_response(
    "A player id of the chain that names nobody", "unknown_player", "no player with id '99'"
)


@router.get(
    "",
    response_model=DailyPuzzle,
    summary="The daily puzzle: the same pair for everyone on a date",
    description="The pair of two well-known players at least DAILY_MIN_LINKS links apart "
    "that the date draws (see `rule`), its par, difficulty and number of shortest chains. "
    "A past date also lists its optimal chains. Dates in the future or before "
    "DAILY_FIRST_DATE answer 422.",
    responses=errors(422, 503),
)
async def daily_puzzle(
    daily: Daily,
    date: Annotated[dt.date | None, Query(description=DATE_DOC + " Default: today.")] = None,
) -> DailyPuzzle:
    return await daily.puzzles.puzzle(date)


@router.post(
    "/{date}/attempts",
    response_model=DailyAttemptOut,
    summary="Send a chain for today's puzzle",
    description="The chain is checked hop by hop like a battle race. A chain that does not "
    "start and end at the puzzle's players or names someone twice is a 422 and costs "
    "nothing; a chain with a hop that is not a teammate link costs an attempt and its "
    "`reason` names the hop. The answer has the score against par and, once the player's "
    "day is over (solved or out of attempts), the day's statistics and the rarity of each "
    "link. The same `attempt_id` sent again gets its first answer (`repeated: true`). Each "
    "client address may send SECURITY_DAILY_ATTEMPT_RATE_LIMIT chains per window (every "
    "request counts, whatever its answer); beyond it 429 with Retry-After.",
    responses={
        **errors(422, 503),
        404: NOT_FOUND,
        409: DAY_OVER,
        413: SEAT_ERRORS[413],
        429: RATE_LIMITED,
    },
)
async def daily_attempt(
    request: Request,
    daily: Daily,
    date: Annotated[dt.date, Path(description=DATE_DOC)],
    attempt: DailyAttemptIn,
) -> DailyAttemptOut:
    await daily.attempt_limit.check("daily_attempt", client_address(request))
    return await daily.attempts.attempt(date, attempt)


@router.get(
    "/{date}/players/{player}",
    response_model=DailyResult,
    summary="A player's day: his attempts and, once it is over, the day's statistics",
    description="The statistics (how many solved, chain lengths, the most used links, the "
    "rarity of his own links) come once the player has solved the puzzle or used every "
    "attempt, or for a past date.",
    responses=errors(422, 503),
)
async def daily_player(
    daily: Daily,
    date: Annotated[dt.date, Path(description=DATE_DOC)],
    player: Annotated[AnonymousId, Path(description="The player's anonymous id.")],
) -> DailyResult:
    return await daily.attempts.result(date, player)
