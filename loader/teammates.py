"""TEAMMATE_OF: one row per pair of players who shared a team-season.

Input is who was on which team-season (every PLAYED_FOR) and, for the seasons with
per-game data, who dressed and who played in which game. Per team-season each player's
games are a bit set (Python int), so the games two players shared are
``(a & b).bit_count()``, with no per-game pair loop. Rows are generated player by player
in id order (each pair once, smaller id first), so memory holds one player's pairs at a
time, not all of them.

A link's ``strength`` (docs/graph-model.md) is the games both players played together: the
exact count in team-seasons with per-game data, and for the others an upper bound from the
season rows (the smaller of the two players' games that team-season), in which case the
link is ``strength_estimated``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from loader.records import Appearance, TeammateRow


@dataclass
class GameBits:
    """Per (player, team-season): bit i set when they dressed for / played game i."""

    dressed: dict[tuple[str, str], int] = field(default_factory=dict)
    played: dict[tuple[str, str], int] = field(default_factory=dict)
    team_seasons: set[str] = field(default_factory=set)

    @classmethod
    def from_appearances(cls, appearances: Iterable[Appearance]) -> GameBits:
        return cls.from_rows((a.team_season, a.game, a.player, a.played) for a in appearances)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, int, str, bool]]) -> GameBits:
        """From ``(team-season, game, player, played)`` rows."""
        bits = cls()
        slots: dict[tuple[str, int], int] = {}
        next_slot: dict[str, int] = {}
        for ts, game, player, did_play in rows:
            slot = slots.get((ts, game))
            if slot is None:
                slot = slots[(ts, game)] = next_slot.get(ts, 0)
                next_slot[ts] = slot + 1
            key = (player, ts)
            bit = 1 << slot
            bits.dressed[key] = bits.dressed.get(key, 0) | bit
            if did_play:
                bits.played[key] = bits.played.get(key, 0) | bit
        bits.team_seasons = set(next_slot)
        return bits


class TeammateIndex:
    """Who was on which team-season, indexed for pair generation.

    Players are numbered in id order; NHL ids (digits) sort before Databank ids (letters),
    so ``players[:databank_start]`` have NHL ids and the rest Databank ids.
    """

    def __init__(
        self,
        memberships: Iterable[tuple[str, str]],
        team_season_info: dict[str, tuple[int, str]],
        bits: GameBits,
        season_games: Mapping[tuple[str, str], int] | None = None,
    ) -> None:
        """``season_games``: (player, team-season) -> games that season (regular season +
        playoffs, from PLAYED_FOR); the estimate of a link without per-game data."""
        pairs = set(memberships)
        self.players = sorted({player for player, _ in pairs})
        index = {player: i for i, player in enumerate(self.players)}
        self.ts_ids = sorted({ts for _, ts in pairs})
        ts_index = {ts: i for i, ts in enumerate(self.ts_ids)}
        self.members: list[list[int]] = [[] for _ in self.ts_ids]
        self.player_ts: list[list[int]] = [[] for _ in self.players]
        for player, ts in pairs:
            self.members[ts_index[ts]].append(index[player])
            self.player_ts[index[player]].append(ts_index[ts])
        for roster in self.members:
            roster.sort()
        for owned in self.player_ts:
            owned.sort()
        self.info = team_season_info
        self.bits = bits
        self.season_games = season_games or {}
        self.with_games = [ts in bits.team_seasons for ts in self.ts_ids]
        self.databank_start = bisect_left(self.players, "a")

    def rows(
        self, start: int = 0, stop: int | None = None, only: set[str] | None = None
    ) -> Iterator[TeammateRow]:
        """The pairs whose smaller id is ``players[start:stop]``, in (a, b) order; with
        ``only``, just the pairs that share one of those team-seasons."""
        stop = len(self.players) if stop is None else stop
        wanted = None if only is None else {i for i, ts in enumerate(self.ts_ids) if ts in only}
        for a in range(start, stop):
            shared: dict[int, list[int]] = {}
            for t in self.player_ts[a]:
                roster = self.members[t]
                for b in roster[bisect_right(roster, a) :]:
                    entry = shared.get(b)
                    if entry is None:
                        shared[b] = [t]
                    else:
                        entry.append(t)
            for b in sorted(shared):
                common = shared[b]
                if wanted is None or not wanted.isdisjoint(common):
                    yield self._row(a, b, common)

    def _row(self, a: int, b: int, common: list[int]) -> TeammateRow:
        a_id, b_id = self.players[a], self.players[b]
        team_seasons = [self.ts_ids[t] for t in common]
        seasons = sorted({self.info[ts][0] for ts in team_seasons})
        teams = sorted({self.info[ts][1] for ts in team_seasons})
        together: int | None = None
        played_together: int | None = None
        strength, estimated = 0, False
        dressed, played = self.bits.dressed, self.bits.played
        for t in common:
            ts = self.ts_ids[t]
            if not self.with_games[t]:
                games = self.season_games
                strength += min(games.get((a_id, ts), 0), games.get((b_id, ts), 0))
                estimated = True
                continue
            both = dressed.get((a_id, ts), 0) & dressed.get((b_id, ts), 0)
            both_played = played.get((a_id, ts), 0) & played.get((b_id, ts), 0)
            together = (together or 0) + both.bit_count()
            played_together = (played_together or 0) + both_played.bit_count()
            strength += both_played.bit_count()
        return TeammateRow(
            a_id,
            b_id,
            seasons,
            team_seasons,
            teams,
            together,
            played_together,
            strength,
            estimated,
        )


def teammate_rows(
    memberships: Iterable[tuple[str, str]],
    team_season_info: dict[str, tuple[int, str]],
    bits: GameBits,
    season_games: Mapping[tuple[str, str], int] | None = None,
) -> Iterator[TeammateRow]:
    """Every pair sharing a team-season. ``team_season_info``: ts id -> (season, team id)."""
    return TeammateIndex(memberships, team_season_info, bits, season_games).rows()
