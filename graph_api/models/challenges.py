"""A random pair of players to connect, matched to a difficulty."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from graph_api.models.refs import PlayerRef

Difficulty = Literal["easy", "medium", "hard"]


class Challenge(BaseModel):
    difficulty: Difficulty
    source: PlayerRef = Field(alias="from")
    target: PlayerRef = Field(alias="to")
    distance: int = Field(description="Hops of the shortest path.")
    shortest_paths: int = Field(description="Number of distinct shortest paths.")
    data_version: str | None = None

    model_config = {"populate_by_name": True}
