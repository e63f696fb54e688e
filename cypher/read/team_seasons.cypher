// Every team-season, for naming the evidence of path hops and resolving team constraints.
// Params: none.
// Returns: id, code, season, team_id, name (one row per TeamSeason).
MATCH (ts:TeamSeason)
RETURN ts.id AS id, ts.code AS code, ts.season AS season, ts.team_id AS team_id,
       coalesce(ts.name, ts.code) AS name
