"""What the battles ask the graph, as a small protocol, and how a typed name is resolved.

:class:`GraphOracle` is implemented over the path API's query modules by
:class:`~graph_api.battle.service.graph_repo_oracle.GraphRepoOracle`; tests may pass any
object with these methods. Resolving free text follows one rule (:func:`pick`): an exact accent- and
case-insensitive name match that is unique wins, else a single search hit wins, else the
guess is ambiguous ("did you mean ...") or unknown. Neither costs a life.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from graph_api.battle.game.rules import RoomRules
from graph_api.battle.game.state import PlayerRef
from graph_api.errors import InvalidInput
from graph_api.models.challenges import Difficulty
from graph_api.names import fold_name

SEARCH_LIMIT = 6


@dataclass(frozen=True)
class LinkRules:
    """Which teammate links count: a season window and a "played together" minimum."""

    from_season: int | None = None
    to_season: int | None = None
    min_games: int = 0

    @classmethod
    def of(cls, rules: RoomRules) -> LinkRules:
        return cls(rules.from_season, rules.to_season, rules.min_games_together)

    @property
    def filters(self) -> bool:
        """Whether some teammate links do not count under these rules."""
        return bool(self.from_season or self.to_season or self.min_games)


class Unplayable(InvalidInput):
    """No game can be played under these rules: no challenge connects under them, or the
    chosen start player has no teammate under them."""

    code = "unplayable_rules"


@dataclass(frozen=True)
class Candidate:
    """A search hit: who the player is, plus enough to tell namesakes apart."""

    id: str
    name: str
    search_name: str
    first_season: int | None = None
    last_season: int | None = None
    position: str | None = None

    def ref(self) -> PlayerRef:
        return PlayerRef(id=self.id, name=self.name)

    def describe(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "first_season": self.first_season,
            "last_season": self.last_season,
            "position": self.position,
        }


@dataclass(frozen=True)
class Teammate:
    """A player and the team-seasons he shared with another one (never empty)."""

    player: PlayerRef
    team_seasons: tuple[str, ...]


@dataclass(frozen=True)
class Challenge:
    """A start and a target player and the length of the shortest path between them."""

    start: PlayerRef
    target: PlayerRef
    optimal_hops: int


@dataclass(frozen=True)
class Resolution:
    """The player a guess names, or why it names nobody in particular."""

    player: PlayerRef | None
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def ambiguous(self) -> bool:
        return self.player is None and bool(self.candidates)


class GraphOracle(Protocol):
    """What the battles ask the teammate graph (who is who, who played with whom)."""

    async def player(self, player_id: str) -> PlayerRef | None: ...

    async def search(self, text: str, limit: int) -> list[Candidate]: ...

    async def teammate_link(self, a_id: str, b_id: str, rules: LinkRules) -> Teammate | None:
        """``b`` and the team-seasons he shared with ``a`` under ``rules``; None if they
        were not teammates under them (or ``b`` does not exist)."""
        ...

    async def challenge(self, difficulty: Difficulty, rules: LinkRules) -> Challenge:
        """Players to connect at this difficulty; :class:`Unplayable` if none connect."""
        ...

    async def optimal_paths(
        self, a_id: str, b_id: str, rules: LinkRules, limit: int
    ) -> list[list[PlayerRef]]: ...

    async def teammates(
        self, player_id: str, rules: LinkRules, limit: int, exclude: list[str]
    ) -> list[PlayerRef]:
        """Teammates of a player under ``rules``, most games first, none of ``exclude``."""
        ...


def pick(text: str, hits: list[Candidate]) -> Resolution:
    """Resolve typed text against its search hits (see the module docstring)."""
    folded = fold_name(text)
    exact = [hit for hit in hits if hit.search_name == folded]
    if len(exact) == 1:
        return Resolution(exact[0].ref())
    if len(exact) > 1:
        return Resolution(None, exact)
    if len(hits) == 1:
        return Resolution(hits[0].ref())
    return Resolution(None, hits)


async def resolve(oracle: GraphOracle, player_id: str | None, text: str | None) -> Resolution:
    """The player named by id or by free text."""
    if player_id is not None:
        found = await oracle.player(player_id)
        return Resolution(found)
    if text is None or not fold_name(text):
        return Resolution(None)
    return pick(text, await oracle.search(text, SEARCH_LIMIT))
