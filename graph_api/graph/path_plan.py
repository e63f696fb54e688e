"""A path request made ready for the queries, and the shaping of the rows they return.

``PathPlan`` holds the hop cap and the constraint params; ``path_result`` turns a row of
players and links into a ``PathResult`` whose hops carry their evidence, narrowed to the
team-seasons the constraints allowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph_api.graph.teams import TeamSeasonDirectory
from graph_api.models.paths import Hop, PathConstraints, PathResult, why
from graph_api.models.refs import PlayerRef
from graph_api.models.seasons import OPEN_FROM, OPEN_TO, season_window


@dataclass(frozen=True)
class PathPlan:
    """A request made ready for the queries: its hop cap and constraint params."""

    from_id: str
    to_id: str
    constraints: PathConstraints
    max_hops: int
    params: dict[str, Any] | None  # None: no link or player filter (the plain queries)
    directory: TeamSeasonDirectory

    @property
    def query_params(self) -> dict[str, Any]:
        return self.params if self.params is not None else open_params()


def open_params() -> dict[str, Any]:
    """Constraint params that let every link and player through."""
    return {
        "from_season": OPEN_FROM,
        "to_season": OPEN_TO,
        "check_seasons": False,
        "team_seasons": None,
        "min_games": None,
        "exclude": [],
    }


def constraint_params(
    constraints: PathConstraints, directory: TeamSeasonDirectory
) -> dict[str, Any] | None:
    """The params of the ``*_constrained`` queries, or None when nothing filters links."""
    if not constraints.filters_links:
        return None
    team_seasons = None
    if constraints.teams:
        team_seasons = directory.resolve(
            constraints.teams, constraints.from_season, constraints.to_season
        )
    windowed = bool(constraints.from_season or constraints.to_season)
    low, high = season_window(constraints.from_season, constraints.to_season)
    return {
        "from_season": low,
        "to_season": high,
        # With a team filter the resolved team-seasons already hold the window.
        "check_seasons": windowed and team_seasons is None,
        "team_seasons": team_seasons,
        "min_games": constraints.min_games,
        "exclude": list(constraints.exclude),
    }


def path_result(row: dict[str, Any], plan: PathPlan) -> PathResult:
    """A row of ``players`` and ``links`` (as the path queries return them) as a path."""
    players = [PlayerRef.model_validate(player) for player in row["players"]]
    hops = [
        hop_evidence(players[i].id, players[i + 1].id, link, plan)
        for i, link in enumerate(row["links"])
    ]
    return PathResult(length=len(hops), players=players, hops=hops)


def hop_evidence(a: str, b: str, link: dict[str, Any], plan: PathPlan) -> Hop:
    """The evidence of one link, narrowed to what the constraints allowed."""
    constraints = plan.constraints
    low, high = season_window(constraints.from_season, constraints.to_season)
    allowed = set(plan.params["team_seasons"] or ()) if plan.params else set()
    refs = [plan.directory.ref(ts) for ts in link.get("team_seasons") or ()]
    refs = [
        ref
        for ref in refs
        if low <= ref.season <= high and (not constraints.teams or ref.id in allowed)
    ]
    refs.sort(key=lambda ref: (ref.season, ref.id))
    narrowed = bool(constraints.teams or constraints.from_season or constraints.to_season)
    seasons = sorted({ref.season for ref in refs}) if narrowed else list(link["seasons"])
    teams = sorted({ref.team_id for ref in refs}) if narrowed else list(link["teams"])
    games = link.get("games_together")
    return Hop(
        from_id=a,
        to_id=b,
        why=why(refs, games),
        seasons=seasons,
        teams=teams,
        team_seasons=refs,
        games_together=games,
        games_played_together=link.get("games_played_together"),
        strength=link.get("strength"),
        strength_estimated=link.get("strength_estimated"),
    )


def no_path_reason(
    plan: PathPlan, source: PlayerRef, target: PlayerRef, shortest: int | None
) -> str:
    """Why there is no answer: too many hops for ``max_hops``, or no path at all."""
    names = f"{source.name} and {target.name}"
    if shortest is not None:
        return (
            f"the shortest path between {names} has {shortest} hops, "
            f"more than max_hops={plan.max_hops}"
        )
    if plan.params is None:
        return f"{names} are not connected by teammates within {plan.max_hops} hops"
    return f"no teammate path joins {names} within the constraints"
