// For each given team-season and player: the games they dressed in for it and whether
// they played in each (TOI > 0), as two parallel lists.
// Params: $team_seasons: list of TeamSeason ids.
// Returns: team_season, player, games (list of int), played (list of boolean).
UNWIND $team_seasons AS ts_id
MATCH (ts:TeamSeason {id: ts_id})-[:PLAYED_HOME|PLAYED_AWAY]->(g:Game)<-[r:PLAYED_IN]-(p:Player)
WHERE r.team = ts.code
RETURN ts.id AS team_season, p.id AS player, collect(g.id) AS games,
       collect(coalesce(r.toi_seconds, 0) > 0) AS played
