// Every team-season of every player who played for one of the given team-seasons (to
// recompute their TEAMMATE_OF relationships).
// Params: $team_seasons: list of TeamSeason ids.
// Returns: player, team_season, season, team, games (regular season + playoffs, the
//   estimate of a link's strength where the team-season has no per-game data).
UNWIND $team_seasons AS ts_id
MATCH (:TeamSeason {id: ts_id})<-[:PLAYED_FOR]-(p:Player)
WITH DISTINCT p
MATCH (p)-[pf:PLAYED_FOR]->(ts:TeamSeason)
RETURN p.id AS player, ts.id AS team_season, ts.season AS season, ts.team_id AS team,
       coalesce(pf.games, 0) + coalesce(pf.playoff_games, 0) AS games
