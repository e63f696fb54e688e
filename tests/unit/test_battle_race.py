"""Race mode rules with real chains from the Hockey Databank."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from battle_databank import Databank, load_databank
from battle_rooms import T0, run, started, types

from graph_api.battle.game import engine, race
from graph_api.battle.game.actions import RaceSubmit, Tick
from graph_api.battle.game.events import Rejected
from graph_api.battle.game.state import RoomState


@pytest.fixture(scope="module")
def bank(shared_data: Path) -> Databank:
    return load_databank(shared_data)


def gretzky_to_lemieux(bank: Databank, players: int = 2, **rules: object) -> RoomState:
    # Never teammates; Paul Coffey played with both, so the optimal chain has 2 hops.
    assert bank.shared("gretzwa01", "lemiema01") is None
    return started(players, bank.ref("gretzwa01"), bank.ref("lemiema01"), 2, mode="race", **rules)


def submission(bank: Databank, seat: int, ids: list[str], now: float) -> RaceSubmit:
    """What the service builds: the chain and the graph's verdict on every hop."""
    hops = tuple(bank.shared(a, b) is not None for a, b in itertools.pairwise(ids))
    return RaceSubmit(now, seat, tuple(bank.ref(pid) for pid in ids), hops)


def test_a_race_starts_with_start_target_and_deadline(bank: Databank) -> None:
    state = gretzky_to_lemieux(bank, race_seconds=120, lives=2)
    assert state.start is not None
    assert state.start.id == "gretzwa01"
    assert state.ends_at == T0 + 120
    assert engine.next_deadline(state) == T0 + 120
    assert [s.attempts_left for s in state.seats] == [2, 2]


def test_an_optimal_chain_scores_full_length_points_plus_time(bank: Databank) -> None:
    state = gretzky_to_lemieux(bank, race_seconds=100)
    state, events = run(
        state, submission(bank, 1, ["gretzwa01", "coffepa01", "lemiema01"], T0 + 20)
    )
    data = events[0].data
    assert data["valid"] is True
    assert data["hops"] == 2
    assert data["score"] == 1000 + 400  # optimal length; 80 % of the time left
    seat = state.seat_of(1)
    assert seat is not None
    assert seat.finished


def test_a_longer_chain_scores_less(bank: Databank) -> None:
    # Gretzky -> Messier -> Kurri -> Coffey -> Lemieux: valid, 4 hops against 2.
    ids = ["gretzwa01", "messima01", "kurrija01", "coffepa01", "lemiema01"]
    state = gretzky_to_lemieux(bank, race_seconds=100)
    state, events = run(state, submission(bank, 1, ids, T0 + 50))
    assert events[0].data["valid"] is True
    assert events[0].data["score"] == 500 + 250
    assert race.score(2, 4, 50, 100) == 750


def test_a_broken_hop_costs_an_attempt_and_says_where(bank: Databank) -> None:
    state = gretzky_to_lemieux(bank, lives=2)
    state, events = run(state, submission(bank, 1, ["gretzwa01", "messima01", "lemiema01"], T0 + 5))
    data = events[0].data
    assert data["valid"] is False
    assert data["hop_valid"] == [True, False]
    assert data["reason"].startswith("hop 2 is not a teammate link: Mark Messier and Mario Lemieux")
    assert data["attempts_left"] == 1
    assert data["score"] == 0


@pytest.mark.parametrize(
    ("ids", "reason"),
    [
        (["coffepa01", "lemiema01"], "the chain must start at Wayne Gretzky"),
        (["gretzwa01", "coffepa01"], "the chain must end at Mario Lemieux"),
        (
            ["gretzwa01", "coffepa01", "gretzwa01", "coffepa01", "lemiema01"],
            "a player appears twice in the chain",
        ),
    ],
)
def test_chains_that_cannot_be_right_are_invalid(
    bank: Databank, ids: list[str], reason: str
) -> None:
    state = gretzky_to_lemieux(bank)
    state, events = run(state, submission(bank, 1, ids, T0 + 5))
    assert events[0].data["valid"] is False
    assert events[0].data["reason"] == reason


def test_no_attempts_left_means_done_and_everyone_done_ends_the_race(bank: Databank) -> None:
    state = gretzky_to_lemieux(bank, lives=1)
    bad = ["gretzwa01", "messima01", "lemiema01"]
    state, events = run(state, submission(bank, 1, bad, T0 + 5))
    assert types(events) == ["submission"]
    good = ["gretzwa01", "coffepa01", "lemiema01"]
    state, events = run(state, submission(bank, 2, good, T0 + 9))
    assert types(events) == ["submission", "game_over"]
    assert state.winner == 2
    standings = events[-1].data["standings"]
    assert [(s["seat"], s["rank"], s["reason"]) for s in standings] == [
        (2, 1, None),
        (1, 2, "no_attempts_left"),
    ]


def test_once_done_a_competitor_cannot_submit_again(bank: Databank) -> None:
    state = gretzky_to_lemieux(bank)
    good = ["gretzwa01", "coffepa01", "lemiema01"]
    state, _ = run(state, submission(bank, 1, good, T0 + 5))
    with pytest.raises(Rejected) as exc:
        engine.apply(state, submission(bank, 1, good, T0 + 6))
    assert exc.value.code == "already_finished"


def test_the_clock_ends_the_race_and_faster_ranks_higher(bank: Databank) -> None:
    state = gretzky_to_lemieux(bank, players=3, race_seconds=60)
    good = ["gretzwa01", "coffepa01", "lemiema01"]
    state, _ = run(state, submission(bank, 2, good, T0 + 10))
    state, _ = run(state, submission(bank, 1, good, T0 + 30))
    with pytest.raises(Rejected) as late:
        engine.apply(state, submission(bank, 3, good, T0 + 61))
    assert late.value.code == "time_up"
    state, events = run(state, Tick(T0 + 60))
    assert types(events) == ["time_up", "game_over"]
    assert state.winner == 2
    assert [(s.seat, s.score) for s in state.standings] == [(2, 1417), (1, 1250), (3, 0)]


def test_nobody_valid_means_no_winner(bank: Databank) -> None:
    state = gretzky_to_lemieux(bank, race_seconds=60)
    state, _ = run(state, Tick(T0 + 60))
    assert state.phase == "finished"
    assert state.winner is None


def test_a_single_answer_is_refused_in_a_race_and_a_chain_in_a_chain_game(bank: Databank) -> None:
    chain_game = started(2, bank.ref("gretzwa01"))
    with pytest.raises(Rejected) as exc:
        engine.apply(chain_game, submission(bank, 1, ["gretzwa01", "messima01"], T0))
    assert exc.value.code == "wrong_mode"


def test_a_race_needs_a_target(bank: Databank) -> None:
    with pytest.raises(Rejected) as exc:
        started(1, bank.ref("gretzwa01"), mode="race")
    assert exc.value.code == "no_challenge"
