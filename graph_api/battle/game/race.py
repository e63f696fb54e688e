"""Race mode: everyone connects the same start and target players, against the clock.

- The room gets a start and a target from the challenge generator, with the optimal number
  of hops, and a deadline (``race_seconds``).
- A competitor submits a whole chain start -> ... -> target; the service checks every hop
  against the graph first. A chain is valid when it starts and ends right, names nobody
  twice and every hop is a real teammate link under the room's rules.
- An invalid chain costs an attempt (each competitor has ``lives`` attempts); the first
  valid chain is final. Score = ``1000 * optimal_hops / hops`` for length plus up to 500 for
  time left; an invalid or missing chain scores 0.
- The race ends when every competitor is done or the deadline passes.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph_api.battle.game.actions import RaceSubmit, Start
from graph_api.battle.game.events import Outbox, Rejected, finish_game, require_playing
from graph_api.battle.game.state import PlayerRef, RaceEntry, RoomState, Seat, Standing

LENGTH_POINTS = 1000
TIME_POINTS = 500


def start(out: Outbox, action: Start) -> None:
    state = out.state
    if action.target is None or action.optimal_hops is None:
        raise Rejected("no_challenge", "a race needs a target and its optimal length")
    state.start = action.start
    state.target = action.target
    state.optimal_hops = action.optimal_hops
    state.ends_at = action.now + state.rules.race_seconds
    state.order = [seat.seat for seat in state.seats]
    for seat in state.seats:
        seat.attempts_left = state.rules.lives
        seat.alive = True
    out.emit(
        "game_started",
        mode="race",
        start=action.start.model_dump(),
        target=action.target.model_dump(),
        optimal_hops=action.optimal_hops,
        ends_at=state.ends_at,
        attempts=state.rules.lives,
    )


def score(optimal_hops: int, hops: int, elapsed: float, limit: float) -> int:
    """Points for a valid chain: shorter and faster is better."""
    length = LENGTH_POINTS * min(1.0, optimal_hops / max(hops, 1))
    time_left = max(0.0, 1.0 - elapsed / limit)
    return round(length + TIME_POINTS * time_left)


def structural_problem(state: RoomState, chain: tuple[PlayerRef, ...]) -> str | None:
    """Why the chain cannot be valid whatever the graph says, or None."""
    assert state.start is not None
    assert state.target is not None
    return chain_problem(state.start, state.target, chain)


def chain_problem(start: PlayerRef, target: PlayerRef, chain: Sequence[PlayerRef]) -> str | None:
    """Why a chain from ``start`` to ``target`` cannot be valid whatever the graph says, or
    None (the race's rule, and the daily puzzle's)."""
    if len(chain) < 2:
        return "a chain needs at least the start and the target"
    if chain[0].id != start.id:
        return f"the chain must start at {start.name}"
    if chain[-1].id != target.id:
        return f"the chain must end at {target.name}"
    if len({p.id for p in chain}) != len(chain):
        return "a player appears twice in the chain"
    return None


def hop_problem(chain: Sequence[PlayerRef], hop_valid: Sequence[bool]) -> str | None:
    """The first hop that is not a teammate link, named, or None when every hop is one."""
    bad = [i for i, ok in enumerate(hop_valid) if not ok]
    if not bad:
        return None
    a, b = chain[bad[0]], chain[bad[0] + 1]
    return f"hop {bad[0] + 1} is not a teammate link: {a.name} and {b.name} were never teammates"


def check_can_submit(state: RoomState, seat_number: int, now: float) -> Seat:
    """The competitor's seat, or :class:`Rejected` if it may not submit now."""
    require_playing(state)
    if state.rules.mode != "race":
        raise Rejected("wrong_mode", "this is a chain game: name one player")
    seat = state.seat_of(seat_number)
    if seat is None:
        raise Rejected("unknown_seat", f"there is no seat {seat_number} in this room")
    if seat.finished:
        raise Rejected("already_finished", "you have no attempts left or a valid chain in")
    if state.ends_at is not None and now > state.ends_at:
        raise Rejected("time_up", "the race is over")
    return seat


def submit(out: Outbox, action: RaceSubmit) -> None:
    state = out.state
    seat = check_can_submit(state, action.seat, action.now)
    assert state.started_at is not None
    if len(action.hop_valid) != max(len(action.chain) - 1, 0):
        raise Rejected("bad_submission", "one verdict per hop is needed", status=422)
    problem = structural_problem(state, action.chain)
    if problem is None:
        problem = hop_problem(action.chain, action.hop_valid)
    valid = problem is None
    elapsed = action.now - state.started_at
    hops = len(action.chain) - 1
    assert state.optimal_hops is not None
    entry = RaceEntry(
        chain=list(action.chain),
        hop_valid=list(action.hop_valid),
        valid=valid,
        reason=problem,
        hops=hops,
        score=score(state.optimal_hops, hops, elapsed, state.rules.race_seconds) if valid else 0,
        elapsed=elapsed,
        at=action.now,
    )
    seat.entries.append(entry)
    if valid:
        seat.finished = True
    else:
        seat.attempts_left -= 1
        if seat.attempts_left <= 0:
            seat.finished = True
            seat.out_reason = "no_attempts_left"
    out.emit(
        "submission",
        seat=seat.seat,
        valid=valid,
        reason=problem,
        chain=[p.model_dump() for p in action.chain],
        hop_valid=list(action.hop_valid),
        hops=hops,
        score=entry.score,
        attempts_left=seat.attempts_left,
    )
    _finish_if_done(out, action.now)


def tick(out: Outbox, now: float) -> None:
    ends_at = out.state.ends_at
    if ends_at is not None and now >= ends_at:
        out.emit("time_up", ends_at=ends_at)
        _finish(out, now)


def forfeit(out: Outbox, seat: Seat, now: float, reason: str) -> None:
    if seat.finished and any(e.valid for e in seat.entries):
        return  # a valid chain stands even if its author leaves
    seat.finished = True
    seat.alive = False
    seat.out_reason = reason
    out.emit("eliminated", seat=seat.seat, reason=reason)
    _finish_if_done(out, now)


def _finish_if_done(out: Outbox, now: float) -> None:
    if all(seat.finished for seat in out.state.seats):
        _finish(out, now)


def best_entry(seat: Seat) -> RaceEntry | None:
    return next((entry for entry in seat.entries if entry.valid), None)


def _finish(out: Outbox, now: float) -> None:
    def sort_key(seat: Seat) -> tuple[int, float]:
        entry = best_entry(seat)
        return (-entry.score, entry.at) if entry else (0, float("inf"))

    ranked = sorted(out.state.seats, key=sort_key)
    standings = []
    for rank, seat in enumerate(ranked, start=1):
        entry = best_entry(seat)
        reason = None if entry else (seat.out_reason or "no_valid_chain")
        standings.append(
            Standing(
                seat=seat.seat,
                name=seat.name,
                rank=rank,
                score=entry.score if entry else 0,
                reason=reason,
            )
        )
    top = best_entry(ranked[0]) if ranked else None
    finish_game(out, now, ranked[0].seat if top else None, standings)
