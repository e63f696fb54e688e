"""Identity linking: every Hockey Databank NHL player gets the NHL player id.

Pure core, thin edges: :func:`read_identity_sources` reads the files (Databank, crosswalk,
nhl-statsapi), :func:`link_people` links them in tiers and records each link's method, and
:func:`link_data_dir` does both. See ``docs/identity.md``.
"""

from __future__ import annotations

from loader.identity.link import link_people
from loader.identity.model import IdentityLink, IdentityLinks, LinkMethod, Unlinked
from loader.identity.sources import IdentitySources, link_data_dir, read_identity_sources

__all__ = [
    "IdentityLink",
    "IdentityLinks",
    "IdentitySources",
    "LinkMethod",
    "Unlinked",
    "link_data_dir",
    "link_people",
    "read_identity_sources",
]
