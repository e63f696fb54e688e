"""Which Databank team (``tmID``) a statsapi team id is in each season, derived from names.

The statsapi teams file has one current name per team id (``Ottawa Senators (1917)``,
``Anaheim Ducks``); the Databank's ``Teams.csv`` has the name of each season. A statsapi team
is the Databank team of that season with the same folded name (a parenthesised year dropped),
else the one team of that season whose name contains both its location and its nickname
(``Mighty Ducks of Anaheim``). No hand-written rows: a team-season with no such match (a
season the Databank does not cover) is left out.
"""

from __future__ import annotations

import re
from collections import defaultdict

from graph_api.names import fold_name
from loader.identity.sources import DatabankTeamSeason, StatsapiTeam

_PARENTHESES = re.compile(r"\([^)]*\)")


def team_key(name: str) -> str:
    """``"Ottawa Senators (1917)"`` -> ``"ottawasenators"``."""
    return fold_name(_PARENTHESES.sub(" ", name)).replace(" ", "")


def statsapi_to_databank_teams(
    statsapi_team_seasons: set[tuple[int, int]],
    teams: dict[int, StatsapiTeam],
    databank_team_seasons: tuple[DatabankTeamSeason, ...],
) -> dict[tuple[int, int], str]:
    """``(season start, statsapi team id) -> Databank tmID`` for every team-season it can map."""
    by_season: dict[int, dict[str, str]] = defaultdict(dict)
    for ts in databank_team_seasons:
        by_season[ts.season_start][team_key(ts.name)] = ts.tm_id
    mapping: dict[tuple[int, int], str] = {}
    for season, team_id in statsapi_team_seasons:
        team = teams.get(team_id)
        names = by_season.get(season)
        if team is None or not names:
            continue
        tm_id = names.get(team_key(team.name))
        if tm_id is None:
            parts = (team_key(team.location_name), team_key(team.team_name))
            found = [tm for key, tm in names.items() if all(p and p in key for p in parts)]
            tm_id = found[0] if len(found) == 1 else None
        if tm_id is not None:
            mapping[(season, team_id)] = tm_id
    return mapping
