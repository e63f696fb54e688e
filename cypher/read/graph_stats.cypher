// Graph size (from Neo4j's count store) and the season range.
// Params: none.
// Returns: players, teammate_links, teams, team_seasons, games (ints), first_season,
//   last_season (ints or null).
CALL () { MATCH (p:Player) RETURN count(p) AS players }
CALL () { MATCH ()-[r:TEAMMATE_OF]->() RETURN count(r) AS teammate_links }
CALL () { MATCH (t:Team) RETURN count(t) AS teams }
CALL () { MATCH (ts:TeamSeason) RETURN count(ts) AS team_seasons }
CALL () { MATCH (g:Game) RETURN count(g) AS games }
CALL () { MATCH (ts:TeamSeason) RETURN min(ts.season) AS first_season, max(ts.season) AS last_season }
RETURN players, teammate_links, teams, team_seasons, games, first_season, last_season
