// Every franchise with the seasons it played.
// Params: none.
// Returns: id, name, names, codes, first_season, last_season, seasons (one row per Team).
MATCH (t:Team)
OPTIONAL MATCH (ts:TeamSeason)-[:OF_TEAM]->(t)
WITH t, min(ts.season) AS first_season, max(ts.season) AS last_season, count(ts) AS seasons
RETURN t.id AS id, coalesce(t.name, t.id) AS name, coalesce(t.names, []) AS names,
       coalesce(t.codes, []) AS codes, first_season, last_season, seasons
ORDER BY name
