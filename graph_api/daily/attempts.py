"""Attempts at the daily puzzle: a chain checked hop by hop with the battles' rules, recorded
once per attempt id, and a player's day with the day's statistics once it is over.

A chain is checked like a race submission (``graph_api/battle/game/race.py``): every player
is resolved by id (``GuessChecker``), the chain must start and end right and name nobody
twice (``chain_problem``: a 422 that costs no attempt), and every hop must be a teammate link
(the battles' graph oracle; the first bad hop is named by ``hop_problem`` and the chain costs
an attempt). Attempts are taken on the puzzle's own day (UTC) only.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
from typing import Any

from graph_api.battle.game import race
from graph_api.battle.game.state import PlayerRef as GamePlayer
from graph_api.battle.service.guesses import GuessChecker, PlayerInput
from graph_api.battle.service.oracle import GraphOracle, LinkRules
from graph_api.daily.puzzles import DailyPuzzles
from graph_api.daily.store import DailyStore, link_key
from graph_api.errors import Conflict, InvalidInput, Unavailable
from graph_api.models.daily import (
    ChainPlayer,
    DailyAttemptIn,
    DailyAttemptOut,
    DailyResult,
    DailyStats,
    LengthCount,
    LinkShare,
)
from graph_api.models.refs import PlayerRef
from graph_api.settings import DailySettings

TOP_LINKS = 10


class InvalidChain(InvalidInput):
    """The chain cannot be right whatever the graph says (ends, repeats, length)."""

    code = "invalid_chain"


class PuzzleClosed(Conflict):
    """Attempts at a past day's puzzle."""

    code = "puzzle_closed"


class DayOver(Conflict):
    """The player has solved the puzzle or used every attempt."""

    code = "day_over"


class DailyAttempts:
    def __init__(
        self,
        puzzles: DailyPuzzles,
        oracle: GraphOracle,
        store: DailyStore | None,
        settings: DailySettings,
    ) -> None:
        self._puzzles = puzzles
        self._oracle = oracle
        self._checker = GuessChecker(oracle)
        self._store = store
        self._settings = settings

    def _require_store(self) -> DailyStore:
        if self._store is None:
            raise Unavailable("the daily puzzle's attempts need Redis: set REDIS_URL")
        return self._store

    async def attempt(self, day: dt.date, sent: DailyAttemptIn) -> DailyAttemptOut:
        store = self._require_store()
        day = self._puzzles.check(day)
        if day != self._puzzles.today():
            raise PuzzleClosed(
                f"the puzzle of {day.isoformat()} is closed: only today's takes chains"
            )
        if len(sent.chain) > self._settings.max_chain:
            raise InvalidChain(
                f"a chain has at most {self._settings.max_chain} players, both ends included"
            )
        pinned = await self._puzzles.pinned(day)
        start, target = DailyPuzzles.ends(pinned)
        players = await asyncio.gather(
            *(
                self._checker.resolve(PlayerInput(player_id=pid), i)
                for i, pid in enumerate(sent.chain)
            )
        )
        problem = race.chain_problem(_game(start), _game(target), players)
        if problem is not None:
            raise InvalidChain(problem)
        links = await asyncio.gather(
            *(
                self._oracle.teammate_link(a.id, b.id, LinkRules())
                for a, b in itertools.pairwise(players)
            )
        )
        hop_valid = [link is not None for link in links]
        reason = race.hop_problem(players, hop_valid)
        chain = [player.model_dump() for player in players]
        verdict = {"valid": reason is None, "reason": reason, "hop_valid": hop_valid, "sent": chain}
        recorded = await store.record(
            day,
            sent.player,
            sent.attempt_id,
            self._settings.max_attempts,
            verdict,
            chain if reason is None else None,
        )
        if recorded.outcome == "finished":
            raise DayOver("you have solved today's puzzle: come back tomorrow")
        if recorded.outcome == "exhausted":
            raise DayOver(f"you have used your {self._settings.max_attempts} attempts today")
        result = await self.result(day, sent.player, pinned)
        return DailyAttemptOut.model_validate(
            {
                **result.model_dump(),
                **(recorded.stored or verdict),
                "attempt_id": sent.attempt_id,
                "repeated": recorded.outcome == "dup",
            }
        )

    async def result(
        self, day: dt.date, player: str, pinned: dict[str, Any] | None = None
    ) -> DailyResult:
        """The player's day; with the day's statistics once it is over (or the day is past)."""
        store = self._require_store()
        day = self._puzzles.check(day)
        pinned = pinned or await self._puzzles.pinned(day)
        mine = await store.player_day(day, player)
        par: int = pinned["par"]
        answer: dict[str, Any] = {
            "date": day,
            "par": par,
            "attempts_used": mine.used,
            "attempts_left": max(0, self._settings.max_attempts - mine.used),
            "finished": mine.finished,
            "solved": mine.solved,
            "chain": mine.chain,
            "hops": mine.hops,
            "over_par": mine.hops - par if mine.hops is not None else None,
        }
        if mine.finished or day < self._puzzles.today():
            stats, shares = await self._stats(store, day)
            answer["stats"] = stats
            if mine.chain is not None:
                mine_links = [
                    shares[link_key(a["id"], b["id"])].model_copy(
                        update={"a": ChainPlayer(**a), "b": ChainPlayer(**b)}
                    )
                    for a, b in itertools.pairwise(mine.chain)
                ]
                answer["links"] = mine_links
                answer["rarity"] = round(sum(link.share for link in mine_links) * 100, 1)
        return DailyResult.model_validate(answer)

    async def _stats(
        self, store: DailyStore, day: dt.date
    ) -> tuple[DailyStats, dict[str, LinkShare]]:
        counts = await store.counts(day)

        def ref(player_id: str) -> ChainPlayer:
            return ChainPlayer(id=player_id, name=counts.names.get(player_id, player_id))

        shares: dict[str, LinkShare] = {}
        for key, solvers in counts.links.items():
            a, _, b = key.partition("|")
            share = solvers / counts.solved if counts.solved else 0.0
            shares[key] = LinkShare(a=ref(a), b=ref(b), solvers=solvers, share=min(1.0, share))
        top = sorted(shares.items(), key=lambda item: (-item[1].solvers, item[0]))[:TOP_LINKS]
        stats = DailyStats(
            date=day,
            players=counts.players,
            solved=counts.solved,
            lengths=[LengthCount(hops=h, solvers=n) for h, n in sorted(counts.lengths.items())],
            top_links=[link for _, link in top],
        )
        return stats, shares


def _game(player: PlayerRef) -> GamePlayer:
    return GamePlayer(id=player.id, name=player.name)
