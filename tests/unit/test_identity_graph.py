"""Identity linking changes the teammate graph only by the merges it makes.

Before linking, only the 2009-2018 crosswalk joined a Databank id to an NHL id; now every
linked Databank person is keyed by his NHL id. Mapped through the links, the crosswalk-only
teammate pairs must be exactly the pairs of the linked graph: no pair appears or vanishes
except where two nodes of one person became one.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from loader.assemble import GraphData
from loader.files import SourceFiles, extract_transform
from loader.identity import IdentityLinks
from loader.problems import Problems


def teammate_pairs(memberships: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """TEAMMATE_OF as docs/graph-model.md defines it: shared a team-season."""
    rosters: dict[str, set[str]] = defaultdict(set)
    for player, team_season in memberships:
        rosters[team_season].add(player)
    return {
        pair for roster in rosters.values() for pair in itertools.combinations(sorted(roster), 2)
    }


def crosswalk_only(links: IdentityLinks) -> IdentityLinks:
    kept = {k: v for k, v in links.links.items() if v.method == "crosswalk"}
    return IdentityLinks(kept, {})


def test_teammate_pairs_change_only_by_the_merges_linking_makes(
    shared_data: Path, source_rows: GraphData
) -> None:
    assert source_rows.identity is not None
    problems = Problems()
    before = extract_transform(
        SourceFiles.find(shared_data), crosswalk_only(source_rows.identity), problems
    )
    to_nhl = {db: str(link.nhl_id) for db, link in source_rows.identity.links.items()}
    old_pairs = teammate_pairs((r.player, r.team_season) for r in before.played_for)
    new_pairs = teammate_pairs((r.player, r.team_season) for r in source_rows.played_for)
    mapped = {tuple(sorted((to_nhl.get(a, a), to_nhl.get(b, b)))) for a, b in old_pairs}
    mapped = {pair for pair in mapped if pair[0] != pair[1]}
    assert new_pairs == mapped

    old_ids = {p.id for p in before.players}
    merged = {old for old in old_ids if to_nhl.get(old, old) != old and to_nhl[old] in old_ids}
    assert len(before.players) - len(source_rows.players) == len(merged)
