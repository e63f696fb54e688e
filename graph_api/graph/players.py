"""Player queries: search-as-you-type, the player page, teammates, "were they teammates?"."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from graph_api.errors import NotFound
from graph_api.graph.player_ids import PlayerIdsSource
from graph_api.graph.repo import GraphRepo
from graph_api.graph.teams import TeamSeasonDirectory
from graph_api.models.players import (
    PlayerDetail,
    PlayerHit,
    Stint,
    TeammateLink,
    TeammatesPage,
)
from graph_api.models.refs import PlayerRef
from graph_api.models.seasons import season_window
from graph_api.names import fold_name
from graph_api.settings import PathsSettings

__all__ = ["PlayerHit", "PlayerQueries", "TeammateLink", "lucene_query"]

Directory = Callable[[], Awaitable[TeamSeasonDirectory]]
MATCH_KINDS = ("prefix", "word", "fuzzy")
FUZZY_MIN_LENGTH = 4


def lucene_query(folded: str) -> str:
    """The full-text query for a folded search string: every word must match.

    The last word may be unfinished (prefix); words of 4+ letters also match with one typo
    (two from 8 letters). Folded text is only ``[a-z0-9 ]``, so nothing needs escaping.
    """
    words = folded.split()
    clauses = []
    for i, word in enumerate(words):
        options = [word]
        if i == len(words) - 1:
            options.append(f"{word}*")
        if len(word) >= FUZZY_MIN_LENGTH:
            options.append(f"{word}~{2 if len(word) >= 8 else 1}")
        clauses.append("+(" + " ".join(options) + ")")
    return " ".join(clauses)


class PlayerQueries:
    """Players: search, detail, teammates. A player id may be the canonical id or an alias
    (a Databank id); answers always carry the canonical one."""

    def __init__(
        self,
        repo: GraphRepo,
        directory: Directory,
        settings: PathsSettings,
        player_ids: PlayerIdsSource,
    ) -> None:
        self._repo = repo
        self._directory = directory
        self._timeout = settings.query_timeout_s
        self._player_ids = player_ids

    async def search(self, q: str, limit: int = 10) -> list[PlayerHit]:
        """Accent/case-insensitive, typo-tolerant; prefix matches first, then by games."""
        folded = fold_name(q)
        if not folded:
            return []
        rows = await self._repo.read_fast(
            "read/search_players",
            timeout_s=self._timeout,
            prefix=folded,
            word=" " + folded,
            lucene=lucene_query(folded),
            fuzzy_limit=max(limit * 3, 20),
            limit=limit,
        )
        return [
            PlayerHit.model_validate({**row["player"], "match": MATCH_KINDS[row["tier"]]})
            for row in rows
        ]

    async def get(self, player_id: str) -> PlayerDetail:
        player_id = (await self._player_ids()).canonical(player_id)
        rows = await self._repo.read_fast("read/player", timeout_s=self._timeout, id=player_id)
        row = rows[0] if rows else None
        if row is None:
            raise NotFound(f"no player with id {player_id}")
        stints = [Stint.model_validate(stint) for stint in row["stints"]]
        player = dict(row["player"])
        if player.get("birth_date") in ("", None):
            player["birth_date"] = None
        return PlayerDetail.model_validate(
            {
                **player,
                "teammates": row["teammates"],
                "seasons": len({stint.team_season.season for stint in stints}),
                "stints": stints,
            }
        )

    async def teammates(
        self,
        player_id: str,
        *,
        season: int | None = None,
        team: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> TeammatesPage:
        player_id = (await self._player_ids()).canonical(player_id)
        rows = await self._repo.read_fast(
            "read/player_teammates",
            timeout_s=self._timeout,
            id=player_id,
            season=season,
            team=team,
            team_prefix=f"{team}-" if team else None,
            offset=offset,
            limit=limit,
        )
        row = rows[0] if rows else None
        if row is None:
            raise NotFound(f"no player with id {player_id}")
        directory = await self._directory()
        player = await self._ref(player_id)
        links = [
            self._link(item["player"], item["link"], directory, season, season)
            for item in row["items"]
        ]
        return TeammatesPage(
            player=player, total=row["total"], limit=limit, offset=offset, teammates=links
        )

    async def are_teammates(
        self,
        a_id: str,
        b_id: str,
        *,
        min_games: int | None = None,
        from_season: int | None = None,
        to_season: int | None = None,
    ) -> TeammateLink | None:
        """The link from ``a`` to ``b`` (``player`` is ``b``), or None when they were not
        teammates within the season window and with at least ``min_games`` together."""
        a_id, b_id = (await self._player_ids()).canonical_all((a_id, b_id))
        if a_id == b_id:
            return None
        row = await self._repo.read_fast(
            "read/teammate_link", timeout_s=self._timeout, a_id=a_id, b_id=b_id
        )
        if not row:
            return None
        link = row[0]["link"]
        if min_games is not None and (link.get("games_together") or 0) < min_games:
            return None
        found = self._link(row[0]["b"], link, await self._directory(), from_season, to_season)
        return found if found.seasons else None

    async def _ref(self, player_id: str) -> PlayerRef:
        rows = await self._repo.read_fast(
            "read/players_by_ids", timeout_s=self._timeout, ids=[player_id]
        )
        if not rows:
            raise NotFound(f"no player with id {player_id}")
        return PlayerRef.model_validate(rows[0]["player"])

    @staticmethod
    def _link(
        player: dict[str, Any],
        link: dict[str, Any],
        directory: TeamSeasonDirectory,
        from_season: int | None,
        to_season: int | None,
    ) -> TeammateLink:
        low, high = season_window(from_season, to_season)
        refs = [directory.ref(ts) for ts in link.get("team_seasons") or ()]
        refs = sorted(
            (ref for ref in refs if low <= ref.season <= high), key=lambda r: (r.season, r.id)
        )
        seasons = [s for s in link.get("seasons") or () if low <= s <= high]
        return TeammateLink(
            player=PlayerRef.model_validate(player),
            seasons=seasons,
            teams=sorted({ref.team_id for ref in refs}) if refs else list(link.get("teams") or ()),
            team_seasons=refs,
            games_together=link.get("games_together"),
            games_played_together=link.get("games_played_together"),
            strength=link.get("strength"),
            strength_estimated=link.get("strength_estimated"),
        )
