// Recompute each franchise's latest name and every name and code it played under, from
// its team-seasons.
// Params: $ids: list of Team ids.
// Returns: nothing.
UNWIND $ids AS id
MATCH (t:Team {id: id})<-[:OF_TEAM]-(ts:TeamSeason)
WITH t, ts ORDER BY ts.season, ts.id
WITH t, collect(ts) AS team_seasons
CALL (team_seasons) {
  UNWIND team_seasons AS ts
  WITH DISTINCT ts.name AS name
  ORDER BY name
  RETURN collect(name) AS names
}
CALL (team_seasons) {
  UNWIND team_seasons AS ts
  UNWIND [ts.code, ts.databank_code] AS code
  WITH DISTINCT code
  WHERE code IS NOT NULL
  ORDER BY code
  RETURN collect(code) AS codes
}
SET t.name = last(team_seasons).name,
    t.names = names,
    t.codes = codes
