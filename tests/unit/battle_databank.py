"""Real teammate facts for the battle unit tests, read from the Hockey Databank in place.

Two players are teammates when the Databank's Scoring table has NHL rows for both with the
same team and season (the graph's rule, docs/graph-model.md, restricted to the Databank).
:class:`DatabankOracle` answers the battle's :class:`GraphOracle` questions from these rows,
so service tests run without a server yet against real players.
"""

from __future__ import annotations

import csv
import gzip
import itertools
import random
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from api_reference_graph import DATABANK_TO_TRICODE

from graph_api.battle.game.state import PlayerRef
from graph_api.battle.service.oracle import (
    Candidate,
    Challenge,
    LinkRules,
    Teammate,
    Unplayable,
)
from graph_api.models.challenges import Difficulty
from graph_api.names import fold_name


def season_of(team_season: str) -> int:
    return int(team_season.rsplit("-", 1)[1])


@dataclass
class Databank:
    names: dict[str, str]
    spans: dict[str, tuple[int, int]]
    team_seasons: dict[str, set[str]]
    rosters: dict[str, set[str]]

    def ref(self, player_id: str) -> PlayerRef:
        return PlayerRef(id=player_id, name=self.names[player_id])

    def shared(self, a: str, b: str, rules: LinkRules | None = None) -> tuple[str, ...] | None:
        rules = rules or LinkRules()
        both = self.team_seasons.get(a, set()) & self.team_seasons.get(b, set())
        kept = sorted(
            ts
            for ts in both
            if (rules.from_season is None or season_of(ts) >= rules.from_season)
            and (rules.to_season is None or season_of(ts) <= rules.to_season)
        )
        if a == b or not kept or rules.min_games > 0:  # no per-game data in the Databank
            return None
        return tuple(kept)

    def neighbours(self, player_id: str, rules: LinkRules) -> set[str]:
        found: set[str] = set()
        for ts in self.team_seasons.get(player_id, ()):
            season = season_of(ts)
            if rules.from_season is not None and season < rules.from_season:
                continue
            if rules.to_season is not None and season > rules.to_season:
                continue
            found |= self.rosters[ts]
        found.discard(player_id)
        return found

    def shortest_paths(self, a: str, b: str, rules: LinkRules, limit: int) -> list[list[str]]:
        parents: dict[str, list[str]] = {a: []}
        frontier = [a]
        while frontier and b not in parents:
            layer: dict[str, list[str]] = defaultdict(list)
            for node in frontier:
                for nxt in self.neighbours(node, rules):
                    if nxt not in parents:
                        layer[nxt].append(node)
            parents.update(layer)
            frontier = sorted(layer)
        if b not in parents:
            return []
        paths: list[list[str]] = []

        def walk(node: str, tail: list[str]) -> None:
            if len(paths) >= limit:
                return
            if node == a:
                paths.append([a, *tail])
                return
            for parent in sorted(parents[node]):
                walk(parent, [node, *tail])

        walk(b, [])
        return paths


@cache
def load_databank(data: Path) -> Databank:
    names: dict[str, str] = {}
    with gzip.open(data / "hockey-databank" / "Master.csv.gz", "rt", encoding="ascii") as fh:
        for row in csv.DictReader(fh):
            if row["playerID"]:
                names[row["playerID"]] = f"{row['firstName']} {row['lastName']}".strip()
    team_seasons: dict[str, set[str]] = defaultdict(set)
    rosters: dict[str, set[str]] = defaultdict(set)
    with gzip.open(data / "hockey-databank" / "Scoring.csv.gz", "rt", encoding="ascii") as fh:
        for row in csv.DictReader(fh):
            if row["lgID"] != "NHL" or row["playerID"] not in names:
                continue
            year = int(row["year"])
            code = DATABANK_TO_TRICODE.get(row["tmID"], row["tmID"])
            ts = f"{code}-{year}{year + 1}"
            team_seasons[row["playerID"]].add(ts)
            rosters[ts].add(row["playerID"])
    spans = {
        pid: (min(map(season_of, tss)), max(map(season_of, tss)))
        for pid, tss in team_seasons.items()
    }
    return Databank(
        {pid: names[pid] for pid in team_seasons}, spans, dict(team_seasons), dict(rosters)
    )


class DatabankOracle:
    """The battle GraphOracle over the Databank (for tests without Neo4j)."""

    def __init__(self, bank: Databank, seed: int = 7) -> None:
        self.bank = bank
        self.rng = random.Random(seed)
        self.calls: dict[str, int] = defaultdict(int)
        self._folded: dict[str, list[str]] = defaultdict(list)
        for pid, name in bank.names.items():
            self._folded[fold_name(name)].append(pid)

    def _candidate(self, pid: str) -> Candidate:
        first, last = self.bank.spans[pid]
        return Candidate(pid, self.bank.names[pid], fold_name(self.bank.names[pid]), first, last)

    async def player(self, player_id: str) -> PlayerRef | None:
        self.calls["player"] += 1
        return self.bank.ref(player_id) if player_id in self.bank.names else None

    async def search(self, text: str, limit: int) -> list[Candidate]:
        self.calls["search"] += 1
        folded = fold_name(text)
        hits = [pid for name, pids in self._folded.items() if folded in name for pid in pids]
        hits.sort(key=lambda pid: (fold_name(self.bank.names[pid]) != folded, pid))
        return [self._candidate(pid) for pid in hits[:limit]]

    async def teammate_link(self, a_id: str, b_id: str, rules: LinkRules) -> Teammate | None:
        self.calls["link"] += 1
        shared = self.bank.shared(a_id, b_id, rules)
        return Teammate(self.bank.ref(b_id), shared) if shared else None

    async def challenge(self, difficulty: Difficulty, rules: LinkRules) -> Challenge:
        hops = {"easy": 2, "medium": 3, "hard": 4}[difficulty]
        start = self.rng.choice(sorted(self.bank.rosters["EDM-19871988"]))
        frontier = {start}
        seen = {start}
        for _ in range(hops):
            frontier = {n for p in frontier for n in self.bank.neighbours(p, rules)} - seen
            seen |= frontier
        if not frontier:
            raise Unplayable(f"no {difficulty} challenge connects under these rules")
        target = self.rng.choice(sorted(frontier))
        return Challenge(self.bank.ref(start), self.bank.ref(target), hops)

    async def optimal_paths(
        self, a_id: str, b_id: str, rules: LinkRules, limit: int
    ) -> list[list[PlayerRef]]:
        paths = self.bank.shortest_paths(a_id, b_id, rules, limit)
        return [[self.bank.ref(pid) for pid in path] for path in paths]

    async def teammates(
        self, player_id: str, rules: LinkRules, limit: int, exclude: list[str]
    ) -> list[PlayerRef]:
        found = sorted(self.bank.neighbours(player_id, rules) - set(exclude))
        return [self.bank.ref(pid) for pid in itertools.islice(found, limit)]
