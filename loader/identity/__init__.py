"""Identity linking: every Hockey Databank NHL player gets the NHL player id.

Pure core, thin edges: :func:`read_identity_sources` reads the files (Databank, crosswalk,
nhl-statsapi), :func:`link_people` links them in tiers and records each link's method, and
:func:`link_data_dir` does both. See ``docs/identity.md``.
"""

from __future__ import annotations

from pathlib import Path

from loader.identity.link import link_people
from loader.identity.model import IdentityLink, IdentityLinks, LinkMethod, Unlinked
from loader.identity.sources import IdentitySources, read_identity_sources
from loader.problems import Problems

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


def link_data_dir(data_dir: Path, problems: Problems) -> IdentityLinks:
    """Read the sources under ``data_dir`` and link them."""
    return link_people(read_identity_sources(data_dir, problems))
