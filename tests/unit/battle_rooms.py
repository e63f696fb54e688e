"""Helpers for the engine tests: rooms built by applying real actions, never by hand."""

from __future__ import annotations

from graph_api.battle.game import engine
from graph_api.battle.game.actions import Action, ChainGuess, Join, Ready, Start
from graph_api.battle.game.events import Event
from graph_api.battle.game.rules import RoomRules
from graph_api.battle.game.state import PlayerRef, RoomState

T0 = 1_800_000_000.0


def run(state: RoomState, *actions: Action) -> tuple[RoomState, list[Event]]:
    events: list[Event] = []
    for action in actions:
        state, produced = engine.apply(state, action)
        events.extend(produced)
    return state, events


def lobby(players: int, **rules: object) -> RoomState:
    state = RoomState(code="ABCDEFGHJKMN", rules=RoomRules.model_validate(rules), created_at=T0)
    names = ["Ann", "Bob", "Cat", "Dan", "Eve", "Fay", "Gus", "Hal"]
    joins = [Join(T0, names[i], f"hash-{i + 1}", connected=True) for i in range(players)]
    state, _ = run(state, *joins)
    return state


def started(
    players: int,
    start: PlayerRef,
    target: PlayerRef | None = None,
    optimal_hops: int | None = None,
    **rules: object,
) -> RoomState:
    state = lobby(players, **rules)
    readies = [Ready(T0, seat.seat, True) for seat in state.seats]
    state, _ = run(state, *readies, Start(T0, 1, start, target, optimal_hops))
    return state


def answer(
    state: RoomState, seat: int, player: PlayerRef, shared: tuple[str, ...] | None, now: float
) -> ChainGuess:
    """The guess the service would build for ``seat`` naming ``player`` now."""
    link = state.last_named
    assert link is not None
    return ChainGuess(now, seat, state.turn, link.id, player, shared)


def types(events: list[Event]) -> list[str]:
    return [event.type for event in events]
