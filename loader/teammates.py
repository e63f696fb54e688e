"""TEAMMATE_OF: one row per pair of players who shared a team-season.

Input is who was on which team-season (every PLAYED_FOR) and, for the seasons with
per-game data, who dressed and who played in which game. Per team-season each player's
games are a bit set (Python int), so the games two players shared are
``(a & b).bit_count()``, with no per-game pair loop. Rows are generated player by player
in id order (each pair once, smaller id first), so memory holds one player's pairs at a
time, not all of them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
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
        bits = cls()
        slots: dict[tuple[str, int], int] = {}
        next_slot: dict[str, int] = {}
        for a in appearances:
            ts = a.team_season
            slot = slots.get((ts, a.game))
            if slot is None:
                slot = slots[(ts, a.game)] = next_slot.get(ts, 0)
                next_slot[ts] = slot + 1
            key = (a.player, ts)
            bit = 1 << slot
            bits.dressed[key] = bits.dressed.get(key, 0) | bit
            if a.played:
                bits.played[key] = bits.played.get(key, 0) | bit
        bits.team_seasons = set(next_slot)
        return bits


def teammate_rows(
    memberships: Iterable[tuple[str, str]],
    team_season_info: dict[str, tuple[int, str]],
    bits: GameBits,
) -> Iterator[TeammateRow]:
    """Every pair sharing a team-season. ``team_season_info``: ts id -> (season, team id)."""
    pairs = set(memberships)
    players = sorted({player for player, _ in pairs})
    index = {player: i for i, player in enumerate(players)}
    ts_ids = sorted({ts for _, ts in pairs})
    ts_index = {ts: i for i, ts in enumerate(ts_ids)}
    members: list[list[int]] = [[] for _ in ts_ids]
    player_ts: list[list[int]] = [[] for _ in players]
    for player, ts in pairs:
        members[ts_index[ts]].append(index[player])
        player_ts[index[player]].append(ts_index[ts])
    for roster in members:
        roster.sort()
    for owned in player_ts:
        owned.sort()
    with_games = [ts in bits.team_seasons for ts in ts_ids]
    dressed, played = bits.dressed, bits.played
    for a, a_id in enumerate(players):
        shared: dict[int, list[int]] = {}
        for t in player_ts[a]:
            roster = members[t]
            for b in roster[bisect_right(roster, a) :]:
                entry = shared.get(b)
                if entry is None:
                    shared[b] = [t]
                else:
                    entry.append(t)
        for b in sorted(shared):
            b_id = players[b]
            common = sorted(shared[b])
            team_seasons = [ts_ids[t] for t in common]
            seasons = sorted({team_season_info[ts][0] for ts in team_seasons})
            teams = sorted({team_season_info[ts][1] for ts in team_seasons})
            together: int | None = None
            played_together: int | None = None
            for t in common:
                if not with_games[t]:
                    continue
                ts = ts_ids[t]
                both = dressed.get((a_id, ts), 0) & dressed.get((b_id, ts), 0)
                both_played = played.get((a_id, ts), 0) & played.get((b_id, ts), 0)
                together = (together or 0) + both.bit_count()
                played_together = (played_together or 0) + both_played.bit_count()
            yield TeammateRow(
                a_id, b_id, seasons, team_seasons, teams, together, played_together
            )
