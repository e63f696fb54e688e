"""Turning what a player typed into an action: resolve names, ask the graph about links.

Everything here happens before the engine sees the action. A name that is ambiguous or
unknown is a :class:`Rejected` ("did you mean ..."), never a wrong answer.
"""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass

from graph_api.battle.game import chain, race
from graph_api.battle.game.actions import ChainGuess, RaceSubmit
from graph_api.battle.game.events import Rejected
from graph_api.battle.game.state import PlayerRef, RoomState
from graph_api.battle.service.oracle import GraphOracle, LinkRules, resolve

MAX_RACE_CHAIN = 25


@dataclass(frozen=True)
class PlayerInput:
    """A player named by id or by free text (exactly one of them)."""

    player_id: str | None = None
    text: str | None = None

    def shown(self) -> str:
        return self.text if self.text is not None else f"id {self.player_id}"


class GuessChecker:
    def __init__(self, oracle: GraphOracle) -> None:
        self._oracle = oracle

    async def start_player(self, player_id: str) -> PlayerRef:
        found = await self._oracle.player(player_id)
        if found is None:
            raise Rejected("unknown_player", f"no player with id {player_id!r}", status=404)
        return found

    async def resolve(self, answer: PlayerInput, position: int | None = None) -> PlayerRef:
        where = {} if position is None else {"position": position}
        resolution = await resolve(self._oracle, answer.player_id, answer.text)
        if resolution.player is not None:
            return resolution.player
        if resolution.ambiguous:
            names = ", ".join(c.name for c in resolution.candidates)
            raise Rejected(
                "ambiguous",
                f"{answer.shown()!r} matches several players; did you mean {names}?",
                candidates=[c.describe() for c in resolution.candidates],
                **where,
            )
        raise Rejected(
            "unknown_player", f"no player matches {answer.shown()!r}", status=404, **where
        )

    async def chain_guess(
        self, state: RoomState, seat: int, answer: PlayerInput, turn: int | None, now: float
    ) -> ChainGuess:
        chain.check_turn(state, seat, turn)
        link = state.last_named
        assert link is not None
        rules = LinkRules.of(state.rules)
        if answer.player_id is not None:
            named = state.named(answer.player_id)
            if named is not None:  # "already named" whatever the graph says: no round trip
                return ChainGuess(now, seat, state.turn, link.id, named, None)
            # One round trip for a right answer: the link names the player too.
            found = await self._oracle.teammate_link(link.id, answer.player_id, rules)
            if found is not None:
                return ChainGuess(now, seat, state.turn, link.id, found.player, found.team_seasons)
        player = await self.resolve(answer)
        found = await self._oracle.teammate_link(link.id, player.id, rules)
        shared = found.team_seasons if found else None
        return ChainGuess(now, seat, state.turn, link.id, player, shared)

    async def race_submission(
        self, state: RoomState, seat: int, answers: list[PlayerInput], now: float
    ) -> RaceSubmit:
        race.check_can_submit(state, seat, now)
        if not 2 <= len(answers) <= MAX_RACE_CHAIN:
            raise Rejected(
                "bad_submission", f"a chain has 2 to {MAX_RACE_CHAIN} players, start and target"
            )
        players = await asyncio.gather(*(self.resolve(a, i) for i, a in enumerate(answers)))
        rules = LinkRules.of(state.rules)
        links = await asyncio.gather(
            *(self._oracle.teammate_link(a.id, b.id, rules) for a, b in itertools.pairwise(players))
        )
        return RaceSubmit(now, seat, tuple(players), tuple(bool(link) for link in links))
