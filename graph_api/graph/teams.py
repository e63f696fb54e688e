"""Teams and team-seasons: the franchise list, rosters, and the team-season directory.

The directory (every ``TeamSeason`` by id, about 2,000 of them) names the evidence of path
hops and turns a ``teams`` constraint into the exact team-season ids a link must share.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph_api.errors import InvalidInput, NotFound
from graph_api.graph.repo import GraphRepo
from graph_api.models.refs import TeamSeasonRef
from graph_api.models.seasons import season_window
from graph_api.models.teams import RosterEntry, TeamList, TeamSeasonRoster, TeamSummary


@dataclass(frozen=True)
class TeamSeasonDirectory:
    """Every team-season by id."""

    by_id: dict[str, TeamSeasonRef]

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, object]]) -> TeamSeasonDirectory:
        refs = (TeamSeasonRef.model_validate(row) for row in rows)
        return cls({ref.id: ref for ref in refs})

    def ref(self, team_season_id: str) -> TeamSeasonRef:
        """The team-season, or one made from its id when the directory lacks it."""
        found = self.by_id.get(team_season_id)
        if found is not None:
            return found
        code, _, season = team_season_id.rpartition("-")
        return TeamSeasonRef(
            id=team_season_id,
            code=code,
            season=int(season) if season.isdigit() else 0,
            team_id=code,
            name=code,
        )

    def known_teams(self) -> set[str]:
        return {ref.team_id for ref in self.by_id.values()} | {
            ref.code for ref in self.by_id.values()
        }

    def resolve(
        self, teams: Iterable[str], from_season: int | None, to_season: int | None
    ) -> list[str]:
        """The team-season ids of these franchises or codes within the season window.

        Raises InvalidInput naming any team that is neither a franchise nor a code.
        """
        wanted = set(teams)
        unknown = sorted(wanted - self.known_teams())
        if unknown:
            raise InvalidInput(
                f"unknown team(s): {', '.join(unknown)}; use a franchise id or team code "
                "from GET /teams"
            )
        low, high = season_window(from_season, to_season)
        return sorted(
            ref.id
            for ref in self.by_id.values()
            if (ref.team_id in wanted or ref.code in wanted) and low <= ref.season <= high
        )


async def load_directory(repo: GraphRepo) -> TeamSeasonDirectory:
    return TeamSeasonDirectory.from_rows(await repo.read_fast("read/team_seasons"))


class TeamQueries:
    """Franchises and rosters."""

    def __init__(self, repo: GraphRepo) -> None:
        self._repo = repo

    async def teams(self) -> TeamList:
        rows = await self._repo.read_fast("read/teams")
        return TeamList(teams=[TeamSummary.model_validate(row) for row in rows])

    async def roster(self, code: str, season: int) -> TeamSeasonRoster:
        rows = await self._repo.read_fast("read/team_season_roster", code=code, season=season)
        row = rows[0] if rows else None
        if row is None:
            raise NotFound(f"no team {code!r} in season {season}")
        return TeamSeasonRoster(
            team_season=TeamSeasonRef.model_validate(row["team_season"]),
            players=[RosterEntry.model_validate(entry) for entry in row["players"]],
        )
