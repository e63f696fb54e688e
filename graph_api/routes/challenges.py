"""/challenges/random: a random pair to connect, matched to a difficulty."""

from __future__ import annotations

import random
from typing import Annotated

from fastapi import APIRouter, Query

from graph_api.deps import Api
from graph_api.models.challenges import Challenge, Difficulty
from graph_api.routes.responses import API_ERRORS

router = APIRouter(prefix="/challenges", tags=["challenges"])


@router.get(
    "/random",
    response_model=Challenge,
    summary="A random pair whose shortest path matches the difficulty",
    description="easy: two 400+ game players two hops apart with 3+ common teammates; "
    "medium: 200+ game players three hops apart, or two hops with a single link; "
    "hard: 82+ game players four or more hops apart, or three hops with at most 3 paths.",
    responses=API_ERRORS,
)
async def random_challenge(
    api: Api,
    difficulty: Difficulty = "medium",
    seed: Annotated[
        int | None,
        Query(ge=0, le=2**31, description="Seed for a reproducible draw."),
    ] = None,
) -> Challenge:
    rng = random.Random(seed)
    return await api.challenges.random_challenge(difficulty, rng)
