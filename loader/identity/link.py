"""Transform: link Databank NHL players to NHL ids in tiers (pure)."""

from __future__ import annotations

from loader.identity.model import IdentityLink, IdentityLinks, Unlinked
from loader.identity.sources import IdentitySources


def link_people(sources: IdentitySources) -> IdentityLinks:
    players = {person for person, _, _ in sources.databank_memberships}
    links: dict[str, IdentityLink] = {}
    for databank_id, entry in sources.crosswalk.items():
        if databank_id in sources.databank_people:
            links[databank_id] = IdentityLink(databank_id, entry.nhl_id, "crosswalk", "")
    unlinked = {
        d: Unlinked(d, sources.databank_people[d].name, "not linked yet", ())
        for d in sorted(players - links.keys())
        if d in sources.databank_people
    }
    return IdentityLinks(links, unlinked)
