"""Transform: link Databank NHL players to NHL ids in tiers (pure).

Tiers, strongest first, each link recording its method:

(a) ``crosswalk``: the 2009-2018 crosswalk, taken as it is.
(b) ``team_season``: an NHL person on the statsapi roster of a team-season the Databank
    person played for, whose folded last name or birth date matches. Candidates rank by how
    many of birth date, last name and first name match, then by shared team-seasons.
(c) ``birth_date_last_name``: the exact birth date and a folded last name.
(d) ``birth_date_first_name``: the exact birth date and a first name or a given-name form.

A link is made only when it is unambiguous both ways: the person's best candidate is strictly
better than the next, and no other unlinked person matches that NHL id as well or better.
Every NHL id is used once. The tiers repeat until nothing changes (a link can settle a tie:
once one twin is linked, the other has one candidate left). Everyone else stays unlinked,
with the reason and the candidates that tied.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from loader.identity.model import IdentityLink, IdentityLinks, LinkMethod, Unlinked
from loader.identity.names import first_name_keys, last_name_keys
from loader.identity.sources import IdentitySources
from loader.identity.teams import statsapi_to_databank_teams

DatabankTeamSeason = tuple[int, str]  # (season start year, Databank tmID)


@dataclass(frozen=True)
class Match:
    score: tuple[int, ...]
    note: str


@dataclass
class LinkIndex:
    """The lookups every tier needs, built once from the sources."""

    sources: IdentitySources
    players: list[str] = field(default_factory=list)
    careers: dict[str, set[DatabankTeamSeason]] = field(default_factory=dict)
    # NHL id -> the Databank team-seasons of their statsapi roster rows
    rosters: dict[int, set[DatabankTeamSeason]] = field(default_factory=dict)
    born: dict[date, list[int]] = field(default_factory=dict)
    by_last_name: dict[str, list[int]] = field(default_factory=dict)
    team_map: dict[tuple[int, int], str] = field(default_factory=dict)

    @classmethod
    def build(cls, sources: IdentitySources) -> LinkIndex:
        careers: dict[str, set[DatabankTeamSeason]] = defaultdict(set)
        for databank_id, season_start, databank_team in sources.databank_memberships:
            if databank_id in sources.databank_people:
                careers[databank_id].add((season_start, databank_team))
        team_map = statsapi_to_databank_teams(
            {(season, team) for _, season, team in sources.nhl_memberships},
            sources.nhl_teams,
            sources.databank_team_seasons,
        )
        rosters: dict[int, set[DatabankTeamSeason]] = defaultdict(set)
        for nhl_id, season, team in sources.nhl_memberships:
            mapped = team_map.get((season, team))
            if mapped is not None and nhl_id in sources.nhl_people:
                rosters[nhl_id].add((season, mapped))
        born: dict[date, list[int]] = defaultdict(list)
        by_last_name: dict[str, list[int]] = defaultdict(list)
        for person in sources.nhl_people.values():
            if person.birth_date is not None:
                born[person.birth_date].append(person.nhl_id)
            for key in last_name_keys(person.last_name):
                by_last_name[key].append(person.nhl_id)
        return cls(sources, sorted(careers), careers, rosters, born, by_last_name, team_map)

    def last_names(self, databank_id: str) -> frozenset[str]:
        """Keys of the last name and of the ``nameNote`` alias (``also known as Block``)."""
        keys = last_name_keys(self.sources.databank_people[databank_id].last_name)
        alias = self.sources.databank_aliases.get(databank_id)
        return keys | last_name_keys(alias) if alias else keys

    def by_team_season(self, databank_id: str) -> dict[int, Match]:
        db = self.sources.databank_people[databank_id]
        career = self.careers[databank_id]
        last_names = self.last_names(databank_id)
        pool = {n for key in last_names for n in self.by_last_name.get(key, ())}
        pool.update(self.born.get(db.birth_date, ()) if db.birth_date else ())
        found: dict[int, Match] = {}
        for nhl_id in pool:
            count = len(career & self.rosters.get(nhl_id, set()))
            if not count:
                continue
            nhl = self.sources.nhl_people[nhl_id]
            birth = db.birth_date is not None and db.birth_date == nhl.birth_date
            last = bool(last_names & last_name_keys(nhl.last_name))
            first = bool(first_name_keys(db.first_name) & first_name_keys(nhl.first_name))
            if not (birth or last):
                continue
            agreed = [w for w, ok in (("birth date", birth), ("last name", last)) if ok]
            agreed += ["first name"] if first else []
            note = f"{count} shared team-season(s); {', '.join(agreed)}"
            if not birth:
                note += f"; birth date {db.birth_date} here, {nhl.birth_date} at the NHL"
            found[nhl_id] = Match((birth + last + first, count), note)
        return found

    def by_birth_date(self, databank_id: str, name_part: str) -> dict[int, Match]:
        db = self.sources.databank_people[databank_id]
        if db.birth_date is None:
            return {}
        last = name_part == "last"
        keys = self.last_names(databank_id) if last else first_name_keys(db.first_name)
        found: dict[int, Match] = {}
        for nhl_id in self.born.get(db.birth_date, ()):
            nhl = self.sources.nhl_people[nhl_id]
            theirs = last_name_keys(nhl.last_name) if last else first_name_keys(nhl.first_name)
            if keys & theirs:
                found[nhl_id] = Match((1,), f"birth date + {name_part} name ({nhl.name})")
        return found


Tier = tuple[LinkMethod, Callable[[str], dict[int, Match]]]


def link_people(sources: IdentitySources) -> IdentityLinks:
    index = LinkIndex.build(sources)
    links: dict[str, IdentityLink] = {}
    for databank_id, entry in sources.crosswalk.items():
        if databank_id in sources.databank_people:
            links[databank_id] = IdentityLink(databank_id, entry.nhl_id, "crosswalk", "")
    tiers: list[Tier] = [
        ("team_season", index.by_team_season),
        ("birth_date_last_name", lambda d: index.by_birth_date(d, "last")),
        ("birth_date_first_name", lambda d: index.by_birth_date(d, "first")),
    ]
    # Candidates do not change as links are made (only which are still free): find them once.
    tiers = [(method, _once(index, candidates, links)) for method, candidates in tiers]
    reasons: dict[str, Unlinked] = {}
    changed = True
    while changed:
        changed = False
        reasons.clear()  # the last, unchanged round leaves the reasons of the final state
        for method, candidates in tiers:
            while _link_tier(index, links, reasons, method, candidates):
                changed = True
    unlinked = {
        d: reasons.get(d) or _no_candidate(index, d) for d in index.players if d not in links
    }
    return IdentityLinks(links, unlinked)


def _once(
    index: LinkIndex, candidates: Callable[[str], dict[int, Match]], links: dict[str, IdentityLink]
) -> Callable[[str], dict[int, Match]]:
    found = {d: candidates(d) for d in index.players if d not in links}
    return lambda d: found[d]


def _link_tier(
    index: LinkIndex,
    links: dict[str, IdentityLink],
    reasons: dict[str, Unlinked],
    method: LinkMethod,
    candidates: Callable[[str], dict[int, Match]],
) -> bool:
    """One pass of one tier over everyone unlinked; True when it made a link."""
    used = {link.nhl_id: link.databank_id for link in links.values()}
    found = {
        d: {n: m for n, m in candidates(d).items() if n not in used}
        for d in index.players
        if d not in links
    }
    for d, matches in found.items():
        taken = sorted(set(candidates(d)) - matches.keys())
        if taken and not matches and d not in reasons:
            owners = ", ".join(used[n] for n in taken)
            why = f"{method}: the matching NHL id(s) are linked to {owners}"
            name = index.sources.databank_people[d].name
            reasons[d] = Unlinked(d, name, why, tuple(taken))
    claims: dict[int, list[tuple[tuple[int, ...], str]]] = defaultdict(list)
    for d, matches in found.items():
        for n, match in matches.items():
            claims[n].append((match.score, d))
    made = False
    for d, matches in found.items():
        if not matches:
            continue
        name = index.sources.databank_people[d].name
        best = max(m.score for m in matches.values())
        tops = sorted(n for n, m in matches.items() if m.score == best)
        if len(tops) > 1:
            reasons[d] = Unlinked(d, name, f"{method}: {len(tops)} candidates tie", tuple(tops))
            continue
        nhl_id = tops[0]
        rivals = sorted(other for score, other in claims[nhl_id] if other != d and score >= best)
        if rivals:
            why = f"{method}: NHL id {nhl_id} matches {', '.join(rivals)} as well"
            reasons[d] = Unlinked(d, name, why, (nhl_id,))
            continue
        links[d] = IdentityLink(d, nhl_id, method, matches[nhl_id].note)
        reasons.pop(d, None)
        made = True
    return made


def _no_candidate(index: LinkIndex, databank_id: str) -> Unlinked:
    person = index.sources.databank_people[databank_id]
    if person.birth_date is None:
        why = "no birth date, and no statsapi roster of their team-seasons has the name"
    else:
        why = "no NHL person with this birth date and name, or on their team-seasons"
    return Unlinked(databank_id, person.name, why, ())
