"""Battles: ``POST /battles`` creates a room, ``/ws/battles/{code}`` plays it.

The WebSocket route only hands the socket to :class:`BattleConnection`; the protocol is in
``docs/battle-protocol.md``.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Path, Request, WebSocket, status
from pydantic import BaseModel, Field, ValidationError

from graph_api.battle.connection import BattleConnection
from graph_api.battle.events import Rejected
from graph_api.battle.graph_referee import GraphReferee
from graph_api.battle.runtime import BattleRuntime
from graph_api.battle.service import CODE_LENGTH, is_room_code
from graph_api.battle.state import Difficulty, Mode, RoomRules, public_view
from graph_api.battle.store import StoreUnavailable
from graph_api.errors import AppError, Conflict, InvalidInput, NotFound, Unavailable
from graph_api.routes.context import ApiContext


@asynccontextmanager
async def battle_lifespan(app: FastAPI) -> AsyncIterator[None]:
    services = app.state.services
    context = getattr(app.state, "api_context", None)
    if context is None:  # share the path API's query objects and caches
        context = app.state.api_context = ApiContext(services.repo, services.settings.paths)
    referee = GraphReferee(
        services.repo, context.players, context.paths, context.challenges, context.version
    )
    runtime = BattleRuntime.build(services.settings, referee)
    await runtime.start()
    app.state.battles = runtime
    # Everything built at start-up lives as long as the worker: keep it out of the garbage
    # collector's full passes, which otherwise stall every live game now and then.
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        await runtime.stop()


# ``routes`` can be mounted on any app whose ``state.battles`` is a running BattleRuntime;
# ``router`` adds the lifespan that builds one from the app's services (create_app uses it).
routes = APIRouter(tags=["battles"])


def get_runtime(request: Request) -> BattleRuntime:
    runtime: BattleRuntime = request.app.state.battles
    return runtime


Battles = Annotated[BattleRuntime, Depends(get_runtime)]
RoomCode = Annotated[
    str, Path(min_length=CODE_LENGTH, max_length=CODE_LENGTH, description="The room code.")
]
PersonName = Annotated[str, Field(min_length=1, max_length=32, description="Shown to others.")]


class CreateBattle(BaseModel):
    """A new room; every rule left out takes the server's default (``BATTLE_*``)."""

    name: PersonName
    mode: Mode = "chain"
    difficulty: Difficulty = "medium"
    turn_seconds: float | None = Field(default=None, gt=0, le=600)
    race_seconds: float | None = Field(default=None, gt=0, le=3600)
    lives: int | None = Field(default=None, ge=1, le=10)
    hub_limit: int | None = Field(default=None, ge=1, le=100)
    max_players: int | None = Field(default=None, ge=2, le=16)
    from_season: int | None = Field(default=None, description="e.g. 19901991 (8 digits)")
    to_season: int | None = Field(default=None, description="e.g. 19992000 (8 digits)")
    played_together: bool = Field(
        default=False, description="Only links with games actually played together count."
    )
    min_games: int = Field(default=1, ge=1, le=2000, description="With played_together.")
    start_player_id: str | None = Field(
        default=None, max_length=32, description="Chain mode: the first player (else random)."
    )


class JoinBattle(BaseModel):
    name: PersonName


class Seat(BaseModel):
    """A seat in a room. Keep ``token``: it is shown once and is how you (re)connect."""

    code: str
    seat: int
    token: str
    ws_path: str
    rules: dict[str, Any]


def _rules(body: CreateBattle, defaults: RoomRules) -> RoomRules:
    given = body.model_dump(exclude={"name"}, exclude_none=True)
    try:
        return RoomRules.model_validate({**defaults.model_dump(), **given})
    except ValidationError as exc:
        raise InvalidInput([e["msg"] for e in exc.errors()]) from None


def _as_http(exc: Rejected | StoreUnavailable) -> AppError:
    if isinstance(exc, StoreUnavailable):
        return Unavailable(str(exc))
    error = NotFound(exc.detail) if exc.code == "unknown_player" else Conflict(exc.detail)
    error.code = exc.code
    return error


@routes.post(
    "/battles",
    response_model=Seat,
    status_code=status.HTTP_201_CREATED,
    summary="Create a battle room; you get the room code and your player token",
)
async def create_battle(body: CreateBattle, battles: Battles) -> Seat:
    rules = _rules(body, battles.service.defaults)
    try:
        rules = await battles.service.settle_rules(rules)
        seated = await battles.service.create_room(rules, body.name)
    except (Rejected, StoreUnavailable) as exc:
        raise _as_http(exc) from None
    return Seat(
        code=seated.code,
        seat=seated.seat,
        token=seated.token,
        ws_path=f"/ws/battles/{seated.code}",
        rules=rules.model_dump(),
    )


@routes.post(
    "/battles/{code}/players",
    response_model=Seat,
    status_code=status.HTTP_201_CREATED,
    summary="Take a seat in a room's lobby (or send a join frame with a name instead)",
)
async def join_battle(code: RoomCode, body: JoinBattle, battles: Battles) -> Seat:
    if not is_room_code(code):
        raise NotFound(f"no room {code!r}")
    try:
        seated = await battles.service.add_player(code, body.name, connected=False)
        stored = await battles.service.load(code)
    except (Rejected, StoreUnavailable) as exc:
        raise _as_http(exc) from None
    return Seat(
        code=code,
        seat=seated.seat,
        token=seated.token,
        ws_path=f"/ws/battles/{code}",
        rules=stored.state.rules.model_dump(),
    )


@routes.get("/battles/{code}", summary="The room as a spectator sees it")
async def get_battle(code: RoomCode, battles: Battles) -> dict[str, Any]:
    if not is_room_code(code):
        raise NotFound(f"no room {code!r}")
    try:
        stored = await battles.service.load(code)
    except StoreUnavailable as exc:
        raise _as_http(exc) from None
    return public_view(stored.state)


@routes.websocket("/ws/battles/{code}")
async def battle_socket(websocket: WebSocket, code: str) -> None:
    runtime: BattleRuntime = websocket.app.state.battles
    await BattleConnection(runtime, websocket, code).run()


router = APIRouter(lifespan=battle_lifespan)
router.include_router(routes)
