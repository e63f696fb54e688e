"""The targets of identity linking, measured: share linked, ids used twice, people present
twice, agreement with the crosswalk. Pure functions of the sources and the links.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from graph_api.names import fold_name
from loader.identity.link import LinkIndex
from loader.identity.model import LINK_METHODS, IdentityLinks
from loader.identity.sources import IdentitySources


@dataclass(frozen=True)
class Twin:
    """A person who may be in the graph twice: an unlinked Databank id and a free NHL id."""

    databank_id: str
    nhl_id: int
    why: str


@dataclass(frozen=True)
class IdentityChecks:
    players: int
    by_method: dict[str, int]
    unlinked: int
    ids_used_twice: tuple[int, ...]
    twins: tuple[Twin, ...]
    crosswalk_total: int
    crosswalk_agreeing: int
    birth_dates_differ: int

    @property
    def linked(self) -> int:
        return sum(self.by_method.values())

    @property
    def linked_share(self) -> float:
        return self.linked / self.players if self.players else 1.0


def check_links(sources: IdentitySources, links: IdentityLinks) -> IdentityChecks:
    index = LinkIndex.build(sources)
    players = set(index.players)
    counts = Counter(link.method for d, link in links.links.items() if d in players)
    used = Counter(link.nhl_id for link in links.links.values())
    agreeing = sum(1 for d, entry in sources.crosswalk.items() if links.nhl_id(d) == entry.nhl_id)
    differ = 0
    for link in links.links.values():
        nhl = sources.nhl_people.get(link.nhl_id)
        db = sources.databank_people.get(link.databank_id)
        differ += bool(nhl and db and db.birth_date and nhl.birth_date != db.birth_date)
    return IdentityChecks(
        players=len(players),
        by_method={method: counts[method] for method in LINK_METHODS},
        unlinked=len(players - links.links.keys()),
        ids_used_twice=tuple(sorted(n for n, c in used.items() if c > 1)),
        twins=tuple(find_twins(index, links, set(used))),
        crosswalk_total=len(sources.crosswalk),
        crosswalk_agreeing=agreeing,
        birth_dates_differ=differ,
    )


def find_twins(index: LinkIndex, links: IdentityLinks, used: set[int]) -> list[Twin]:
    """A free NHL id (linked to nobody) that is one of the Databank players: the same name and
    birth date (as the Databank or as the linked NHL person has them), or, for an unlinked
    player, exactly the same team-seasons. Each would be one person under two ids."""
    sources = index.sources
    by_name_birth: dict[tuple[str, object], list[int]] = {}
    by_career: dict[frozenset[tuple[int, str]], list[int]] = {}
    for nhl_id, nhl in sources.nhl_people.items():
        if nhl_id in used:
            continue
        by_name_birth.setdefault((fold_name(nhl.name), nhl.birth_date), []).append(nhl_id)
        career = frozenset(index.rosters.get(nhl_id, ()))
        if career:
            by_career.setdefault(career, []).append(nhl_id)
    twins: list[Twin] = []
    for d in index.players:
        person, link = sources.databank_people[d], links.links.get(d)
        linked = sources.nhl_people.get(link.nhl_id) if link else None
        keys = {(fold_name(person.name), person.birth_date)}
        keys |= {(fold_name(linked.name), linked.birth_date)} if linked else set()
        for key in sorted(k for k in keys if k[1] is not None):
            twins += [Twin(d, n, "same name and birth date") for n in by_name_birth.get(key, ())]
        if link is None:
            career = frozenset(index.careers.get(d, ()))
            twins += [Twin(d, n, "same team-seasons") for n in by_career.get(career, ())]
    return twins
