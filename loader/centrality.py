"""The centre of the hockey universe: a load phase run after TEAMMATE_OF is written.

For every player: his average distance (in teammate links) to every player he is connected
to, the Oracle of Bacon's centre score; his rank by it (1 is the centre) among the players
of the largest connected component (a player in a small island would otherwise rank first
for being close to few); and his eccentricity, the farthest anyone connected is. The same
is computed per decade in the subgraph of that decade (the links made in one of its
seasons), for ``/stats/centres`` with a season window.

The distances come from a breadth-first search from every player at once, bit-parallel over
numpy bit sets (``loader.bitbfs``: why, and what it was measured against).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy

from loader.bitbfs import Distances, all_sources_bfs, membership_bfs
from loader.writer import GraphWriter, PhaseStats


@dataclass(frozen=True)
class Centre:
    average_distance: float
    eccentricity: int
    rank: int | None  # None outside the largest connected component


def decade_of(season: int) -> int:
    """``19871988`` -> 1980 (a season belongs to the decade of its first year)."""
    return season // 10000 // 10 * 10


def centres(links: Sequence[tuple[str, str]]) -> dict[str, Centre]:
    """Average distance, eccentricity and rank of every player who has a link."""
    players = sorted({player for pair in links for player in pair})
    index = {player: i for i, player in enumerate(players)}
    a = numpy.array([index[x] for x, _ in links], dtype=numpy.int64)
    b = numpy.array([index[y] for _, y in links], dtype=numpy.int64)
    return _ranked(players, all_sources_bfs(len(players), a, b))


def membership_centres(memberships: Sequence[tuple[str, str]]) -> dict[str, Centre]:
    """The same as :func:`centres` of the links between players who share a team-season,
    from the (player, team-season) pairs alone (no pair list): the search walks player ->
    team-season -> player (``loader.bitbfs.membership_bfs``)."""
    players = sorted({player for player, _ in memberships})
    groups = sorted({group for _, group in memberships})
    index = {player: i for i, player in enumerate(players)}
    group_index = {group: i for i, group in enumerate(groups)}
    node = numpy.array([index[p] for p, _ in memberships], dtype=numpy.int64)
    group = numpy.array([group_index[g] for _, g in memberships], dtype=numpy.int64)
    return _ranked(players, membership_bfs(len(players), len(groups), node, group))


def _ranked(players: Sequence[str], found: Distances) -> dict[str, Centre]:
    """The centres of the players who reach anyone (a player alone has no link)."""
    average = found.total / numpy.maximum(found.reached, 1)
    # The largest component: the players who reach the most others.
    largest = numpy.flatnonzero(found.reached == found.reached.max()) if players else ()
    ranks: dict[int, int] = {}
    last: tuple[float, int] | None = None
    for position, i in enumerate(sorted(largest, key=lambda i: (average[i], i)), 1):
        rank = last[1] if last is not None and last[0] == average[i] else position
        ranks[int(i)], last = rank, (float(average[i]), rank)
    return {
        player: Centre(round(float(average[i]), 4), int(found.eccentricity[i]), ranks.get(i))
        for i, player in enumerate(players)
        if found.reached[i] > 0
    }


def era_links(
    links: Iterable[tuple[str, str, Sequence[int]]],
) -> dict[int, list[tuple[str, str]]]:
    """The links of each decade: those with a shared season in it."""
    eras: dict[int, list[tuple[str, str]]] = {}
    for a, b, seasons in links:
        for decade in {decade_of(s) for s in seasons}:
            eras.setdefault(decade, []).append((a, b))
    return eras


Eras = dict[int, dict[str, Centre]]


def centre_rows(
    players: Sequence[str], links: Sequence[tuple[str, str, Sequence[int]]]
) -> list[dict[str, Any]]:
    """One row per player for ``load/set_centrality``: the whole graph and every decade."""
    overall = centres([(a, b) for a, b, _ in links])
    by_era = {decade: centres(pairs) for decade, pairs in sorted(era_links(links).items())}
    return rows_of(players, overall, by_era)


def membership_eras(
    memberships: Sequence[tuple[str, str]], seasons: Mapping[str, int]
) -> tuple[dict[str, Centre], Eras]:
    """The centres of the teammate graph and of every decade, from who played for which
    team-season (``seasons``: team-season -> season) instead of from the links: a pair's
    link is in a decade when they shared a team-season of it."""
    by_decade: dict[int, list[tuple[str, str]]] = {}
    for player, team_season in memberships:
        by_decade.setdefault(decade_of(seasons[team_season]), []).append((player, team_season))
    by_era = {decade: membership_centres(rows) for decade, rows in sorted(by_decade.items())}
    return membership_centres(memberships), {d: c for d, c in by_era.items() if c}


def rows_of(
    players: Sequence[str], overall: dict[str, Centre], by_era: Eras
) -> list[dict[str, Any]]:
    rows = []
    for player in players:
        centre = overall.get(player)
        eras = [(decade, found[player]) for decade, found in by_era.items() if player in found]
        rows.append(
            {
                "id": player,
                "average_distance": centre.average_distance if centre else None,
                "centre_rank": centre.rank if centre else None,
                "eccentricity": centre.eccentricity if centre else None,
                "era_decades": [decade for decade, _ in eras],
                "era_average_distance": [c.average_distance for _, c in eras],
                "era_centre_rank": [c.rank if c.rank is not None else -1 for _, c in eras],
                "era_eccentricity": [c.eccentricity for _, c in eras],
            }
        )
    return rows


@dataclass(frozen=True)
class Computed:
    """Centres computed beside the writes (``membership_eras``) and how long it took."""

    overall: dict[str, Centre]
    by_era: Eras
    seconds: float


def compute_from_memberships(
    memberships: Sequence[tuple[str, str]], seasons: Mapping[str, int]
) -> Computed:
    started = time.perf_counter()
    overall, by_era = membership_eras(memberships, seasons)
    return Computed(overall, by_era, time.perf_counter() - started)


async def write_centrality(writer: GraphWriter, computed: Computed | None = None) -> None:
    """Compute the centres (unless ``computed`` from the rows the loader holds, when they are
    the whole graph), write them on every Player node.

    Without ``computed``, every TEAMMATE_OF is read back from the graph (``loader fetch``, or
    an import into a graph that had links already)."""
    started = time.perf_counter()
    repo = writer.repo
    players = sorted(row["id"] for row in await repo.read("load/player_element_ids"))
    if computed is None:
        links = [
            (row["a"], b, seasons)
            for row in await repo.read("read/teammate_edges")
            for b, seasons in row["links"]
        ]
        rows = centre_rows(players, links)
        seconds = time.perf_counter() - started
    else:
        rows, seconds = rows_of(players, computed.overall, computed.by_era), computed.seconds
    writer.stats.append(PhaseStats("centrality-compute", len(players), seconds))
    await writer.write("centrality", "load/set_centrality", [rows], len(rows))
