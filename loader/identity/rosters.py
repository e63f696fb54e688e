"""The independent check: Databank team-seasons against the statsapi rosters.

For linked people, a (season, team, player) row is in both sources, in the Databank only,
or on a statsapi roster only. Seasons are those both cover (the Databank's NHL seasons); a
statsapi team-season that maps to no Databank team counts as statsapi-only under its
statsapi team name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from loader.identity.link import LinkIndex
from loader.identity.model import IdentityLinks
from loader.identity.sources import IdentitySources

Side = Literal["databank_only", "statsapi_only"]


@dataclass(frozen=True)
class RosterRow:
    season_start: int
    team: str
    databank_id: str
    nhl_id: int
    name: str
    side: Side


@dataclass(frozen=True)
class RosterComparison:
    both: int
    differences: tuple[RosterRow, ...]

    def count(self, side: Side) -> int:
        return sum(1 for row in self.differences if row.side == side)

    @property
    def agreement(self) -> float:
        total = self.both + len(self.differences)
        return self.both / total if total else 1.0


def compare_rosters(sources: IdentitySources, links: IdentityLinks) -> RosterComparison:
    index = LinkIndex.build(sources)
    seasons = {ts.season_start for ts in sources.databank_team_seasons}
    databank_rows = {
        (season, team, link.databank_id)
        for link in links.links.values()
        for season, team in index.careers.get(link.databank_id, ())
    }
    statsapi_rows: set[tuple[int, str, str]] = set()
    for nhl_id, season, team_id in sources.nhl_memberships:
        databank_id = links.databank_id(nhl_id)
        if databank_id is None or season not in seasons:
            continue
        team = index.team_map.get((season, team_id))
        if team is None:
            known = sources.nhl_teams.get(team_id)
            team = f"statsapi:{known.name if known else team_id}"
        statsapi_rows.add((season, team, databank_id))
    differences = [
        _row(sources, links, key, side)
        for side, rows in (
            ("databank_only", databank_rows - statsapi_rows),
            ("statsapi_only", statsapi_rows - databank_rows),
        )
        for key in sorted(rows)
    ]
    return RosterComparison(len(databank_rows & statsapi_rows), tuple(differences))


def _row(
    sources: IdentitySources, links: IdentityLinks, key: tuple[int, str, str], side: str
) -> RosterRow:
    season, team, databank_id = key
    nhl_id = links.links[databank_id].nhl_id
    name = sources.databank_people[databank_id].name
    return RosterRow(
        season,
        team,
        databank_id,
        nhl_id,
        name,
        "databank_only" if side == "databank_only" else "statsapi_only",
    )
