"""Either id names a player: the canonical ``Player.id`` or a Hockey Databank id.

A linked person is keyed by his NHL id (``8447400``) and keeps his Databank id
(``gretzwa01``) as ``databank_id``. :class:`PlayerIds` maps every such alias to the
canonical id; it is read once per data version (about 8,000 entries) and applied before a
query, so accepting either form costs no round trip. Ids that are no alias pass unchanged
(an unknown id is then reported by the query as before).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping

from graph_api.graph.repo import GraphRepo

__all__ = ["PlayerIds", "PlayerIdsSource", "load_player_ids"]


class PlayerIds:
    """Alias (Databank id) -> canonical player id, for one data version."""

    def __init__(self, aliases: Mapping[str, str]) -> None:
        self._aliases = dict(aliases)

    def __len__(self) -> int:
        return len(self._aliases)

    def canonical(self, player_id: str) -> str:
        return self._aliases.get(player_id, player_id)

    def canonical_all(self, player_ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(self._aliases.get(player_id, player_id) for player_id in player_ids)


PlayerIdsSource = Callable[[], Awaitable[PlayerIds]]


async def load_player_ids(repo: GraphRepo) -> PlayerIds:
    rows = await repo.read_fast("read/player_aliases")
    return PlayerIds({row["alias"]: row["id"] for row in rows})
