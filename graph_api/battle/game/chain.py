"""Chain mode: take turns naming a teammate of the last-named player.

- Each turn has a deadline; a wrong or late answer costs the player a life, at zero lives
  the player is out. Either way the turn passes to the next player still in.
- A player can be named once per game (the starting player counts as named).
- The link between two named players is the team-season(s) they shared (within the room's
  season window and "played together" minimum). A team-season can serve as the link at
  most ``hub_limit`` times per game, so nobody can stall on one deep roster; an answer whose
  every shared team-season is used up is wrong ("link_exhausted").
- The last player standing wins.
"""

from __future__ import annotations

from graph_api.battle.game.actions import ChainGuess, Start
from graph_api.battle.game.events import Outbox, Rejected, finish_game, require_playing
from graph_api.battle.game.state import ChainLink, Miss, PlayerRef, RoomState, Seat, Standing

VALID = "valid"


def start(out: Outbox, action: Start) -> None:
    state = out.state
    state.chain = [ChainLink(player=action.start, seat=None, turn=0)]
    state.order = [seat.seat for seat in state.seats]
    for seat in state.seats:
        seat.lives = state.rules.lives
        seat.alive = True
    out.emit(
        "game_started",
        mode="chain",
        start=action.start.model_dump(),
        order=state.order,
        lives=state.rules.lives,
        hub_limit=state.rules.hub_limit,
    )
    _begin_turn(out, action.now, state.order[0])


def verdict(
    out: Outbox, player: PlayerRef, shared: tuple[str, ...] | None
) -> tuple[str, list[str]]:
    """The verdict on naming ``player`` now, and the team-seasons it would use as the link."""
    state = out.state
    if player.id in state.named_ids():
        return "already_named", []
    if not shared:
        return "not_teammates", []
    limit = state.rules.hub_limit
    available = [ts for ts in shared if state.link_uses.get(ts, 0) < limit]
    if not available:
        return "link_exhausted", list(shared)
    return VALID, available


def check_turn(state: RoomState, seat: int, turn: int | None) -> None:
    """Raise :class:`Rejected` unless ``seat`` may answer ``turn`` (None: the current one)."""
    require_playing(state)
    if state.rules.mode != "chain":
        raise Rejected("wrong_mode", "this is a race: send the whole chain")
    if state.turn_seat != seat:
        raise Rejected("not_your_turn", f"it is seat {state.turn_seat}'s turn")
    if turn is not None and turn != state.turn:
        raise Rejected("stale_turn", f"turn {turn} is over; it is turn {state.turn}")


def guess(out: Outbox, action: ChainGuess) -> None:
    state = out.state
    check_turn(state, action.seat, None)
    link = state.last_named
    if action.turn != state.turn or link is None or action.link_id != link.id:
        raise Rejected("stale_turn", "the turn moved on while the answer was checked")
    seat = state.seat_of(action.seat)
    assert seat is not None
    if state.turn_deadline is not None and action.now > state.turn_deadline:
        _time_out(out, seat, action.now, late=action.player)
        return
    outcome, via = verdict(out, action.player, action.shared)
    if outcome == VALID:
        state.chain.append(
            ChainLink(player=action.player, seat=seat.seat, turn=state.turn, via=via)
        )
        for team_season in via:
            state.link_uses[team_season] = state.link_uses.get(team_season, 0) + 1
    else:
        _cost_life(state, seat, outcome, action.player, link)
    out.emit(
        "guess",
        seat=seat.seat,
        turn=state.turn,
        player=action.player.model_dump(),
        valid=outcome == VALID,
        verdict=outcome,
        via=via,
        lives=seat.lives,
    )
    _after_answer(out, seat, outcome, action.now)


def tick(out: Outbox, now: float) -> None:
    state = out.state
    if state.turn_deadline is None or now < state.turn_deadline or state.turn_seat is None:
        return
    seat = state.seat_of(state.turn_seat)
    assert seat is not None
    _time_out(out, seat, now, late=None)


def forfeit(out: Outbox, seat: Seat, now: float, reason: str) -> None:
    """A player left or never came back: out of the game at once."""
    if not seat.alive:
        return
    _eliminate(out, seat, reason)
    state = out.state
    if len(state.alive_seats()) <= 1:
        _finish(out, now)
    elif state.turn_seat == seat.seat:
        _begin_turn(out, now, _next_alive_after(out, seat.seat))


def _time_out(out: Outbox, seat: Seat, now: float, late: PlayerRef | None) -> None:
    state = out.state
    link = state.last_named
    assert link is not None
    _cost_life(state, seat, "timeout", late, link)
    out.emit("timeout", seat=seat.seat, turn=state.turn, lives=seat.lives)
    _after_answer(out, seat, "timeout", now)


def _cost_life(
    state: RoomState, seat: Seat, outcome: str, guessed: PlayerRef | None, link: PlayerRef
) -> None:
    seat.lives -= 1
    state.misses.append(
        Miss(seat=seat.seat, turn=state.turn, link=link, verdict=outcome, guessed=guessed)
    )


def _after_answer(out: Outbox, seat: Seat, outcome: str, now: float) -> None:
    if seat.lives <= 0 and seat.alive:
        _eliminate(out, seat, outcome)
    if len(out.state.alive_seats()) <= 1:
        _finish(out, now)
    else:
        _begin_turn(out, now, _next_alive_after(out, seat.seat))


def _eliminate(out: Outbox, seat: Seat, reason: str) -> None:
    state = out.state
    seat.alive = False
    state.eliminated += 1
    seat.out_order = state.eliminated
    seat.out_reason = reason
    out.emit("eliminated", seat=seat.seat, reason=reason)


def _next_alive_after(out: Outbox, number: int) -> int:
    order = out.state.order
    alive = {seat.seat for seat in out.state.alive_seats()}
    start_at = order.index(number)
    for step in range(1, len(order) + 1):
        candidate = order[(start_at + step) % len(order)]
        if candidate in alive:
            return candidate
    raise AssertionError("no player left to take the turn")


def _begin_turn(out: Outbox, now: float, number: int) -> None:
    state = out.state
    state.turn += 1
    state.turn_seat = number
    state.turn_deadline = now + state.rules.turn_seconds
    link = state.last_named
    assert link is not None
    out.emit(
        "turn",
        turn=state.turn,
        seat=number,
        link=link.model_dump(),
        deadline=state.turn_deadline,
        seconds=state.rules.turn_seconds,
    )


def _finish(out: Outbox, now: float) -> None:
    state = out.state
    alive = state.alive_seats()
    winner = alive[0].seat if len(alive) == 1 else None
    ranked = sorted(state.seats, key=lambda s: (not s.alive, -(s.out_order or 0)))
    standings = [
        Standing(seat=s.seat, name=s.name, rank=rank, reason=s.out_reason)
        for rank, s in enumerate(ranked, start=1)
    ]
    finish_game(out, now, winner, standings)
