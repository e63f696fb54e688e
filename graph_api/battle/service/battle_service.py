"""The battle service: load a room, build an action (asking the graph first where needed),
apply it with the pure engine, save it with the version check, and let the store publish.

Concurrent actions on one room are serialised per worker by a lock and across workers by the
store's compare-and-set: a save that lost the race reloads the room and tries again.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from graph_api.battle.game import engine
from graph_api.battle.game.actions import (
    Action,
    Conclude,
    Connect,
    Disconnect,
    Join,
    Leave,
    Ready,
    Start,
    Tick,
)
from graph_api.battle.game.events import Event, Rejected
from graph_api.battle.game.room_code import new_room_code
from graph_api.battle.game.rules import RoomRules
from graph_api.battle.game.state import RoomState
from graph_api.battle.service import analysis as post_game
from graph_api.battle.service.guesses import GuessChecker, PlayerInput
from graph_api.battle.service.locks import KeyedLock
from graph_api.battle.service.oracle import GraphOracle, LinkRules, Unplayable
from graph_api.battle.store.room_store import RoomStore, Stored
from graph_api.errors import AppError, Conflict, NotFound

log = logging.getLogger(__name__)

MAX_SAVE_ATTEMPTS = 8
ANALYSIS_TIMEOUT_S = 10.0
# Post-game analyses (path searches) running at once per worker, so that a burst of games
# ending together cannot starve the guesses of the games still running.
ANALYSES_AT_ONCE = 2
Clock = Callable[[], float]
# Builds the action from the room as loaded (asking the graph first where needed).
BuildAction = Callable[[RoomState], Awaitable[Action]]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class RoomNotFound(NotFound):
    code = "room_not_found"


class RoomBusy(Conflict):
    code = "room_busy"


@dataclass(frozen=True)
class Applied:
    """A saved action: the room after it and the events it published."""

    state: RoomState
    events: list[Event]
    stored: Stored


@dataclass(frozen=True)
class Seated:
    """A seat handed out, with its secret token (shown once)."""

    code: str
    seat: int
    token: str
    session: int
    rules: RoomRules


class BattleService:
    def __init__(
        self,
        store: RoomStore,
        oracle: GraphOracle,
        defaults: RoomRules,
        grace_seconds: float,
        clock: Clock = time.time,
    ) -> None:
        self.store = store
        self.oracle = oracle
        self.defaults = defaults
        self.grace_seconds = grace_seconds
        self.clock = clock
        self.guesses = GuessChecker(oracle)
        self._locks = KeyedLock()
        self._background: set[asyncio.Task[None]] = set()
        self._analysis_gate = asyncio.Semaphore(ANALYSES_AT_ONCE)
        self._concluding: set[str] = set()

    # --- rooms and seats -------------------------------------------------------------------

    async def create_room(self, rules: RoomRules, host_name: str) -> Seated:
        rules = await self.settle_rules(rules)
        state = RoomState(code=new_room_code(), rules=rules, created_at=self.clock())
        while not await self.store.create(state, None):
            state = state.model_copy(update={"code": new_room_code()})
        return await self.add_player(state.code, host_name, connected=False)

    async def settle_rules(self, rules: RoomRules) -> RoomRules:
        """The rules as a room keeps them, checked before a room is made for them.

        Refuses rules no game can be played under (:class:`Unplayable`) and an unknown start
        player (``unknown_player``); names the start player by his canonical id (a Databank
        id given for him becomes his NHL id)."""
        links = LinkRules.of(rules)
        if rules.start_player_id is not None:
            first = await self.guesses.start_player(rules.start_player_id)
            rules = rules.model_copy(update={"start_player_id": first.id})
            if rules.mode == "chain":
                if not await self.oracle.teammates(first.id, links, 1, []):
                    raise Unplayable(
                        f"{first.name} has no teammate under this room's rules"
                        " (season window, games-together minimum)"
                    )
                return rules
        if links.filters:
            await self.oracle.challenge(rules.difficulty, links)
        return rules

    async def add_player(self, code: str, name: str, *, connected: bool) -> Seated:
        token = secrets.token_urlsafe(24)
        action = Join(self.clock(), name, hash_token(token), connected=connected)
        applied = await self.act(code, action)
        seat = next(e.data["seat"] for e in applied.events if e.type == "player_joined")
        found = applied.state.seat_of(seat)
        assert found is not None
        return Seated(code, seat, token, found.session, applied.state.rules)

    async def load(self, code: str) -> Stored:
        stored = await self.store.load(code)
        if stored is None:
            raise RoomNotFound(f"no room {code!r} (it may have expired)")
        return stored

    async def authenticate(self, code: str, token: str) -> int:
        """The seat a token belongs to in this room; Rejected for anything else."""
        stored = await self.load(code)
        digest = hash_token(token)
        for seat in stored.state.seats:
            if hmac.compare_digest(seat.token_hash, digest):
                return seat.seat
        raise Rejected("bad_token", "this token does not hold a seat in this room")

    async def connect(self, code: str, seat: int) -> Applied:
        return await self.act(code, Connect(self.clock(), seat))

    async def disconnect(self, code: str, seat: int, session: int) -> None:
        action = Disconnect(self.clock(), seat, session, self.grace_seconds)
        await self.act(code, action)

    async def leave(self, code: str, seat: int) -> Applied:
        return await self.act(code, Leave(self.clock(), seat))

    async def ready(self, code: str, seat: int, ready: bool) -> Applied:
        return await self.act(code, Ready(self.clock(), seat, ready))

    # --- the game ----------------------------------------------------------------------------

    async def start(self, code: str, seat: int) -> Applied:
        async def build(state: RoomState) -> Action:
            engine.check_can_start(state, seat)
            rules = state.rules
            if rules.mode == "chain" and rules.start_player_id:
                first = await self.guesses.start_player(rules.start_player_id)
                return Start(self.clock(), seat, first)
            challenge = await self.oracle.challenge(rules.difficulty, LinkRules.of(rules))
            return Start(
                self.clock(), seat, challenge.start, challenge.target, challenge.optimal_hops
            )

        return await self.act(code, build)

    async def guess(
        self, code: str, seat: int, answer: PlayerInput, turn: int | None, received_at: float
    ) -> Applied:
        """A chain-mode answer: resolved and checked against the link of the current turn."""
        return await self.act(
            code,
            lambda state: self.guesses.chain_guess(state, seat, answer, turn, received_at),
        )

    async def submit(
        self, code: str, seat: int, chain: list[PlayerInput], received_at: float
    ) -> Applied:
        """A race-mode chain: every name resolved, every hop checked."""
        return await self.act(
            code,
            lambda state: self.guesses.race_submission(state, seat, chain, received_at),
        )

    async def on_timer(self, code: str) -> None:
        """A due timer claimed by this worker: conclude a finished game or tick."""
        stored = await self.store.load(code)
        if stored is None:
            await self.store.forget(code)
            return
        if engine.needs_conclusion(stored.state):
            await self.conclude(code)
            return
        applied = await self.act(code, Tick(self.clock()))
        if not applied.events:
            await self.store.reschedule(applied.stored, engine.next_deadline(applied.state))

    async def conclude(self, code: str) -> None:
        """Publish the result with the post-game analysis (once)."""
        if code in self._concluding:
            return
        self._concluding.add(code)
        try:
            async with self._analysis_gate:
                stored = await self.load(code)
                if not engine.needs_conclusion(stored.state):
                    return
                try:
                    report = await asyncio.wait_for(
                        post_game.analyse(stored.state, self.oracle), ANALYSIS_TIMEOUT_S
                    )
                except (AppError, TimeoutError) as exc:
                    log.warning("analysis of room %s failed: %r", code, exc)
                    report = {"error": "the post-game analysis is not available right now"}
            await self.act(code, Conclude(self.clock(), report))
        finally:
            self._concluding.discard(code)

    # --- the load -> apply -> save loop --------------------------------------------------------

    async def act(self, code: str, action: Action | BuildAction) -> Applied:
        """Apply an action (or the one ``action`` builds from the room as loaded) and save."""
        async with self._locks.hold(code):
            for _ in range(MAX_SAVE_ATTEMPTS):
                stored = await self.load(code)
                todo = await action(stored.state) if callable(action) else action
                state, events = engine.apply(stored.state, todo)
                if not events and state == stored.state:
                    return Applied(state, [], stored)
                if await self.store.save(stored, state, events, engine.next_deadline(state)):
                    if any(event.type == "game_over" for event in events):
                        self._in_background(self.conclude(code))
                    return Applied(state, events, Stored(state, stored.version + 1))
        raise RoomBusy("the room is busy; try again")

    def _in_background(self, work: Awaitable[None]) -> None:
        async def run() -> None:
            try:
                await work
            except Exception:  # the fallback timer concludes the game later
                log.exception("background battle work failed")

        task = asyncio.create_task(run())
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def drain(self) -> None:
        """Wait for background work (tests, shutdown)."""
        while self._background:
            await asyncio.gather(*list(self._background), return_exceptions=True)
