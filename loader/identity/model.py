"""The result of identity linking: who got which NHL id, how, and who stayed unlinked."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

LinkMethod = Literal["crosswalk", "team_season", "birth_date_last_name", "birth_date_first_name"]
# In tier order: the report lists methods in this order.
LINK_METHODS: tuple[LinkMethod, ...] = (
    "crosswalk",
    "team_season",
    "birth_date_last_name",
    "birth_date_first_name",
)


@dataclass(frozen=True)
class IdentityLink:
    """A Databank person and their NHL id; ``note`` says what matched (or disagreed)."""

    databank_id: str
    nhl_id: int
    method: LinkMethod
    note: str


@dataclass(frozen=True)
class Unlinked:
    """A Databank NHL player with no safe link; ``candidates`` are the NHL ids that tied."""

    databank_id: str
    name: str
    reason: str
    candidates: tuple[int, ...]


@dataclass(frozen=True)
class IdentityLinks:
    links: dict[str, IdentityLink]
    unlinked: dict[str, Unlinked]

    def nhl_id(self, databank_id: str) -> int | None:
        link = self.links.get(databank_id)
        return link.nhl_id if link else None

    def databank_id(self, nhl_id: int) -> str | None:
        return self._by_nhl_id.get(nhl_id)

    @cached_property
    def _by_nhl_id(self) -> dict[int, str]:
        return {link.nhl_id: link.databank_id for link in self.links.values()}
