"""Battles: ``POST /battles`` creates a room, ``/ws/battles/{code}`` plays it.

The WebSocket route only hands the socket to :class:`BattleConnection`; the protocol is in
``docs/battle-protocol.md``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, WebSocket, status
from pydantic import BaseModel

from graph_api.battle.game.room_code import is_room_code
from graph_api.battle.game.rules import RuleChoices
from graph_api.battle.game.state import public_view
from graph_api.battle.service.battle_service import RoomNotFound
from graph_api.battle.websocket.connection import BattleConnection
from graph_api.deps import Battles
from graph_api.hardening.names import SeatName
from graph_api.hardening.seats import SEAT_ERRORS, seat_issuing
from graph_api.observability.metrics import count_room_created
from graph_api.routes.responses import error_response as _error

router = APIRouter(tags=["battles"])
RoomCode = Annotated[str, Path(description="The room code (12 characters).")]


class CreateBattle(RuleChoices):
    """A new room; every rule left out takes the server's default (``BATTLE_*``)."""

    name: SeatName


class JoinBattle(BaseModel):
    name: SeatName


class Seat(BaseModel):
    """A seat in a room. Keep ``token``: it is shown once and is how you (re)connect."""

    code: str
    seat: int
    token: str
    ws_path: str
    rules: dict[str, Any]


NO_ROOM = _error("No such room (or it expired)", "room_not_found", "no room 'ABCDEFGHJKMN'")
STORE_DOWN = _error(
    "Redis (store_unavailable) or Neo4j (unavailable) is not reachable right now",
    "store_unavailable",
    "the room store (Redis) is not reachable",
)
BAD_INPUT = "A field is invalid (invalid_input) or no game can be played under the rules"


@router.post(
    "/battles",
    response_model=Seat,
    status_code=status.HTTP_201_CREATED,
    summary="Create a battle room; you get the room code and your player token",
    responses={
        404: _error("The start player does not exist", "unknown_player", "no player 'x'"),
        422: _error(
            BAD_INPUT,
            "unplayable_rules",
            "no medium challenge connects under this room's rules: widen the season window",
        ),
        503: STORE_DOWN,
        **SEAT_ERRORS,
    },
    dependencies=seat_issuing("create"),
)
async def create_battle(body: CreateBattle, battles: Battles) -> Seat:
    seated = await battles.service.create_room(body.over(battles.service.defaults), body.name)
    count_room_created(seated.rules.mode)
    return Seat(
        code=seated.code,
        seat=seated.seat,
        token=seated.token,
        ws_path=f"/ws/battles/{seated.code}",
        rules=seated.rules.model_dump(),
    )


@router.post(
    "/battles/{code}/players",
    response_model=Seat,
    status_code=status.HTTP_201_CREATED,
    summary="Take a seat in a room's lobby (or send a join frame with a name instead)",
    responses={
        404: NO_ROOM,
        409: _error(
            "The room is full (room_full) or its game started (game_started, game_finished)",
            "room_full",
            "the room has 8 players already",
        ),
        422: _error("The name is missing or too long", "bad_name", "a name is required"),
        503: STORE_DOWN,
        **SEAT_ERRORS,
    },
    dependencies=seat_issuing("join"),
)
async def join_battle(code: RoomCode, body: JoinBattle, battles: Battles) -> Seat:
    if not is_room_code(code):
        raise RoomNotFound(f"no room {code!r}")
    seated = await battles.service.add_player(code, body.name, connected=False)
    return Seat(
        code=code,
        seat=seated.seat,
        token=seated.token,
        ws_path=f"/ws/battles/{code}",
        rules=seated.rules.model_dump(),
    )


@router.get(
    "/battles/{code}",
    summary="The room as a spectator sees it",
    responses={404: NO_ROOM, 503: STORE_DOWN},
)
async def get_battle(code: RoomCode, battles: Battles) -> dict[str, Any]:
    if not is_room_code(code):
        raise RoomNotFound(f"no room {code!r}")
    stored = await battles.service.load(code)
    return public_view(stored.state)


@router.websocket("/ws/battles/{code}")
async def battle_socket(websocket: WebSocket, code: str, battles: Battles) -> None:
    await BattleConnection(battles, websocket, code).run()
