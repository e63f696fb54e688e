// Create or update team-seasons, their franchise (Team) and the OF_TEAM link.
// Params: $rows: list of {id, code, season, name, team_id, databank_code}.
// Returns: nothing.
UNWIND $rows AS row
MERGE (ts:TeamSeason {id: row.id})
SET ts.code = row.code,
    ts.season = row.season,
    ts.name = row.name,
    ts.team_id = row.team_id,
    ts.databank_code = coalesce(row.databank_code, ts.databank_code)
MERGE (t:Team {id: row.team_id})
MERGE (ts)-[:OF_TEAM]->(t)
