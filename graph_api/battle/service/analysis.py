"""Post-game analysis for the result message: each player's chain against the optimal paths.

- Race: every competitor's chain (best valid one, else the last attempt) with its hops,
  how many more than the optimal, and up to three optimal paths start -> target.
- Chain: who named whom, a shortest path from the starting player to the last one
  named (how far the chain really travelled), and for each life lost a few teammates of the
  link that had not been named yet ("you could have said ...").
"""

from __future__ import annotations

from typing import Any

from graph_api.battle.game.state import PlayerRef, RaceEntry, RoomState, Seat
from graph_api.battle.service.oracle import GraphOracle, LinkRules

MAX_PATHS = 3  # race: the optimal paths start -> target shown
CHAIN_PATHS = 1  # chain: one shortest path first -> last (a cheap bidirectional search)
MAX_MISSES = 12
HINTS = 3


def _refs(players: list[PlayerRef]) -> list[dict[str, Any]]:
    return [player.model_dump() for player in players]


async def analyse(state: RoomState, oracle: GraphOracle) -> dict[str, Any]:
    rules = LinkRules.of(state.rules)
    if state.rules.mode == "race":
        return await _race(state, oracle, rules)
    return await _chain(state, oracle, rules)


async def _chain(state: RoomState, oracle: GraphOracle, rules: LinkRules) -> dict[str, Any]:
    named = [link.player for link in state.chain]
    first, last = named[0], named[-1]
    paths = (
        await oracle.optimal_paths(first.id, last.id, rules, CHAIN_PATHS)
        if first.id != last.id
        else [[first]]
    )
    exclude = sorted(state.named_ids())
    misses = state.misses[-MAX_MISSES:]
    # One query per distinct link (a wrong answer leaves the link in place), one at a
    # time: analyses must not crowd out the games still running.
    by_link: dict[str, list[PlayerRef]] = {}
    for miss in misses:
        if miss.link.id not in by_link:
            by_link[miss.link.id] = await oracle.teammates(miss.link.id, rules, HINTS, exclude)
    hints = [by_link[miss.link.id] for miss in misses]
    return {
        "mode": "chain",
        "chain": [link.model_dump(mode="json") for link in state.chain],
        "players": [
            {
                "seat": seat.seat,
                "name": seat.name,
                "named": _refs([link.player for link in state.chain if link.seat == seat.seat]),
                "lives_lost": sum(1 for miss in state.misses if miss.seat == seat.seat),
            }
            for seat in state.seats
        ],
        "shortest": {
            "from": first.model_dump(),
            "to": last.model_dump(),
            "chain_hops": len(named) - 1,
            "optimal_hops": len(paths[0]) - 1 if paths else None,
            "paths": [_refs(path) for path in paths],
        },
        "misses": [
            {**miss.model_dump(mode="json"), "could_have_said": _refs(hint)}
            for miss, hint in zip(misses, hints, strict=True)
        ],
    }


def _shown_entry(seat: Seat) -> RaceEntry | None:
    valid = [entry for entry in seat.entries if entry.valid]
    if valid:
        return valid[0]
    return seat.entries[-1] if seat.entries else None


async def _race(state: RoomState, oracle: GraphOracle, rules: LinkRules) -> dict[str, Any]:
    assert state.start is not None
    assert state.target is not None
    paths = await oracle.optimal_paths(state.start.id, state.target.id, rules, MAX_PATHS)
    optimal = state.optimal_hops
    players = []
    for seat in state.seats:
        entry = _shown_entry(seat)
        players.append(
            {
                "seat": seat.seat,
                "name": seat.name,
                "attempts": len(seat.entries),
                "chain": _refs(entry.chain) if entry else None,
                "hop_valid": entry.hop_valid if entry else None,
                "valid": entry.valid if entry else False,
                "hops": entry.hops if entry else None,
                "extra_hops": entry.hops - optimal if entry and entry.valid and optimal else None,
                "score": entry.score if entry else 0,
                "seconds": round(entry.elapsed, 3) if entry else None,
            }
        )
    return {
        "mode": "race",
        "start": state.start.model_dump(),
        "target": state.target.model_dump(),
        "optimal_hops": optimal,
        "optimal_paths": [_refs(path) for path in paths],
        "players": players,
    }
