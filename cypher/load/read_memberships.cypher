// Every team-season of every player who played for one of the given team-seasons (to
// recompute their TEAMMATE_OF relationships).
// Params: $team_seasons: list of TeamSeason ids.
// Returns: player, team_season, season, team.
UNWIND $team_seasons AS ts_id
MATCH (:TeamSeason {id: ts_id})<-[:PLAYED_FOR]-(p:Player)
WITH DISTINCT p
MATCH (p)-[:PLAYED_FOR]->(ts:TeamSeason)
RETURN p.id AS player, ts.id AS team_season, ts.season AS season, ts.team_id AS team
