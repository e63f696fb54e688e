"""The bounds of a battle room's rules, written once.

The game's :class:`~graph_api.battle.game.rules.RoomRules`, the ``POST /battles`` body and the
``BATTLE_*`` settings (``graph_api.settings.BattleSettings``) all take these annotated types.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

TurnSeconds = Annotated[float, Field(ge=1, le=600)]
RaceSeconds = Annotated[float, Field(ge=10, le=3600)]
Lives = Annotated[int, Field(ge=1, le=10)]
HubLimit = Annotated[int, Field(ge=1, le=100)]
MaxPlayers = Annotated[int, Field(ge=2, le=16)]
MinGames = Annotated[int, Field(ge=1, le=2000)]
StartPlayerId = Annotated[str, Field(min_length=1, max_length=32)]

DEFAULT_TURN_SECONDS = 30.0
DEFAULT_RACE_SECONDS = 180.0
DEFAULT_LIVES = 3
DEFAULT_HUB_LIMIT = 3
DEFAULT_MAX_PLAYERS = 8
