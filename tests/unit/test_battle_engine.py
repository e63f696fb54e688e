"""The battle engine's lobby, presence and bookkeeping rules (pure, no server)."""

from __future__ import annotations

from pathlib import Path

import pytest
from battle_databank import Databank, load_databank
from battle_rooms import T0, lobby, run, started, types

from graph_api.battle.game import engine
from graph_api.battle.game.actions import (
    Conclude,
    Connect,
    Disconnect,
    Join,
    Leave,
    Ready,
    Start,
    Tick,
)
from graph_api.battle.game.events import Rejected
from graph_api.battle.game.state import public_view


@pytest.fixture(scope="module")
def bank(shared_data: Path) -> Databank:
    return load_databank(shared_data)


def test_first_player_is_host_and_seats_count_up() -> None:
    state = lobby(3)
    assert [s.seat for s in state.seats] == [1, 2, 3]
    assert state.host == 1
    assert all(s.connected and s.session == 1 for s in state.seats)


def test_join_events_are_numbered_one_by_one() -> None:
    state = lobby(1)
    state, events = run(state, Join(T0, "Bob", "hash-b"))
    assert types(events) == ["player_joined"]
    assert [e.seq for e in events] == [state.seq]
    assert state.seq == 4  # Ann: joined, host_changed, presence; Bob: joined


def test_apply_never_changes_its_input() -> None:
    state = lobby(2)
    before = state.model_dump()
    engine.apply(state, Ready(T0, 1, True))
    engine.apply(state, Leave(T0, 2))
    assert state.model_dump() == before


def test_room_full_and_blank_names_are_rejected() -> None:
    state = lobby(2, max_players=2)
    with pytest.raises(Rejected) as full:
        engine.apply(state, Join(T0, "Cat", "hash-c"))
    assert full.value.code == "room_full"
    with pytest.raises(Rejected) as blank:
        engine.apply(lobby(1), Join(T0, "   ", "hash-c"))
    assert blank.value.code == "bad_name"


def test_nobody_joins_a_running_game(bank: Databank) -> None:
    state = started(2, bank.ref("gretzwa01"))
    with pytest.raises(Rejected) as exc:
        engine.apply(state, Join(T0, "Late", "hash-late"))
    assert exc.value.code == "game_started"


def test_only_the_host_starts_and_only_when_everyone_is_ready(bank: Databank) -> None:
    state = lobby(2)
    start = bank.ref("gretzwa01")
    state, _ = run(state, Ready(T0, 1, True))
    with pytest.raises(Rejected) as not_ready:
        engine.apply(state, Start(T0, 1, start))
    assert not_ready.value.code == "not_ready"
    assert not_ready.value.extra == {"waiting": [2]}
    state, _ = run(state, Ready(T0, 2, True))
    with pytest.raises(Rejected) as not_host:
        engine.apply(state, Start(T0, 2, start))
    assert not_host.value.code == "not_host"
    state, events = run(state, Start(T0, 1, start))
    assert state.phase == "playing"
    assert types(events) == ["game_started", "turn"]


def test_chain_needs_two_players_race_needs_one(bank: Databank) -> None:
    alone = lobby(1)
    alone, _ = run(alone, Ready(T0, 1, True))
    with pytest.raises(Rejected) as exc:
        engine.apply(alone, Start(T0, 1, bank.ref("gretzwa01")))
    assert exc.value.code == "not_enough_players"
    race = lobby(1, mode="race")
    race, _ = run(race, Ready(T0, 1, True))
    race, _ = run(race, Start(T0, 1, bank.ref("gretzwa01"), bank.ref("lemiema01"), 2))
    assert race.phase == "playing"


def test_ready_is_idempotent_and_only_in_the_lobby(bank: Databank) -> None:
    state = lobby(2)
    state, first = run(state, Ready(T0, 2, True))
    state, again = run(state, Ready(T0, 2, True))
    assert types(first) == ["player_ready"]
    assert again == []
    playing = started(2, bank.ref("gretzwa01"))
    with pytest.raises(Rejected):
        engine.apply(playing, Ready(T0, 1, False))


def test_leaving_the_lobby_frees_the_seat_and_passes_the_host() -> None:
    state, events = run(lobby(3), Leave(T0, 1))
    assert [s.seat for s in state.seats] == [2, 3]
    assert state.host == 2
    assert types(events) == ["player_left", "host_changed"]


def test_unknown_seat_is_rejected() -> None:
    with pytest.raises(Rejected) as exc:
        engine.apply(lobby(2), Ready(T0, 9, True))
    assert exc.value.code == "unknown_seat"


def test_a_dropped_player_keeps_the_seat_for_the_grace_period() -> None:
    state, events = run(lobby(2), Disconnect(T0 + 1, 2, session=1, grace_seconds=30))
    seat = state.seat_of(2)
    assert seat is not None
    assert not seat.connected
    assert seat.grace_deadline == T0 + 31
    assert engine.next_deadline(state) == T0 + 31
    assert events[0].data == {"seat": 2, "connected": False, "grace_deadline": T0 + 31}
    back, _ = run(state, Connect(T0 + 20, 2))
    seat = back.seat_of(2)
    assert seat is not None
    assert seat.connected
    assert seat.session == 2
    assert seat.grace_deadline is None
    assert engine.next_deadline(back) is None


def test_after_the_grace_period_the_lobby_seat_is_gone() -> None:
    state, _ = run(lobby(2), Disconnect(T0, 2, session=1, grace_seconds=30))
    early, nothing = run(state, Tick(T0 + 29))
    assert nothing == []
    assert early.seat_of(2) is not None
    late, events = run(state, Tick(T0 + 30))
    assert late.seat_of(2) is None
    assert events[0].data == {"seat": 2, "reason": "disconnected"}


def test_the_close_of_a_replaced_connection_changes_nothing() -> None:
    state, _ = run(lobby(2), Connect(T0, 2))  # a second socket for seat 2: session 2
    after, events = run(state, Disconnect(T0, 2, session=1, grace_seconds=30))
    assert events == []
    seat = after.seat_of(2)
    assert seat is not None
    assert seat.connected


def test_dropping_out_of_a_game_for_good_is_a_forfeit(bank: Databank) -> None:
    state = started(3, bank.ref("gretzwa01"))
    state, _ = run(state, Disconnect(T0 + 1, 1, session=1, grace_seconds=10))
    state, events = run(state, Tick(T0 + 11))
    seat = state.seat_of(1)
    assert seat is not None
    assert not seat.alive
    assert seat.out_reason == "disconnected"
    assert types(events) == ["eliminated", "turn"]
    assert state.turn_seat == 2


def test_conclude_publishes_the_result_once(bank: Databank) -> None:
    state = started(2, bank.ref("gretzwa01"))
    state, _ = run(state, Leave(T0 + 1, 2))
    assert state.phase == "finished"
    assert engine.needs_conclusion(state)
    assert engine.next_deadline(state) == T0 + 1 + engine.CONCLUDE_FALLBACK_S
    state, events = run(state, Conclude(T0 + 2, {"mode": "chain"}))
    assert types(events) == ["result"]
    assert events[0].data["winner"] == 1
    assert events[0].data["analysis"] == {"mode": "chain"}
    assert not engine.needs_conclusion(state)
    assert engine.next_deadline(state) is None
    _, again = run(state, Conclude(T0 + 3, None))
    assert again == []


def test_the_public_view_hides_tokens() -> None:
    view = public_view(lobby(2))
    assert all("token_hash" not in seat and "session" not in seat for seat in view["seats"])
    assert "hash-1" not in str(view)
