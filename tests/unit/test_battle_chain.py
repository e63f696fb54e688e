"""Chain mode rules with real teammates from the Hockey Databank."""

from __future__ import annotations

from pathlib import Path

import pytest
from battle_databank import Databank, load_databank
from battle_rooms import T0, answer, run, started, types

from graph_api.battle.game import engine
from graph_api.battle.game.actions import ChainGuess, Leave, Tick
from graph_api.battle.game.events import Rejected
from graph_api.battle.game.state import RoomState


@pytest.fixture(scope="module")
def bank(shared_data: Path) -> Databank:
    return load_databank(shared_data)


def name(bank: Databank, state: RoomState, seat: int, pid: str, now: float = T0 + 1) -> ChainGuess:
    link = state.last_named
    assert link is not None
    return answer(state, seat, bank.ref(pid), bank.shared(link.id, pid), now)


def test_the_game_starts_from_the_challenge_player_with_seat_one_to_play(bank: Databank) -> None:
    state = started(3, bank.ref("gretzwa01"), turn_seconds=20, lives=2)
    assert [link.player.id for link in state.chain] == ["gretzwa01"]
    assert state.turn == 1
    assert state.turn_seat == 1
    assert state.turn_deadline == T0 + 20
    assert [s.lives for s in state.seats] == [2, 2, 2]
    assert engine.next_deadline(state) == T0 + 20


def test_a_real_teammate_extends_the_chain_and_passes_the_turn(bank: Databank) -> None:
    state = started(2, bank.ref("gretzwa01"))
    state, events = run(state, name(bank, state, 1, "messima01"))
    assert types(events) == ["guess", "turn"]
    guess = events[0].data
    assert guess["valid"] is True
    assert guess["verdict"] == "valid"
    assert "EDM-19871988" in guess["via"]
    assert "NYR-19961997" in guess["via"]
    assert state.last_named is not None
    assert state.last_named.id == "messima01"
    assert state.link_uses["EDM-19871988"] == 1
    assert state.turn_seat == 2
    assert events[1].data["link"]["id"] == "messima01"


def test_a_non_teammate_costs_a_life_and_the_link_stays(bank: Databank) -> None:
    state = started(2, bank.ref("gretzwa01"))
    state, events = run(state, name(bank, state, 1, "lemiema01"))
    assert events[0].data["verdict"] == "not_teammates"
    assert events[0].data["lives"] == 2
    assert state.last_named is not None
    assert state.last_named.id == "gretzwa01"
    assert state.turn_seat == 2
    assert state.misses[0].verdict == "not_teammates"


def test_acting_out_of_turn_is_rejected_without_changing_the_room(bank: Databank) -> None:
    state = started(2, bank.ref("gretzwa01"))
    with pytest.raises(Rejected) as exc:
        engine.apply(state, name(bank, state, 2, "messima01"))
    assert exc.value.code == "not_your_turn"


def test_an_answer_checked_against_an_old_turn_is_stale(bank: Databank) -> None:
    state = started(2, bank.ref("gretzwa01"))
    old = name(bank, state, 1, "messima01")
    state, _ = run(state, Tick(T0 + 31))
    state, _ = run(state, name(bank, state, 2, "kurrija01", T0 + 32))
    assert state.turn_seat == 1  # seat 1 timed out, seat 2 answered, seat 1 again
    with pytest.raises(Rejected) as exc:
        engine.apply(state, old)
    assert exc.value.code == "stale_turn"


def test_a_player_can_be_named_only_once(bank: Databank) -> None:
    state = started(2, bank.ref("gretzwa01"))
    state, _ = run(state, name(bank, state, 1, "messima01"))
    state, events = run(state, name(bank, state, 2, "gretzwa01"))
    assert events[0].data["verdict"] == "already_named"
    assert events[0].data["valid"] is False
    assert state.seat_of(2).lives == 2  # type: ignore[union-attr]


def test_a_team_season_serves_as_the_link_at_most_hub_limit_times(bank: Databank) -> None:
    state = started(2, bank.ref("gretzwa01"), hub_limit=1)
    # Gretzky -> Kurri uses every team-season they shared (EDM 1980-88, LAK 1991-96) ...
    state, _ = run(state, name(bank, state, 1, "kurrija01"))
    # ... and Kurri -> Coffey shared only EDM 1980-87 and LAK 1991-93: all used up.
    state, events = run(state, name(bank, state, 2, "coffepa01"))
    assert events[0].data["verdict"] == "link_exhausted"
    assert state.last_named is not None
    assert state.last_named.id == "kurrija01"
    # Kurri -> Messier still has EDM 1988-90 and NYR 1995-96 unused: valid, and only those count.
    state, events = run(state, name(bank, state, 1, "messima01"))
    assert events[0].data["verdict"] == "valid"
    assert events[0].data["via"] == ["EDM-19881989", "EDM-19891990", "NYR-19951996"]


def test_with_a_higher_limit_the_same_roster_can_link_again(bank: Databank) -> None:
    state = started(2, bank.ref("gretzwa01"), hub_limit=2)
    state, _ = run(state, name(bank, state, 1, "kurrija01"))
    state, events = run(state, name(bank, state, 2, "coffepa01"))
    assert events[0].data["verdict"] == "valid"
    assert state.link_uses["EDM-19841985"] == 2


def test_a_timeout_costs_a_life_and_passes_the_turn(bank: Databank) -> None:
    state = started(2, bank.ref("gretzwa01"), turn_seconds=30)
    state, nothing = run(state, Tick(T0 + 29.9))
    assert nothing == []
    state, events = run(state, Tick(T0 + 30))
    assert types(events) == ["timeout", "turn"]
    assert events[0].data == {"seat": 1, "turn": 1, "lives": 2}
    assert state.turn_seat == 2
    assert state.turn_deadline == T0 + 60


def test_the_timeout_fires_once_however_often_time_is_checked(bank: Databank) -> None:
    state = started(2, bank.ref("gretzwa01"), turn_seconds=30)
    state, first = run(state, Tick(T0 + 30))
    state, second = run(state, Tick(T0 + 30), Tick(T0 + 45))
    assert types(first) == ["timeout", "turn"]
    assert second == []
    assert [s.lives for s in state.seats] == [2, 3]


def test_an_answer_after_the_deadline_is_late_even_if_right(bank: Databank) -> None:
    state = started(2, bank.ref("gretzwa01"), turn_seconds=30)
    state, events = run(state, name(bank, state, 1, "messima01", now=T0 + 31))
    assert types(events) == ["timeout", "turn"]
    assert state.misses[0].guessed is not None
    assert state.misses[0].verdict == "timeout"
    assert len(state.chain) == 1


def test_out_of_lives_means_out_and_skipped(bank: Databank) -> None:
    state = started(3, bank.ref("gretzwa01"), lives=1, turn_seconds=10)
    state, events = run(state, name(bank, state, 1, "lemiema01"))
    assert types(events) == ["guess", "eliminated", "turn"]
    assert events[1].data == {"seat": 1, "reason": "not_teammates"}
    state, _ = run(state, name(bank, state, 2, "messima01"))
    state, _ = run(state, name(bank, state, 3, "kurrija01"))
    assert state.turn_seat == 2  # seat 1 is skipped


def test_last_player_standing_wins(bank: Databank) -> None:
    state = started(3, bank.ref("gretzwa01"), lives=1, turn_seconds=10)
    state, _ = run(state, name(bank, state, 1, "lemiema01"))
    state, _ = run(state, name(bank, state, 2, "messima01"))
    state, events = run(state, Tick(T0 + 60))
    assert types(events) == ["timeout", "eliminated", "game_over"]
    assert state.phase == "finished"
    assert state.winner == 2
    standings = events[-1].data["standings"]
    assert [(s["seat"], s["rank"]) for s in standings] == [(2, 1), (3, 2), (1, 3)]
    assert state.turn_deadline is None


def test_nothing_can_be_guessed_once_the_game_is_over(bank: Databank) -> None:
    state = started(2, bank.ref("gretzwa01"), lives=1)
    state, _ = run(state, name(bank, state, 1, "lemiema01"))
    assert state.phase == "finished"
    with pytest.raises(Rejected) as exc:
        engine.apply(state, name(bank, state, 2, "messima01"))
    assert exc.value.code == "game_finished"


def test_leaving_on_your_turn_passes_it_on(bank: Databank) -> None:
    state = started(3, bank.ref("gretzwa01"))
    state, events = run(state, Leave(T0 + 5, 1))
    assert types(events) == ["eliminated", "turn"]
    assert state.turn_seat == 2
    state, events = run(state, Leave(T0 + 6, 3))
    assert types(events) == ["eliminated", "game_over"]
    assert state.winner == 2


def test_a_season_window_is_part_of_the_verdict(bank: Databank) -> None:
    from graph_api.battle.service.oracle import LinkRules

    window = LinkRules(from_season=19901991, to_season=19991999)
    # Gretzky and Messier shared the 1980s Oilers and the 1996-97 Rangers.
    assert bank.shared("gretzwa01", "messima01", window) == ("NYR-19961997",)
    state = started(2, bank.ref("gretzwa01"), from_season=19901991, to_season=19992000)
    link = bank.shared("gretzwa01", "messima01", window)
    state, events = run(state, answer(state, 1, bank.ref("messima01"), link, T0 + 1))
    assert events[0].data["via"] == ["NYR-19961997"]


def test_chain_answers_are_refused_in_a_race(bank: Databank) -> None:
    state = started(2, bank.ref("gretzwa01"), bank.ref("lemiema01"), 2, mode="race")
    with pytest.raises(Rejected) as exc:
        engine.apply(state, ChainGuess(T0, 1, 0, "gretzwa01", bank.ref("coffepa01"), None))
    assert exc.value.code == "wrong_mode"
