"""The centre of the hockey universe (precomputed by the loader) and common teammates.

A season window is answered from the per-decade centres the loader stores (the subgraph of
the links made in one decade's seasons): both ends of the window must fall in one decade.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from graph_api.errors import InvalidInput
from graph_api.graph.paths import PathQueries
from graph_api.graph.repo import GraphRepo
from graph_api.graph.teams import TeamSeasonDirectory
from graph_api.models.centres import Centre, CentresAnswer, CommonTeammate, CommonTeammates
from graph_api.models.refs import TeamSeasonRef

Directory = Callable[[], Awaitable[TeamSeasonDirectory]]


def decade_window(from_season: int | None, to_season: int | None) -> int | None:
    """The decade a season window falls in (None: no window); InvalidInput across decades."""
    decades = {season // 10000 // 10 * 10 for season in (from_season, to_season) if season}
    if len(decades) > 1:
        raise InvalidInput(
            "centres are ranked per decade: from_season and to_season must fall in one decade "
            f"(e.g. 19801981 and 19891990), not {from_season} and {to_season}"
        )
    return decades.pop() if decades else None


class CentreQueries:
    def __init__(
        self, repo: GraphRepo, directory: Directory, paths: PathQueries, timeout_s: float
    ) -> None:
        self._repo = repo
        self._directory = directory
        self._paths = paths
        self._timeout_s = timeout_s

    async def centres(
        self, limit: int, from_season: int | None = None, to_season: int | None = None
    ) -> CentresAnswer:
        decade = decade_window(from_season, to_season)
        if decade is None:
            rows = await self._read("read/centres", limit=limit)
        else:
            rows = await self._read("read/era_centres", decade=decade, limit=limit)
        return CentresAnswer(
            decade=decade,
            from_season=decade * 10001 + 1 if decade is not None else None,
            to_season=(decade + 9) * 10001 + 1 if decade is not None else None,
            centres=[Centre.model_validate(row) for row in rows],
        )

    async def common(self, a: str, b: str, limit: int) -> CommonTeammates:
        """Players who played with both ``a`` and ``b``; NotFound for an unknown id."""
        found = await self._paths.require_players([a, b])
        rows = await self._read("read/common_teammates_of", a=a, b=b)
        directory = await self._directory()

        def refs(ids: list[str]) -> list[TeamSeasonRef]:
            return [directory.ref(ts) for ts in sorted(ids)]

        players = [
            CommonTeammate.model_validate(
                {**row, "with_a": refs(row["with_a"]), "with_b": refs(row["with_b"])}
            )
            for row in rows[:limit]
        ]
        return CommonTeammates(
            a=found[a], b=found[b], total=len(rows), returned=len(players), players=players
        )

    async def _read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        return await self._repo.read_fast(name, timeout_s=self._timeout_s, **params)
